import { CERTIFICATION_STATUSES } from '../../certification/certification-status';
import type { DisbursementReport } from '../../reports/disbursement-report.service';
import type { OverviewReport } from '../../reports/overview-report.service';
import { field } from '../form-fields';
import { html, SafeHtml } from '../html';
import { layout } from '../layout';
import type { WebContext } from '../web-context';
import { STATUS_KEYS } from './certificate-sections.view';
import { disbursementTable, figureCard } from './figures.view';
import { formatsFor } from './official-format';
import type { References } from './reference-labels';

export interface Dashboard {
  overview: OverviewReport;
  /** Counts in the caller's scope, from the lists' own filters. */
  inspections: { codesOverdue: number; codesDue: number; facilitiesOverdue: number; dueBefore: string };
  /** Admins and officials only (as GET /reports/disbursement). */
  disbursement?: DisbursementReport;
  years: number[];
  refs: References;
}

/** Hectares, heads, or both (a livestock chain may also declare its area, as §7's 7 ha of duck). */
export function scale(ctx: WebContext, areaHa: number, heads: number, unit?: string): string {
  const f = formatsFor(ctx.lang);
  const parts = [
    areaHa > 0 || (unit !== 'head' && heads === 0) ? f.hectares(areaHa) : '',
    heads > 0 || unit === 'head' ? ctx.t('dashboard.heads', { n: f.number(heads) }) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function productTable(ctx: WebContext, overview: OverviewReport, refs: References): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  return html`<div class="table-wrap">
    <table class="stack figures">
      <thead>
        <tr>
          <th scope="col">${t('dashboard.col.product')}</th>
          <th scope="col" class="num">${t('dashboard.col.models')}</th>
          <th scope="col" class="num">${t('dashboard.col.households')}</th>
          <th scope="col" class="num">${t('dashboard.col.scale')}</th>
          <th scope="col" class="num">${t('dashboard.col.poor')}</th>
          <th scope="col" class="num">${t('dashboard.col.minority')}</th>
        </tr>
      </thead>
      <tbody>
        ${overview.products.map(
          (p) =>
            html`<tr data-product="${p.productCode}">
              <th scope="row" data-label="${t('dashboard.col.product')}">${refs.product(p.productCode)}</th>
              <td class="num" data-label="${t('dashboard.col.models')}">${f.number(p.models)}</td>
              <td class="num" data-label="${t('dashboard.col.households')}">${f.number(p.households)}</td>
              <td class="num" data-label="${t('dashboard.col.scale')}">
                ${scale(ctx, p.areaHa, p.heads, refs.productUnit(p.productCode))}
              </td>
              <td class="num" data-label="${t('dashboard.col.poor')}">${f.share(p.poorShare)}</td>
              <td class="num" data-label="${t('dashboard.col.minority')}">
                ${f.share(p.ethnicMinorityShare)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function statusTable(ctx: WebContext, overview: OverviewReport): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  const cell = (n: number, href: string, label: string) =>
    html`<td class="num" data-label="${label}"><a href="${href}">${f.number(n)}</a></td>`;
  return html`<div class="table-wrap">
    <table class="stack">
      <thead>
        <tr>
          <th scope="col"></th>
          ${CERTIFICATION_STATUSES.map((s) => html`<th scope="col" class="num">${t(STATUS_KEYS[s])}</th>`)}
          <th scope="col" class="num">${t('money.total')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">${t('nav.codes')}</th>
          ${CERTIFICATION_STATUSES.map((s) =>
            cell(overview.growingAreas.byStatus[s], `/codes?status=${s}`, t(STATUS_KEYS[s])),
          )}
          ${cell(overview.growingAreas.total, '/codes', t('money.total'))}
        </tr>
        <tr>
          <th scope="row">${t('nav.facilities')}</th>
          ${CERTIFICATION_STATUSES.map((s) =>
            cell(overview.packingFacilities.byStatus[s], `/facilities?status=${s}`, t(STATUS_KEYS[s])),
          )}
          ${cell(overview.packingFacilities.total, '/facilities', t('money.total'))}
        </tr>
      </tbody>
    </table>
  </div>`;
}

export function dashboardPage(ctx: WebContext, d: Dashboard): string {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  const { overview } = d;
  const codes = overview.growingAreas;
  const models = overview.products.reduce((n, p) => n + p.models, 0);
  return layout(
    ctx,
    t('dashboard.title'),
    html`<section aria-label="${t('dashboard.figures')}">
        <div class="grid">
          ${figureCard(
            t('dashboard.codes'),
            f.number(codes.total),
            t('dashboard.codesDetail', {
              export: f.number(codes.byKind.export),
              domestic: f.number(codes.byKind.domestic),
              area: f.hectares(codes.areaHa),
            }),
            'codes',
          )}
          ${figureCard(
            t('dashboard.facilities'),
            f.number(overview.packingFacilities.byStatus.active),
            t('dashboard.facilitiesDetail', { total: f.number(overview.packingFacilities.total) }),
            'facilities',
          )}
          ${figureCard(t('dashboard.models'), f.number(models), html`<a href="/value-chains">${t('nav.valueChains')}</a>`, 'models')}
          ${figureCard(
            t('dashboard.suspended'),
            f.number(codes.byStatus.suspended),
            html`<a href="/codes?status=suspended">${t('dashboard.seeList')}</a>`,
            'suspended',
          )}
          ${figureCard(
            t('dashboard.overdue'),
            f.number(d.inspections.codesOverdue),
            html`<a href="/codes?overdue=true&sort=nextInspectionDue">${t('dashboard.seeList')}</a>`,
            'overdue',
          )}
          ${figureCard(
            t('dashboard.due'),
            f.number(d.inspections.codesDue),
            html`<a
              href="/codes?status=active&inspectionDueBefore=${d.inspections.dueBefore}&sort=nextInspectionDue"
              >${t('dashboard.seeList')}</a
            >`,
            'due',
          )}
          ${figureCard(
            t('dashboard.facilitiesOverdue'),
            f.number(d.inspections.facilitiesOverdue),
            html`<a href="/facilities?overdue=true">${t('dashboard.seeList')}</a>`,
            'facilities-overdue',
          )}
        </div>
      </section>
      <section aria-labelledby="products-title">
        <h2 id="products-title">${t('dashboard.byProduct')}</h2>
        ${productTable(ctx, overview, d.refs)}
      </section>
      <section aria-labelledby="status-title">
        <h2 id="status-title">${t('dashboard.byStatus')}</h2>
        ${statusTable(ctx, overview)}
      </section>
      ${
        d.disbursement &&
        html`<section aria-labelledby="money-title">
          <h2 id="money-title">${t('dashboard.disbursement', { year: d.disbursement.year })}</h2>
          <form method="get" action="/dashboard" class="inline narrow">
            ${field({
              name: 'year',
              label: t('dashboard.year'),
              type: 'select',
              value: String(d.disbursement.year),
              options: d.years.map((y) => ({ value: String(y), label: String(y) })),
            })}
            <button type="submit" class="secondary">${t('dashboard.show')}</button>
          </form>
          ${disbursementTable(ctx, d.disbursement)}
        </section>`
      }`,
  );
}
