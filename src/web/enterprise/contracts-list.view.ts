import type { Page } from '@lienket/http-common';
import { CONTRACT_STATUSES } from '../../contracts/contract.entity';
import type { ContractResponse } from '../../contracts/dto/contract.dto';
import type { ProductResponse } from '../../products/dto/product.response';
import { field } from '../form-fields';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { contractStatusTag, priceLabel, productName, supplierLabel } from './contract-labels';
import { dayOf, numberFormat } from './formats';
import { productLabel, unitLabel } from './supply.view';

export interface ContractsFilter {
  status: string;
  productCode: string;
}

/** The filter form: it re-fetches the results as the choice changes (data-live), or on submit without script. */
export const contractsFilterForm = (
  ctx: WebContext,
  filter: ContractsFilter,
  products: ProductResponse[],
): SafeHtml =>
  html`<form method="get" action="/contracts" class="card inline" data-live="#results">
    ${field({
      name: 'status',
      label: ctx.t('contracts.status'),
      type: 'select',
      value: filter.status,
      options: [
        { value: '', label: ctx.t('contracts.allStatuses') },
        ...CONTRACT_STATUSES.map((s) => ({ value: s, label: ctx.t(`contracts.status.${s}`) })),
      ],
    })}
    ${field({
      name: 'productCode',
      label: ctx.t('contracts.product'),
      type: 'select',
      value: filter.productCode,
      options: [
        { value: '', label: ctx.t('contracts.allProducts') },
        ...products.map((p) => ({ value: p.code, label: productLabel(ctx, p) })),
      ],
    })}
    <button type="submit" class="secondary">${ctx.t('form.filter')}</button>
  </form>`;

export interface ContractsTableData {
  page: Page<ContractResponse>;
  products: Map<string, ProductResponse>;
  cooperatives: Map<string, string>;
  enterprises: Map<string, string>;
}

/** The results (#results): a page of contracts and the pager; also the answer to X-Partial. */
export function contractsTable(ctx: WebContext, d: ContractsTableData): SafeHtml {
  const { t } = ctx;
  const n = numberFormat(ctx.lang);
  const showBuyer = ctx.actor.role !== 'enterprise';
  if (!d.page.items.length) return html`<p class="card">${t('contracts.empty')}</p>`;
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('contracts.product')}</th>
            ${showBuyer && html`<th scope="col">${t('contracts.enterprise')}</th>`}
            <th scope="col">${t('contracts.supplier')}</th>
            <th scope="col" class="num">${t('contracts.volume')}</th>
            <th scope="col">${t('contracts.price')}</th>
            <th scope="col">${t('contracts.window')}</th>
            <th scope="col">${t('contracts.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.page.items.map(
            (c) =>
              html`<tr>
                <td data-label="${t('contracts.product')}">
                  <a href="/contracts/${c.id}">${productName(ctx, c.productCode, d.products)}</a>
                </td>
                ${
                  showBuyer &&
                  html`<td data-label="${t('contracts.enterprise')}">
                    ${d.enterprises.get(c.enterpriseId) ?? t('contracts.none')}
                  </td>`
                }
                <td data-label="${t('contracts.supplier')}">${supplierLabel(ctx, c, d.cooperatives)}</td>
                <td class="num" data-label="${t('contracts.volume')}">
                  ${n(c.volume)} ${unitLabel(ctx, c.unit)}
                </td>
                <td data-label="${t('contracts.price')}">${priceLabel(ctx, c)}</td>
                <td data-label="${t('contracts.window')}">
                  ${dayOf(c.deliveryFrom)} – ${dayOf(c.deliveryTo)}
                </td>
                <td data-label="${t('contracts.status')}">
                  ${contractStatusTag(ctx, c.status)}
                  ${c.sourceAtRisk && html` <span class="tag suspended">${t('contracts.atRisk')}</span>`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, d.page.page, d.page.limit, d.page.total)}`;
}
