import type { DisbursementReport, PlanLine } from '../../reports/disbursement-report.service';
import { html, SafeHtml } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import type { WebContext } from '../web-context';
import { formatsFor } from './official-format';

export const PROGRAMME_KEYS: Record<string, MessageKey> = {
  '1719': 'money.programme.1719',
  'giam-ngheo': 'money.programme.giamNgheo',
  ntm: 'money.programme.ntm',
  other: 'money.programme.other',
};

export const SOURCE_KEYS: Record<string, MessageKey> = {
  state: 'money.source.state',
  counterpart: 'money.source.counterpart',
  household: 'money.source.household',
  enterprise: 'money.source.enterprise',
};

export const CAPITAL_KEYS: Record<string, MessageKey> = {
  investment: 'money.capital.investment',
  recurrent: 'money.capital.recurrent',
};

/** Budget lines in the order the province reports them: state money first, investment before recurrent. */
export function bySourceOrder<L extends { source: string; capitalType: string | null }>(lines: L[]): L[] {
  const rank = (l: L) =>
    Object.keys(SOURCE_KEYS).indexOf(l.source) * 10 + Object.keys(CAPITAL_KEYS).indexOf(l.capitalType ?? '');
  return [...lines].sort((a, b) => rank(a) - rank(b));
}

const label = (ctx: WebContext, keys: Record<string, MessageKey>, value: string): string =>
  keys[value] ? ctx.t(keys[value]) : value;

/** A horizontal bar of `part` over `whole` (capped at full), drawn from the two numbers. */
export function progressBar(part: number, whole: number, description: string): SafeHtml {
  const width = whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0;
  return html`<svg
    class="bar"
    width="100%"
    height="12"
    viewBox="0 0 100 12"
    preserveAspectRatio="none"
    role="img"
    aria-label="${description}"
  >
    <rect width="100" height="12" rx="2" fill="#e4ebe6" />
    <rect width="${width.toFixed(2)}" height="12" rx="2" fill="#1f6b3a" />
  </svg>`;
}

/** A card with one headline number: what it counts, the number, and a line of detail or a link. */
export function figureCard(
  title: string,
  figure: string,
  detail: SafeHtml | string = '',
  key = '',
): SafeHtml {
  return html`<div class="card">
    <p class="muted" style="margin:0">${title}</p>
    <p class="figure" style="margin:.2rem 0" data-figure="${key}">${figure}</p>
    ${detail ? html`<p class="muted" style="margin:0">${detail}</p>` : ''}
  </div>`;
}

/** Plan versus disbursed of a year (the disbursement report): per programme and source, state money split by capital type. */
export function disbursementTable(ctx: WebContext, report: DisbursementReport): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  if (report.lines.length === 0) {
    return html`<p class="card">${t('money.noPlan', { year: report.year })}</p>`;
  }
  const row = (
    line: Omit<PlanLine, 'programme' | 'source' | 'capitalType'>,
    name: SafeHtml | string,
    kind: string,
  ) => {
    const percent = f.percent(line.percent);
    return html`<tr data-line="${kind}">
      <th scope="row" data-label="${t('money.col.line')}">${name}</th>
      <td class="num" data-label="${t('money.col.plan')}">${f.millionVnd(line.planVnd)}</td>
      <td class="num" data-label="${t('money.col.disbursed')}">${f.millionVnd(line.disbursedVnd)}</td>
      <td class="num" data-label="${t('money.col.percent')}">${percent}</td>
      <td data-label="${t('money.col.progress')}" style="min-width:120px">
        ${progressBar(line.disbursedVnd, line.planVnd, percent)}
      </td>
    </tr>`;
  };
  return html`<div class="table-wrap">
      <table class="stack figures">
        <thead>
          <tr>
            <th scope="col">${t('money.col.line')}</th>
            <th scope="col" class="num">${t('money.col.plan')}</th>
            <th scope="col" class="num">${t('money.col.disbursed')}</th>
            <th scope="col" class="num">${t('money.col.percent')}</th>
            <th scope="col">${t('money.col.progress')}</th>
          </tr>
        </thead>
        <tbody>
          ${bySourceOrder(report.bySource).map((s) => [
            row(
              s,
              `${label(ctx, PROGRAMME_KEYS, s.programme)} — ${label(ctx, SOURCE_KEYS, s.source)}`,
              `${s.programme}|${s.source}`,
            ),
            bySourceOrder(report.byCapitalType)
              .filter((c) => s.source === 'state' && c.programme === s.programme)
              .map((c) =>
                row(
                  c,
                  html`<span style="padding-left:1.2em"
                    >↳ ${label(ctx, CAPITAL_KEYS, c.capitalType ?? '')}</span
                  >`,
                  `${c.programme}|state|${c.capitalType}`,
                ),
              ),
          ])}
          ${row(report.total, html`<strong>${t('money.total')}</strong>`, 'total')}
        </tbody>
      </table>
    </div>
    <p class="muted">${t('money.asOf', { date: f.date(report.asOf) })}</p>`;
}
