import type { ProductResponse } from '../../products/dto/product.response';
import type { SupplyReport } from '../../supply/supply.service';
import { field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, raw, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { dayOf, marketName, numberFormat } from './formats';
import type { CodeSummary } from './reference-names';
import { supplyChart } from './supply-chart';

export interface SupplyFormValues {
  product: string;
  market: string;
  from: string;
  to: string;
  granularity: string;
}

export const productLabel = (ctx: WebContext, p: Pick<ProductResponse, 'name' | 'nameVi'>): string =>
  ctx.lang === 'vi' ? p.nameVi : p.name;

export const unitLabel = (ctx: WebContext, unit: string): string =>
  unit === 'head' ? ctx.t('contracts.unit.head') : ctx.t('contracts.unit.kg');

/** The GET form: its address is the question, so a supply check can be bookmarked and shared. */
export function supplyForm(
  ctx: WebContext,
  v: SupplyFormValues,
  errors: FieldErrors,
  products: ProductResponse[],
  markets: string[],
): SafeHtml {
  const { t } = ctx;
  const known = v.market && !markets.includes(v.market.toUpperCase()) ? [...markets, v.market] : markets;
  return html`<form method="get" action="/supply" class="card inline" aria-label="${t('supply.title')}">
    ${field({
      name: 'product',
      label: t('supply.product'),
      type: 'select',
      required: true,
      value: v.product,
      error: errors.product,
      options: products.map((p) => ({ value: p.code, label: productLabel(ctx, p) })),
    })}
    ${field({
      name: 'market',
      label: t('supply.market'),
      type: 'select',
      value: v.market.toUpperCase(),
      error: errors.market,
      options: [
        { value: '', label: t('supply.marketDomestic') },
        ...known.map((m) => ({ value: m.toUpperCase(), label: `${marketName(ctx.lang, m)} (${m})` })),
      ],
    })}
    ${field({ name: 'from', label: t('supply.from'), type: 'date', required: true, value: v.from, error: errors.from })}
    ${field({ name: 'to', label: t('supply.to'), type: 'date', required: true, value: v.to, error: errors.to })}
    ${field({
      name: 'granularity',
      label: t('supply.granularity'),
      type: 'select',
      value: v.granularity,
      error: errors.granularity,
      options: [
        { value: 'month', label: t('supply.month') },
        { value: 'week', label: t('supply.week') },
      ],
    })}
    <button type="submit">${t('supply.submit')}</button>
  </form>`;
}

export interface SupplyResultsData {
  report: SupplyReport;
  product: ProductResponse;
  page: number;
  limit: number;
  communes: Map<string, string>;
  cooperatives: Map<string, string>;
  codes: Map<string, CodeSummary>;
  /** Whether the viewer may draft contracts (a link per source's cooperative). */
  mayContract: boolean;
}

/** Totals, the chart with its figures as a table, and the eligible sources (a page of them). */
export function supplyResults(ctx: WebContext, d: SupplyResultsData): SafeHtml {
  const { t } = ctx;
  const { report } = d;
  const n = numberFormat(ctx.lang);
  const unit = unitLabel(ctx, d.product.unit);
  const market = report.market
    ? `${marketName(ctx.lang, report.market)} (${report.market})`
    : t('supply.marketDomestic');
  const label = (p: { start: string; end: string }) =>
    report.granularity === 'month' ? dayOf(p.start).slice(3) : dayOf(p.start).slice(0, 5);
  const chart = supplyChart(
    report.periods.map((p) => ({ ...p, label: label(p) })),
    {
      title: t('supply.chartTitle', {
        product: productLabel(ctx, d.product),
        market,
        from: dayOf(report.from),
        to: dayOf(report.to),
        unit,
      }),
      forecast: t('supply.forecast'),
      committed: t('supply.committed'),
      available: t('supply.available'),
      unit,
    },
    n,
  );
  const volume = (v: number, withUnit = true) =>
    v < 0
      ? html`<span class="tag overdue">${n(v)}${withUnit && ` ${unit}`} · ${t('supply.shortfall')}</span>`
      : html`${n(v)}${withUnit && ` ${unit}`}`;
  const heading = (s: 'forecast' | 'committed' | 'available') =>
    html`<th scope="col" class="num">${t(`supply.${s}`)} (${unit})</th>`;
  const sources = report.sources.slice((d.page - 1) * d.limit, d.page * d.limit);
  return html`<section aria-labelledby="supply-totals">
      <h2 id="supply-totals">
        ${t('supply.total')}: ${dayOf(report.from)} – ${dayOf(report.to)} · ${market}
      </h2>
      <p class="muted">${report.market ? t('supply.ruleExport', { market }) : t('supply.ruleDomestic')}</p>
      <div class="grid">
        ${(['forecast', 'committed', 'available'] as const).map(
          (s) =>
            html`<div class="card">
              <div class="muted">${t(`supply.${s}`)}</div>
              <div class="figure" data-total="${s}">${volume(report.totals[s])}</div>
            </div>`,
        )}
      </div>
      <div class="table-wrap">${raw(chart)}</div>
      <details class="card" style="margin-top:12px" ${report.periods.length <= 6 ? html`open` : ''}>
        <summary>${t('supply.chartData')}</summary>
        <div class="table-wrap">
          <table class="stack" aria-label="${t('supply.chartData')}">
            <thead>
              <tr>
                <th scope="col">${t('supply.period')}</th>
                ${heading('forecast')} ${heading('committed')} ${heading('available')}
              </tr>
            </thead>
            <tbody>
              ${report.periods.map(
                (p) =>
                  html`<tr>
                    <td data-label="${t('supply.period')}">${dayOf(p.start)} – ${dayOf(p.end)}</td>
                    <td class="num" data-label="${t('supply.forecast')}">${n(p.forecast)}</td>
                    <td class="num" data-label="${t('supply.committed')}">${n(p.committed)}</td>
                    <td class="num" data-label="${t('supply.available')}">${volume(p.available, false)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>
    <section aria-labelledby="supply-sources">
      <h2 id="supply-sources">${t('supply.sources')}</h2>
      ${
        report.sourcesTotal === 0
          ? html`<p class="card">${t('supply.sourcesNone')}</p>`
          : html`<div class="table-wrap">
                <table class="stack">
                  <thead>
                    <tr>
                      <th scope="col">${t('supply.code')}</th>
                      <th scope="col">${t('supply.commune')}</th>
                      <th scope="col">${t('supply.cooperative')}</th>
                      <th scope="col" class="num">${t('supply.areaHa')}</th>
                      ${heading('forecast')} ${heading('committed')} ${heading('available')}
                    </tr>
                  </thead>
                  <tbody>
                    ${sources.map((s) => {
                      const cooperative = s.cooperativeId ? d.cooperatives.get(s.cooperativeId) : undefined;
                      return html`<tr>
                        <td data-label="${t('supply.code')}"><strong>${s.code}</strong></td>
                        <td data-label="${t('supply.commune')}">
                          ${d.communes.get(s.communeCode) ?? s.communeCode}
                        </td>
                        <td data-label="${t('supply.cooperative')}">
                          ${cooperative ?? t('contracts.none')}
                          ${
                            d.mayContract &&
                            s.cooperativeId &&
                            s.available > 0 &&
                            html`<br /><a
                                href="/contracts/new?cooperativeId=${s.cooperativeId}&amp;productCode=${report.product}"
                                >${t('supply.makeContract')}</a
                              >`
                          }
                        </td>
                        <td class="num" data-label="${t('supply.areaHa')}">
                          ${d.codes.has(s.growingAreaId) ? n(d.codes.get(s.growingAreaId)!.areaHa) : ''}
                        </td>
                        <td class="num" data-label="${t('supply.forecast')}">${n(s.forecast)}</td>
                        <td class="num" data-label="${t('supply.committed')}">${n(s.committed)}</td>
                        <td class="num" data-label="${t('supply.available')}">
                          ${volume(s.available, false)}
                        </td>
                      </tr>`;
                    })}
                  </tbody>
                </table>
              </div>
              ${pager(ctx, d.page, d.limit, report.sourcesTotal)}`
      }
    </section>`;
}
