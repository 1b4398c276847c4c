import type { Page } from '@lienket/http-common';
import { CERTIFICATION_STATUSES } from '../../certification/certification-status';
import type { GrowingAreaResponse } from '../../growing-areas/dto/growing-area.response';
import { field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { cell, dateText, numberText } from './format';
import type { ProductLabel } from './reference-options';

export const productName = (
  ctx: WebContext,
  products: ReadonlyMap<string, ProductLabel>,
  code: string,
): string => {
  const product = products.get(code);
  return product ? (ctx.lang === 'vi' ? product.nameVi : product.name) : code;
};

/** Status and inspection flags as tags (.tag.active / .suspended / .revoked / .due / .overdue). */
export function codeTags(ctx: WebContext, code: GrowingAreaResponse): SafeHtml {
  const { t } = ctx;
  return html`<span class="tag ${code.status}">${t(`myCodes.status.${code.status}`)}</span>${
      code.overdue
        ? html` <span class="tag overdue">${t('myCodes.overdue')}</span>`
        : code.due
          ? html` <span class="tag due">${t('myCodes.due')}</span>`
          : ''
    }`;
}

export function codeFilterForm(
  ctx: WebContext,
  filters: { search?: string; status?: string },
  errors: FieldErrors,
): SafeHtml {
  const { t } = ctx;
  return html`<form class="inline card" method="get" action="/my-codes" data-live="#results" role="search">
    ${field({
      name: 'search',
      label: t('myCodes.search'),
      type: 'search',
      value: filters.search,
      error: errors.search,
      attrs: { autocomplete: 'off', maxlength: '32' },
    })}
    ${field({
      name: 'status',
      label: t('myCodes.status'),
      type: 'select',
      value: filters.status,
      error: errors.status,
      options: [
        { value: '', label: t('myCodes.anyStatus') },
        ...CERTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`myCodes.status.${s}`) })),
      ],
    })}
    <button type="submit">${t('form.search')}</button>
  </form>`;
}

export function codeResults(
  ctx: WebContext,
  page: Page<GrowingAreaResponse>,
  products: ReadonlyMap<string, ProductLabel>,
): SafeHtml {
  const { t } = ctx;
  if (!page.items.length) return html`<p class="card">${t('myCodes.empty')}</p>`;
  const l = {
    code: t('myCodes.code'),
    product: t('myCodes.product'),
    kind: t('myCodes.kind'),
    status: t('myCodes.status'),
    area: t('myCodes.area'),
    plotted: t('myCodes.plotted'),
    next: t('myCodes.nextInspection'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.code}</th>
            <th scope="col">${l.product}</th>
            <th scope="col">${l.kind}</th>
            <th scope="col">${l.status}</th>
            <th scope="col" class="num">${l.area}</th>
            <th scope="col" class="num">${l.plotted}</th>
            <th scope="col">${l.next}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (g) =>
              html`<tr>
                ${cell(l.code, html`<a href="/my-codes/${g.id}">${g.code}</a>`)}
                ${cell(l.product, productName(ctx, products, g.productCode))}
                ${cell(l.kind, t(`myCodes.kind.${g.kind}`))} ${cell(l.status, codeTags(ctx, g))}
                ${cell(l.area, numberText(ctx, g.areaHa), 'num')}
                ${cell(l.plotted, numberText(ctx, g.plottedHa), 'num')}
                ${cell(l.next, dateText(g.nextInspectionDue))}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total)}`;
}
