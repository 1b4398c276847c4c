import { HttpException } from '@nestjs/common';
import type { Request } from 'express';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';

/** A date-only value (YYYY-MM-DD) as people in Vietnam write it: 15/01/2026. */
export const dateText = (value: string | null | undefined): string =>
  value ? value.replace(/^(\d{4})-(\d{2})-(\d{2}).*$/, '$3/$2/$1') : '';

/** A moment as a date (and time) in Việt Nam: 24/11/2026 08:25. */
export const dateTimeText = (
  ctx: WebContext,
  value: Date | string | null | undefined,
  withTime = true,
): string =>
  value
    ? new Intl.DateTimeFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(new Date(value))
    : '';

export const numberText = (ctx: WebContext, value: number, maxDigits = 2): string =>
  new Intl.NumberFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: maxDigits }).format(
    value,
  );

/** The fragment alone when app.js asks for it (search as you type), else the whole page. */
export const wantsFragment = (req: Request): boolean => req.headers['x-partial'] === '1';

/** A one-line query value (the first when repeated), trimmed; undefined when empty. */
export function queryText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** The named query values that are present, ready for the API's list DTO. */
export function pickQuery(query: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = queryText(query[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Form values as text for re-showing a form (nested `consent.givenOn` read by its dotted name). */
export function valueAt(values: Record<string, unknown>, name: string): string | number | undefined {
  const value = name
    .split('.')
    .reduce<unknown>(
      (o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined),
      values,
    );
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** A form's state when it is shown again: what was typed, the API's messages, a form-level message. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldErrors;
  message?: string;
}

export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: {} });

/** A `<td>` that stacks on phones with its column's label. */
export const cell = (
  label: string,
  content: SafeHtml | string | number | null | undefined,
  className = '',
): SafeHtml => html`<td data-label="${label}" ${className ? html`class="${className}"` : ''}>${content}</td>`;

/** The status a refused form answers with: the service's (409, 422 …), 400 for validation. */
export const statusOf = (error: unknown): number =>
  error instanceof HttpException ? error.getStatus() : 400;
