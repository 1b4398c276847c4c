import type { Page } from '@lienket/http-common';
import type { GrowingAreaResponse } from '../../growing-areas/dto/growing-area.response';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { KIND_KEYS, statusTags } from './certificate-sections.view';
import { formatsFor } from './official-format';
import type { References } from './reference-labels';

/** The results of the codes list: what search-as-you-type replaces (`#results`). */
export function codesResults(
  ctx: WebContext,
  page: Page<GrowingAreaResponse> | undefined,
  refs: References,
): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  if (!page) return html``;
  if (page.items.length === 0) return html`<p class="card">${t('list.none')}</p>`;
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('cert.col.code')}</th>
            <th scope="col">${t('cert.col.product')}</th>
            <th scope="col">${t('cert.col.kind')}</th>
            <th scope="col">${t('cert.col.commune')}</th>
            <th scope="col" class="num">${t('cert.col.area')}</th>
            <th scope="col">${t('cert.col.status')}</th>
            <th scope="col">${t('cert.col.nextDue')}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (g) =>
              html`<tr>
                <td data-label="${t('cert.col.code')}"><a href="/codes/${g.id}">${g.code}</a></td>
                <td data-label="${t('cert.col.product')}">${refs.product(g.productCode)}</td>
                <td data-label="${t('cert.col.kind')}">
                  ${t(KIND_KEYS[g.kind])}${g.markets.length ? html` <span class="muted">(${g.markets.join(', ')})</span>` : ''}
                </td>
                <td data-label="${t('cert.col.commune')}">${refs.commune(g.communeCode)}</td>
                <td data-label="${t('cert.col.area')}" class="num">${f.hectares(g.areaHa)}</td>
                <td data-label="${t('cert.col.status')}">${statusTags(ctx, g)}</td>
                <td data-label="${t('cert.col.nextDue')}">${f.date(g.nextInspectionDue)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total)}`;
}
