import { HttpException, Type } from '@nestjs/common';
import { createValidationPipe, ValidationFailedException } from '@lienket/http-common';

export interface FormShape {
  numbers?: readonly string[];
  booleans?: readonly string[];
  arrays?: readonly string[];
}

/**
 * A posted form as the API's DTO expects it: the CSRF field dropped, empty fields left out, numbers
 * and checkboxes converted, `a.b` names nested (consent.givenOn → { consent: { givenOn } }).
 */
export function formValues(body: Record<string, unknown>, shape: FormShape = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, rawValue] of Object.entries(body ?? {})) {
    if (name === '_csrf') continue;
    let value: unknown = rawValue;
    if (shape.arrays?.includes(name)) {
      value = (Array.isArray(rawValue) ? rawValue : [rawValue]).filter((v) => v !== '' && v !== undefined);
    } else if (typeof value === 'string') {
      value = value.trim();
      if (value === '') continue;
      if (shape.numbers?.includes(name) && /^-?\d+(\.\d+)?$/.test(value as string)) value = Number(value);
      if (shape.booleans?.includes(name)) value = ['on', 'true', '1'].includes(value as string);
    }
    const path = name.split('.');
    let target = out;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  }
  for (const name of shape.booleans ?? []) if (!(name in out)) out[name] = false;
  return out;
}

export type FieldErrors = Record<string, string>;

/** Validates with the API's own pipe and DTO, so a page shows exactly the API's messages. */
export async function validateForm<T>(
  dto: Type<T>,
  values: Record<string, unknown>,
): Promise<{ value: T; errors?: undefined } | { value?: undefined; errors: FieldErrors }> {
  try {
    return { value: (await createValidationPipe().transform(values, { type: 'body', metatype: dto })) as T };
  } catch (error) {
    if (error instanceof ValidationFailedException) return { errors: fieldErrorsOf(error) };
    throw error;
  }
}

const fieldErrorsOf = (error: ValidationFailedException): FieldErrors =>
  Object.fromEntries(error.details.map((d) => [d.field, d.message]));

/**
 * What a service's refusal (409, 422, 404 …) says, for the form to show: its message, and its
 * field errors when it names fields. Anything else is re-thrown (a 500 stays a 500).
 */
export function refusalOf(error: unknown): { message: string; errors: FieldErrors } {
  if (error instanceof ValidationFailedException) return { message: '', errors: fieldErrorsOf(error) };
  if (error instanceof HttpException && error.getStatus() < 500) {
    const body = error.getResponse();
    const message =
      typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return { message, errors: {} };
  }
  throw error;
}
