import { GENDERS, POVERTY_STATUSES } from '../../households/household.entity';
import { alert, csrfField, field } from '../form-fields';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';
import { FormState, valueAt } from './format';
import { communeField, ListReferences } from './household-list.view';

/** Numbers the household DTOs expect as numbers (the form posts text). */
export const HOUSEHOLD_NUMBERS = ['birthYear', 'memberCount', 'povertyAssessedYear', 'version'] as const;

export interface HouseholdFormOptions {
  action: string;
  cancel: string;
  /** Edit: the version the form was read at (optimistic locking). */
  version?: number;
  /** Officials registering into a cooperative they came from. */
  cooperativeId?: string;
  /** Extra markup above the fields (the stale-version notice). */
  notice?: SafeHtml;
}

/**
 * The add and edit form: one column, every field labelled, the API's message beside its field.
 * Field names are the DTO's (consent.givenOn nests), so formValues turns the post into the DTO.
 */
export function householdForm(
  ctx: WebContext,
  state: FormState,
  refs: ListReferences,
  options: HouseholdFormOptions,
): SafeHtml {
  const { t } = ctx;
  const v = (name: string) => valueAt(state.values, name);
  const e = (name: string) => state.errors[name];
  const text = (name: string, label: string, extra: Partial<Parameters<typeof field>[0]> = {}) =>
    field({ name, label, value: v(name), error: e(name), ...extra });
  const year = new Date().getFullYear();
  return html`<form method="post" action="${options.action}" class="card" novalidate>
    ${csrfField(ctx.csrf)} ${options.notice ?? ''}
    ${Object.keys(state.errors).length ? alert(t('form.errors')) : ''} ${alert(state.message)}
    ${options.version !== undefined ? html`<input type="hidden" name="version" value="${options.version}" />` : ''}
    ${options.cooperativeId ? html`<input type="hidden" name="cooperativeId" value="${options.cooperativeId}" />` : ''}
    ${text('headName', t('households.headName'), { required: true, attrs: { maxlength: '120', autocomplete: 'off' } })}
    ${text('nationalId', t('households.nationalId'), {
      required: true,
      hint: t('households.hint.nationalId'),
      attrs: { inputmode: 'numeric', maxlength: '12', autocomplete: 'off' },
    })}
    ${field({
      name: 'gender',
      label: t('households.gender'),
      type: 'select',
      required: true,
      value: v('gender'),
      error: e('gender'),
      options: [
        { value: '', label: t('households.choose') },
        ...GENDERS.map((g) => ({ value: g, label: t(`households.gender.${g}`) })),
      ],
    })}
    ${text('birthYear', t('households.birthYear'), {
      type: 'number',
      required: true,
      attrs: { min: '1900', max: String(year), step: '1', inputmode: 'numeric' },
    })}
    ${field({
      name: 'ethnicity',
      label: t('households.ethnicity'),
      type: 'select',
      required: true,
      value: v('ethnicity'),
      error: e('ethnicity'),
      options: [
        { value: '', label: t('households.choose') },
        ...[...refs.ethnicities].map(([code, name]) => ({ value: code, label: name })),
      ],
    })}
    ${text('phone', t('households.phone'), {
      type: 'tel',
      hint: t('households.hint.phone'),
      attrs: { autocomplete: 'off', maxlength: '15' },
    })}
    ${communeField(
      ctx,
      {
        name: 'communeCode',
        value: v('communeCode') as string | undefined,
        error: e('communeCode'),
        required: true,
        emptyLabel: t('households.choose'),
      },
      refs.communes,
    )}
    ${text('village', t('households.village'), { attrs: { maxlength: '120' } })}
    ${text('memberCount', t('households.memberCount'), {
      type: 'number',
      required: true,
      attrs: { min: '1', max: '50', step: '1', inputmode: 'numeric' },
    })}
    ${field({
      name: 'povertyStatus',
      label: t('households.povertyStatus'),
      type: 'select',
      required: true,
      value: v('povertyStatus'),
      error: e('povertyStatus'),
      options: [
        { value: '', label: t('households.choose') },
        ...POVERTY_STATUSES.map((s) => ({ value: s, label: t(`households.poverty.${s}`) })),
      ],
    })}
    ${text('povertyAssessedYear', t('households.povertyAssessedYear'), {
      type: 'number',
      attrs: { min: '2000', max: String(year), step: '1', inputmode: 'numeric' },
    })}
    <fieldset>
      <legend>${t('households.consent')}</legend>
      ${text('consent.givenOn', t('households.consentGivenOn'), { type: 'date' })}
      ${text('consent.scope', t('households.consentScope'), {
        hint: t('households.hint.consentScope'),
        attrs: { maxlength: '200' },
      })}
    </fieldset>
    <div class="actions">
      <button type="submit">${t('form.save')}</button>
      <a class="button secondary" href="${options.cancel}">${t('form.cancel')}</a>
    </div>
  </form>`;
}
