import type { Page } from '@lienket/http-common';
import { PROGRAMMES } from '../../support/support-record.entity';
import type { DisbursementReport } from '../../reports/disbursement-report.service';
import type { DisbursementResponse } from '../../value-chains/disbursements.service';
import type { BudgetLineResponse, ValueChainResponse } from '../../value-chains/dto/value-chain.response';
import { VALUE_CHAIN_STATUSES, ValueChainStatus } from '../../value-chains/value-chain.entity';
import { field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import { layout } from '../layout';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { subPager } from './certificate-sections.view';
import {
  bySourceOrder,
  CAPITAL_KEYS,
  disbursementTable,
  PROGRAMME_KEYS,
  progressBar,
  SOURCE_KEYS,
} from './figures.view';
import { scale } from './dashboard.view';
import { formatsFor } from './official-format';
import type { References } from './reference-labels';

const CHAIN_STATUS_KEYS: Record<ValueChainStatus, MessageKey> = {
  draft: 'chains.status.draft',
  submitted: 'chains.status.submitted',
  approved: 'chains.status.approved',
  implementing: 'chains.status.implementing',
  completed: 'chains.status.completed',
  cancelled: 'chains.status.cancelled',
};
const CHAIN_STATUS_TAGS: Partial<Record<ValueChainStatus, string>> = {
  approved: 'ok',
  implementing: 'active',
  completed: 'ok',
  cancelled: 'revoked',
};

const chainStatus = (ctx: WebContext, status: ValueChainStatus): SafeHtml =>
  html`<span class="tag ${CHAIN_STATUS_TAGS[status] ?? ''}">${ctx.t(CHAIN_STATUS_KEYS[status])}</span>`;

const lineName = (ctx: WebContext, line: BudgetLineResponse): string =>
  `${SOURCE_KEYS[line.source] ? ctx.t(SOURCE_KEYS[line.source]) : line.source}${
    line.capitalType
      ? ` (${CAPITAL_KEYS[line.capitalType] ? ctx.t(CAPITAL_KEYS[line.capitalType]) : line.capitalType})`
      : ''
  }`;

/** Plan versus paid of a model, all lines together, as words and a bar. */
function modelProgress(ctx: WebContext, budget: BudgetLineResponse[]): SafeHtml {
  const f = formatsFor(ctx.lang);
  const plan = budget.reduce((n, l) => n + l.amountVnd, 0);
  const paid = budget.reduce((n, l) => n + l.disbursedVnd, 0);
  const text = ctx.t('chains.progress', {
    disbursed: f.millionVnd(paid),
    plan: f.millionVnd(plan),
    percent: f.share(plan ? paid / plan : 0),
  });
  return html`${progressBar(paid, plan, text)}
    <div class="muted">${text}</div>`;
}

export interface ChainFilters {
  values: Record<string, string>;
  errors: FieldErrors;
  years: number[];
  refs: References;
}

export function chainFilters(ctx: WebContext, filters: ChainFilters): SafeHtml {
  const { t } = ctx;
  const { values, errors } = filters;
  const all = { value: '', label: t('cert.filter.all') };
  return html`<form
    method="get"
    action="/value-chains"
    class="inline card"
    role="search"
    data-live="#results"
  >
    ${field({ name: 'search', label: t('chains.filter.search'), type: 'search', value: values.search, error: errors.search, attrs: { autocomplete: 'off', maxlength: '200' } })}
    ${field({
      name: 'year',
      label: t('chains.filter.year'),
      type: 'select',
      value: values.year,
      error: errors.year,
      options: [
        { value: '', label: t('chains.filter.allYears') },
        ...filters.years.map((y) => ({ value: String(y), label: String(y) })),
      ],
    })}
    ${field({ name: 'programme', label: t('chains.filter.programme'), type: 'select', value: values.programme, error: errors.programme, options: [all, ...PROGRAMMES.map((p) => ({ value: p, label: t(PROGRAMME_KEYS[p]) }))] })}
    ${field({ name: 'status', label: t('chains.filter.status'), type: 'select', value: values.status, error: errors.status, options: [all, ...VALUE_CHAIN_STATUSES.map((s) => ({ value: s, label: t(CHAIN_STATUS_KEYS[s]) }))] })}
    ${field({ name: 'productCode', label: t('cert.filter.product'), type: 'select', value: values.productCode, error: errors.productCode, options: [all, ...filters.refs.products] })}
    <button type="submit">${t('form.filter')}</button>
  </form>`;
}

/** The list's results (`#results`): the year's summary when there is one, then each model's progress. */
export function chainsResults(
  ctx: WebContext,
  page: Page<ValueChainResponse> | undefined,
  refs: References,
  summary?: DisbursementReport,
): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  if (!page) return html``;
  return html`${
      summary &&
      html`<section aria-labelledby="summary-title">
        <h2 id="summary-title">${t('chains.yearSummary', { year: summary.year })}</h2>
        ${disbursementTable(ctx, summary)}
      </section>`
    }
    <h2>${t('chains.models')}</h2>
    ${
      page.items.length === 0
        ? html`<p class="card">${t('list.none')}</p>`
        : html`<div class="table-wrap">
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">${t('chains.col.name')}</th>
                    <th scope="col">${t('cert.col.product')}</th>
                    <th scope="col">${t('chains.col.status')}</th>
                    <th scope="col">${t('chains.col.period')}</th>
                    <th scope="col">${t('chains.col.bySource')}</th>
                    <th scope="col" style="min-width:160px">${t('chains.col.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.items.map(
                    (v) =>
                      html`<tr>
                        <td data-label="${t('chains.col.name')}">
                          <a href="/value-chains/${v.id}">${v.name}</a>
                          <div class="muted">
                            ${PROGRAMME_KEYS[v.programme] ? t(PROGRAMME_KEYS[v.programme]) : v.programme}
                          </div>
                        </td>
                        <td data-label="${t('cert.col.product')}">${refs.product(v.productCode)}</td>
                        <td data-label="${t('chains.col.status')}">${chainStatus(ctx, v.status)}</td>
                        <td data-label="${t('chains.col.period')}">
                          ${f.date(v.startsOn)} – ${f.date(v.endsOn)}
                        </td>
                        <td data-label="${t('chains.col.bySource')}">
                          <ul style="margin:0;padding-left:1em">
                            ${bySourceOrder(v.budget)
                              .filter((l) => l.amountVnd > 0)
                              .map(
                                (l) =>
                                  html`<li>
                                    ${lineName(ctx, l)}: ${f.millionVnd(l.disbursedVnd)} /
                                    ${f.millionVnd(l.amountVnd)}
                                  </li>`,
                              )}
                          </ul>
                        </td>
                        <td data-label="${t('chains.col.progress')}">${modelProgress(ctx, v.budget)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="muted">${t('chains.millions')}</p>`
    }
    ${pager(ctx, page.page, page.limit, page.total)}`;
}

export interface ChainDetail {
  chain: ValueChainResponse;
  leadName: string | null;
  disbursements: Page<DisbursementResponse>;
  refs: References;
}

export function chainDetailPage(ctx: WebContext, d: ChainDetail): string {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  const v = d.chain;
  return layout(
    ctx,
    v.name,
    html`<p><a href="/value-chains">${t('cert.back')}</a></p>
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">${t('cert.facts')}</h2>
        <dl class="facts">
          <dt>${t('chains.col.status')}</dt>
          <dd>${chainStatus(ctx, v.status)}</dd>
          <dt>${t('cert.col.product')}</dt>
          <dd>${d.refs.product(v.productCode)}</dd>
          <dt>${t('chains.filter.programme')}</dt>
          <dd>${PROGRAMME_KEYS[v.programme] ? t(PROGRAMME_KEYS[v.programme]) : v.programme}</dd>
          <dt>${t('chains.fact.lead')}</dt>
          <dd>${d.leadName ?? '—'}</dd>
          <dt>${t('chains.col.period')}</dt>
          <dd>${f.date(v.startsOn)} – ${f.date(v.endsOn)}</dd>
          <dt>${t('chains.fact.decision')}</dt>
          <dd>
            ${v.decisionNumber ? t('chains.decision', { number: v.decisionNumber, date: f.date(v.decisionDate) }) : '—'}
          </dd>
          <dt>${t('chains.fact.communes')}</dt>
          <dd>${v.communeCodes.map((c) => d.refs.commune(c)).join(', ') || '—'}</dd>
          <dt>${t('dashboard.col.households')}</dt>
          <dd data-figure="households">${f.number(v.figures.households)}</dd>
          <dt>${t('dashboard.col.scale')}</dt>
          <dd>${scale(ctx, v.figures.areaHa, v.figures.heads, d.refs.productUnit(v.productCode))}</dd>
          <dt>${t('dashboard.col.poor')}</dt>
          <dd data-figure="poor">${f.share(v.figures.poorShare)}</dd>
          <dt>${t('dashboard.col.minority')}</dt>
          <dd data-figure="minority">${f.share(v.figures.ethnicMinorityShare)}</dd>
        </dl>
      </section>
      <section aria-labelledby="budget-title">
        <h2 id="budget-title">${t('chains.budget')}</h2>
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">${t('money.col.line')}</th>
                <th scope="col" class="num">${t('money.col.plan')}</th>
                <th scope="col" class="num">${t('money.col.disbursed')}</th>
                <th scope="col" class="num">${t('money.col.percent')}</th>
                <th scope="col" style="min-width:120px">${t('money.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              ${bySourceOrder(v.budget).map((l) => {
                const percent = f.share(l.amountVnd ? l.disbursedVnd / l.amountVnd : 0);
                return html`<tr>
                  <th scope="row" data-label="${t('money.col.line')}">${lineName(ctx, l)}</th>
                  <td class="num" data-label="${t('money.col.plan')}">${f.millionVnd(l.amountVnd)}</td>
                  <td class="num" data-label="${t('money.col.disbursed')}">
                    ${f.millionVnd(l.disbursedVnd)}
                  </td>
                  <td class="num" data-label="${t('money.col.percent')}">${percent}</td>
                  <td data-label="${t('money.col.progress')}">
                    ${progressBar(l.disbursedVnd, l.amountVnd, percent)}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
        ${modelProgress(ctx, v.budget)}
      </section>
      <section id="disbursements" aria-labelledby="paid-title">
        <h2 id="paid-title">${t('chains.disbursements')}</h2>
        ${
          d.disbursements.items.length === 0
            ? html`<p class="card">${t('chains.noDisbursements')}</p>`
            : html`<div class="table-wrap">
                <table class="stack">
                  <thead>
                    <tr>
                      <th scope="col">${t('chains.col.paidOn')}</th>
                      <th scope="col">${t('money.col.line')}</th>
                      <th scope="col" class="num">${t('chains.col.amount')}</th>
                      <th scope="col">${t('chains.col.voucher')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${d.disbursements.items.map(
                      (p) =>
                        html`<tr>
                          <td data-label="${t('chains.col.paidOn')}">${f.date(p.paidOn)}</td>
                          <td data-label="${t('money.col.line')}">
                            ${lineName(ctx, { source: p.source, capitalType: p.capitalType, amountVnd: 0, disbursedVnd: 0 })}
                          </td>
                          <td class="num" data-label="${t('chains.col.amount')}">
                            ${f.millionVnd(p.amountVnd)}
                          </td>
                          <td data-label="${t('chains.col.voucher')}">${p.voucher ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
        ${subPager(ctx, `/value-chains/${v.id}`, 'dpage', 'disbursements', d.disbursements)}
      </section>`,
  );
}
