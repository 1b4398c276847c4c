import type { CooperativeResponse } from '../../cooperatives/dto/cooperative.response';
import type { EnterpriseResponse } from '../../enterprises/dto/enterprise.response';
import type { GrowingAreaResponse } from '../../growing-areas/dto/growing-area.response';
import type { ProductResponse } from '../../products/dto/product.response';
import { alert, csrfField, field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';
import { marketName, numberFormat } from './formats';
import { productLabel } from './supply.view';

/** What the two steps hold: strings as typed (re-shown after a refusal), the sources as ids. */
export interface ContractFormValues {
  enterpriseId: string;
  cooperativeId: string;
  productCode: string;
  coopSearch: string;
  volume: string;
  unit: string;
  priceVndPerUnit: string;
  floorPriceVndPerUnit: string;
  marketReference: string;
  deliveryFrom: string;
  deliveryTo: string;
  sourceGrowingAreaIds: string[];
}

export interface ContractFormData {
  values: ContractFormValues;
  errors: FieldErrors;
  message?: string;
  /** Enterprises to choose the buyer from (admins and officials); null for enterprise staff. */
  enterprises: EnterpriseResponse[] | null;
  cooperatives: CooperativeResponse[];
  products: ProductResponse[];
  /** Step 2 once the supplier and product are known: the product and the cooperative's active codes. */
  terms: { product: ProductResponse; cooperative: CooperativeResponse; codes: GrowingAreaResponse[] } | null;
  communes: Map<string, string>;
}

/**
 * Drafting a contract in two steps: a GET form choosing buyer, cooperative and product (so the
 * cooperative's active codes for that product can be listed), then the terms posted to the API's
 * service. Both stay on the page, so a refusal shows every message beside its field.
 */
export function contractForm(ctx: WebContext, d: ContractFormData): SafeHtml {
  const { t } = ctx;
  const v = d.values;
  const choose = { value: '', label: t('contracts.choose') };
  return html`${alert(d.message || (Object.keys(d.errors).length ? t('form.errors') : undefined))}
    <form method="get" action="/contracts/new" class="card">
      <h2>${t('contracts.stepParties')}</h2>
      ${
        d.enterprises &&
        field({
          name: 'enterpriseId',
          label: t('contracts.enterprise'),
          type: 'select',
          required: true,
          value: v.enterpriseId,
          error: d.errors.enterpriseId,
          options: [choose, ...d.enterprises.map((e) => ({ value: e.id, label: e.name }))],
        })
      }
      ${field({
        name: 'coopSearch',
        label: t('contracts.cooperativeSearch'),
        type: 'search',
        value: v.coopSearch,
      })}
      ${field({
        name: 'cooperativeId',
        label: t('contracts.cooperative'),
        type: 'select',
        required: true,
        value: v.cooperativeId,
        error: d.errors.cooperativeId ?? d.errors.householdId,
        options: [choose, ...d.cooperatives.map((c) => ({ value: c.id, label: c.name }))],
      })}
      ${field({
        name: 'productCode',
        label: t('contracts.product'),
        type: 'select',
        required: true,
        value: v.productCode,
        error: d.errors.productCode,
        options: [choose, ...d.products.map((p) => ({ value: p.code, label: productLabel(ctx, p) }))],
      })}
      <button type="submit" class="secondary">${t('contracts.continue')}</button>
    </form>
    ${d.terms && termsForm(ctx, d, d.terms)}`;
}

function termsForm(ctx: WebContext, d: ContractFormData, terms: NonNullable<ContractFormData['terms']>) {
  const { t } = ctx;
  const v = d.values;
  const e = d.errors;
  const n = numberFormat(ctx.lang);
  const sourcesError = e.sourceGrowingAreaIds;
  return html`<form method="post" action="/contracts/new" class="card">
    <h2>${t('contracts.stepTerms')}</h2>
    <p><strong>${terms.cooperative.name}</strong> · ${productLabel(ctx, terms.product)}</p>
    ${csrfField(ctx.csrf)}
    ${d.enterprises && html`<input type="hidden" name="enterpriseId" value="${v.enterpriseId}" />`}
    <input type="hidden" name="cooperativeId" value="${terms.cooperative.id}" />
    <input type="hidden" name="productCode" value="${terms.product.code}" />
    ${field({
      name: 'volume',
      label: t('contracts.volume'),
      type: 'number',
      required: true,
      value: v.volume,
      error: e.volume,
      attrs: { min: '0', step: '0.01', inputmode: 'decimal' },
    })}
    ${field({
      name: 'unit',
      label: t('contracts.unit'),
      type: 'select',
      required: true,
      value: v.unit || terms.product.unit,
      error: e.unit,
      options: [
        { value: 'kg', label: t('contracts.unit.kg') },
        { value: 'head', label: t('contracts.unit.head') },
      ],
    })}
    <fieldset class="field">
      <legend>${t('contracts.price')}</legend>
      <small id="price-hint">${t('contracts.priceHint')}</small>
      ${field({
        name: 'priceVndPerUnit',
        label: t('contracts.priceVndPerUnit'),
        type: 'number',
        value: v.priceVndPerUnit,
        error: e.priceVndPerUnit,
        attrs: { min: '0', step: '1', inputmode: 'numeric' },
      })}
      ${field({
        name: 'floorPriceVndPerUnit',
        label: t('contracts.floorPriceVndPerUnit'),
        type: 'number',
        value: v.floorPriceVndPerUnit,
        error: e.floorPriceVndPerUnit,
        attrs: { min: '0', step: '1', inputmode: 'numeric' },
      })}
      ${field({
        name: 'marketReference',
        label: t('contracts.marketReference'),
        value: v.marketReference,
        error: e.marketReference,
        attrs: { maxlength: '200' },
      })}
    </fieldset>
    ${field({
      name: 'deliveryFrom',
      label: t('contracts.deliveryFrom'),
      type: 'date',
      required: true,
      value: v.deliveryFrom,
      error: e.deliveryFrom,
    })}
    ${field({
      name: 'deliveryTo',
      label: t('contracts.deliveryTo'),
      type: 'date',
      required: true,
      value: v.deliveryTo,
      error: e.deliveryTo,
    })}
    <fieldset
      class="field checks${sourcesError ? ' invalid' : ''}"
      ${sourcesError ? html`aria-describedby="f-sourceGrowingAreaIds-error"` : ''}
    >
      <legend>${t('contracts.sources')} <span aria-hidden="true">*</span></legend>
      <small>${t('contracts.sourcesHint')}</small>
      ${
        terms.codes.length === 0
          ? html`<p class="muted">${t('contracts.noActiveCodes')}</p>`
          : terms.codes.map(
              (g) =>
                html`<label>
                  <input
                    type="checkbox"
                    name="sourceGrowingAreaIds"
                    value="${g.id}"
                    ${v.sourceGrowingAreaIds.includes(g.id) ? html`checked` : ''}
                  />
                  <span>
                    <strong>${g.code}</strong> ·
                    ${[
                      d.communes.get(g.communeCode) ?? g.communeCode,
                      `${n(g.areaHa)} ha`,
                      ...g.markets.map((m) => marketName(ctx.lang, m)),
                    ].join(' · ')}
                  </span>
                </label>`,
            )
      }
      ${sourcesError && html`<p class="error" id="f-sourceGrowingAreaIds-error">${sourcesError}</p>`}
    </fieldset>
    <button type="submit">${t('contracts.saveDraft')}</button>
  </form>`;
}
