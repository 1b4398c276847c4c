import { HttpException, Type } from '@nestjs/common';
import type { Response } from 'express';
import { ChangeStatusDto } from '../../certification/dto/change-status.dto';
import { CreateInspectionDto } from '../../certification/dto/create-inspection.dto';
import { formValues, refusalOf, validateForm } from '../form-input';
import type { FormState } from './certificate-forms.view';

/** Done (the page redirects), or refused with the status to answer and the form to show again. */
export type Outcome = { ok: true } | { ok: false; status: number; state: FormState };

/**
 * Validates posted values with the API's DTO and runs the service call: 400 with the messages per
 * field, or the service's own refusal (404, 409, 422) as the form's message.
 */
export async function submitForm<T>(
  dto: Type<T>,
  values: Record<string, unknown>,
  run: (value: T) => Promise<unknown>,
): Promise<Outcome> {
  const checked = await validateForm(dto, values);
  if (checked.errors) return { ok: false, status: 400, state: { values, errors: checked.errors } };
  try {
    await run(checked.value);
    return { ok: true };
  } catch (error) {
    const refusal = refusalOf(error);
    const status = error instanceof HttpException ? error.getStatus() : 400;
    return { ok: false, status, state: { values, errors: refusal.errors, message: refusal.message } };
  }
}

/** Residue test and diary are yes / no / not recorded: the select's `true`/`false`, or left out. */
const triState = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export function inspectionValues(body: Record<string, unknown>): Record<string, unknown> {
  const values = formValues(body, { booleans: ['suspend'] });
  for (const name of ['residueTestPassed', 'diaryKept']) {
    if (name in values) values[name] = triState(values[name]);
  }
  return values;
}

export const submitInspection = (
  body: Record<string, unknown>,
  record: (dto: CreateInspectionDto) => Promise<unknown>,
): Promise<Outcome> => submitForm(CreateInspectionDto, inspectionValues(body), record);

export const submitStatus = (
  body: Record<string, unknown>,
  change: (dto: ChangeStatusDto) => Promise<unknown>,
): Promise<Outcome> => submitForm(ChangeStatusDto, formValues(body), change);

/**
 * Post/Redirect/Get: 303 to `next` when the change was made; otherwise the page again (drawn by
 * `again` with the refused form's state) under the refusal's status.
 */
export async function answerForm(
  res: Response,
  outcome: Outcome,
  next: string,
  again: (state: FormState) => Promise<string>,
): Promise<string | void> {
  if (outcome.ok) {
    res.redirect(303, next);
    return;
  }
  const page = await again(outcome.state);
  res.status(outcome.status);
  return page;
}
