import type { Page } from '@lienket/http-common';
import type { HouseholdResponse } from '../../households/dto/household.response';
import { POVERTY_STATUSES } from '../../households/household.entity';
import { field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { cell } from './format';
import type { CommuneChoices } from './reference-options';

export interface HouseholdFilters {
  search?: string;
  communeCode?: string;
  povertyStatus?: string;
  ethnicity?: string;
}

export interface ListReferences {
  communes: CommuneChoices;
  ethnicities: ReadonlyMap<string, string>;
}

/** A commune as a select of the province's communes, or a code field when the list is too long. */
export function communeField(
  ctx: WebContext,
  spec: { name: string; value?: string; error?: string; required?: boolean; emptyLabel: string },
  communes: CommuneChoices,
): SafeHtml {
  const label = ctx.t('households.commune');
  if (!communes.complete) {
    return field({
      ...spec,
      label,
      hint: ctx.t('households.hint.commune'),
      attrs: { inputmode: 'numeric', pattern: '\\d{5}', maxlength: '5' },
    });
  }
  return field({
    ...spec,
    label,
    type: 'select',
    options: [
      { value: '', label: spec.emptyLabel },
      ...[...communes.names].map(([code, name]) => ({ value: code, label: name })),
    ],
  });
}

/** The filter form: typing re-fetches #results (X-Partial), the button works without script. */
export function householdFilterForm(
  ctx: WebContext,
  filters: HouseholdFilters,
  refs: ListReferences,
  errors: FieldErrors,
): SafeHtml {
  const { t } = ctx;
  return html`<form class="inline card" method="get" action="/households" data-live="#results" role="search">
    ${field({
      name: 'search',
      label: t('households.search'),
      type: 'search',
      value: filters.search,
      error: errors.search,
      hint: t('households.searchHint'),
      attrs: { autocomplete: 'off' },
    })}
    ${communeField(
      ctx,
      {
        name: 'communeCode',
        value: filters.communeCode,
        error: errors.communeCode,
        emptyLabel: t('households.anyCommune'),
      },
      refs.communes,
    )}
    ${field({
      name: 'povertyStatus',
      label: t('households.povertyStatus'),
      type: 'select',
      value: filters.povertyStatus,
      error: errors.povertyStatus,
      options: [
        { value: '', label: t('households.anyPoverty') },
        ...POVERTY_STATUSES.map((s) => ({ value: s, label: t(`households.poverty.${s}`) })),
      ],
    })}
    ${field({
      name: 'ethnicity',
      label: t('households.ethnicity'),
      type: 'select',
      value: filters.ethnicity,
      error: errors.ethnicity,
      options: [
        { value: '', label: t('households.anyEthnicity') },
        ...[...refs.ethnicities].map(([code, name]) => ({ value: code, label: name })),
      ],
    })}
    <button type="submit">${t('form.search')}</button>
  </form>`;
}

/** What #results holds: the table of one page and its pager (also the X-Partial answer). */
export function householdResults(
  ctx: WebContext,
  page: Page<HouseholdResponse>,
  refs: ListReferences,
): SafeHtml {
  const { t } = ctx;
  if (page.items.length === 0) return html`<p class="card">${t('households.empty')}</p>`;
  const labels = {
    name: t('households.headName'),
    nationalId: t('households.nationalId'),
    birthYear: t('households.birthYear'),
    commune: t('households.commune'),
    village: t('households.village'),
    poverty: t('households.povertyStatus'),
    ethnicity: t('households.ethnicity'),
    members: t('households.memberCount'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${labels.name}</th>
            <th scope="col">${labels.nationalId}</th>
            <th scope="col" class="num">${labels.birthYear}</th>
            <th scope="col">${labels.commune}</th>
            <th scope="col">${labels.village}</th>
            <th scope="col">${labels.poverty}</th>
            <th scope="col">${labels.ethnicity}</th>
            <th scope="col" class="num">${labels.members}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (h) =>
              html`<tr>
                ${cell(labels.name, html`<a href="/households/${h.id}">${h.headName}</a>`)}
                ${cell(labels.nationalId, h.nationalId)} ${cell(labels.birthYear, h.birthYear, 'num')}
                ${cell(labels.commune, refs.communes.names.get(h.communeCode) ?? h.communeCode)}
                ${cell(labels.village, h.village)}
                ${cell(labels.poverty, t(`households.poverty.${h.povertyStatus}`))}
                ${cell(labels.ethnicity, h.ethnicityName)} ${cell(labels.members, h.memberCount, 'num')}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total)}`;
}
