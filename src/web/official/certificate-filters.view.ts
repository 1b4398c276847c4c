import { Type } from '@nestjs/common';
import { CERTIFICATION_STATUSES } from '../../certification/certification-status';
import { CERTIFICATE_KINDS } from '../../certification/certificate-list';
import { field } from '../form-fields';
import { FieldErrors, validateForm } from '../form-input';
import { html, SafeHtml } from '../html';
import { pageParam } from '../pager';
import type { WebContext } from '../web-context';
import { KIND_KEYS, STATUS_KEYS } from './certificate-sections.view';
import type { Option, References } from './reference-labels';

export const LIST_LIMIT = 20;

/** The list's query as the API's query DTO takes it, or the messages for the filters that are wrong. */
export interface ListQuery<T> {
  query?: T;
  /** The filters as typed, to fill the form again. */
  values: Record<string, string>;
  errors: FieldErrors;
}

/**
 * Picks the named filters from the address (empty ones dropped, so an untouched select means "all")
 * and validates them with the API's own query DTO; the page number comes from `page`.
 */
export async function listQuery<T>(
  dto: Type<T>,
  raw: Record<string, unknown>,
  names: readonly string[],
  limit = LIST_LIMIT,
): Promise<ListQuery<T>> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = raw[name];
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  const checked = await validateForm(dto, { ...values, page: pageParam(raw.page), limit });
  return checked.errors ? { values, errors: checked.errors } : { query: checked.value, values, errors: {} };
}

export const CERTIFICATE_FILTERS = [
  'search',
  'status',
  'kind',
  'market',
  'communeCode',
  'productCode',
  'overdue',
  'inspectionDueBefore',
  'sort',
] as const;

const checkbox = (name: string, label: string, checked: boolean, error?: string): SafeHtml =>
  html`<div class="field check${error ? ' invalid' : ''}">
    <label
      ><input type="checkbox" name="${name}" value="true" ${checked ? html`checked` : ''} /> ${label}</label
    >
    ${error ? html`<p class="error">${error}</p>` : ''}
  </div>`;

/** The filters codes and facilities share (SPEC §5), as a GET form that also searches as you type. */
export function certificateFilters(
  ctx: WebContext,
  options: {
    action: string;
    values: Record<string, string>;
    errors: FieldErrors;
    refs: References;
    sorts: Option[];
    atRisk?: boolean;
  },
): SafeHtml {
  const { t } = ctx;
  const { values, errors, refs } = options;
  const all = { value: '', label: t('cert.filter.all') };
  return html`<form
    method="get"
    action="${options.action}"
    class="inline card"
    role="search"
    data-live="#results"
  >
    ${field({ name: 'search', label: t('cert.filter.search'), type: 'search', value: values.search, error: errors.search, attrs: { autocomplete: 'off', maxlength: '32' } })}
    ${field({
      name: 'status',
      label: t('cert.filter.status'),
      type: 'select',
      value: values.status,
      error: errors.status,
      options: [all, ...CERTIFICATION_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))],
    })}
    ${field({
      name: 'kind',
      label: t('cert.filter.kind'),
      type: 'select',
      value: values.kind,
      error: errors.kind,
      options: [all, ...CERTIFICATE_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))],
    })}
    ${field({ name: 'market', label: t('cert.filter.market'), value: values.market, error: errors.market, attrs: { maxlength: '2', autocapitalize: 'characters', size: '4' } })}
    ${field({ name: 'communeCode', label: t('cert.filter.commune'), type: 'select', value: values.communeCode, error: errors.communeCode, options: [all, ...refs.communes] })}
    ${field({ name: 'productCode', label: t('cert.filter.product'), type: 'select', value: values.productCode, error: errors.productCode, options: [all, ...refs.products] })}
    ${field({ name: 'inspectionDueBefore', label: t('cert.filter.dueBefore'), type: 'date', value: values.inspectionDueBefore, error: errors.inspectionDueBefore })}
    ${field({ name: 'sort', label: t('cert.filter.sort'), type: 'select', value: values.sort, error: errors.sort, options: options.sorts })}
    ${checkbox('overdue', t('cert.filter.overdue'), values.overdue === 'true', errors.overdue)}
    ${options.atRisk ? checkbox('atRisk', t('cert.filter.atRisk'), values.atRisk === 'true', errors.atRisk) : ''}
    <button type="submit">${t('form.filter')}</button>
  </form>`;
}
