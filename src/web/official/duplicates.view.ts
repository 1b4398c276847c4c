import type { Page } from '@lienket/http-common';
import type {
  DuplicatePairResponse,
  DuplicateSideResponse,
} from '../../integrity/dto/duplicate-pair.response';
import { DUPLICATE_STATUSES, DuplicateStatus } from '../../integrity/duplicate-pair.entity';
import { alert, csrfField, field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import { layout } from '../layout';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import type { FormState } from './certificate-forms.view';
import type { References } from './reference-labels';

const STATUS_KEYS: Record<DuplicateStatus, MessageKey> = {
  open: 'duplicates.status.open',
  merged: 'duplicates.status.merged',
  dismissed: 'duplicates.status.dismissed',
};

const FIELDS: Array<{ key: keyof DuplicateSideResponse; label: MessageKey }> = [
  { key: 'headName', label: 'duplicates.headName' },
  { key: 'birthYear', label: 'duplicates.birthYear' },
  { key: 'nationalId', label: 'duplicates.nationalId' },
  { key: 'communeCode', label: 'duplicates.commune' },
  { key: 'village', label: 'duplicates.village' },
];

/** A refused decision: which pair, and what the API said. */
export interface PairRefusal {
  pairId: string;
  state: FormState;
}

export interface DuplicatesList {
  page?: Page<DuplicatePairResponse>;
  values: Record<string, string>;
  errors: FieldErrors;
  refs: References;
  refusal?: PairRefusal;
  saved?: unknown;
}

function sideValue(side: DuplicateSideResponse, key: keyof DuplicateSideResponse, refs: References): string {
  if (key === 'communeCode') return refs.commune(side.communeCode);
  return side[key] === null ? '' : String(side[key]);
}

/** The dismissal's note: one per pair on the page, so its id names the pair (field() would repeat one id). */
function noteField(ctx: WebContext, pairId: string, refusal?: FormState): SafeHtml {
  const id = `note-${pairId}`;
  const error = refusal?.errors.note;
  return html`<div class="field${error ? ' invalid' : ''}">
    <label for="${id}">${ctx.t('duplicates.note')}</label>
    <input
      id="${id}"
      name="note"
      maxlength="500"
      value="${String(refusal?.values.note ?? '')}"
      ${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}
    />
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  </div>`;
}

function pairCard(
  ctx: WebContext,
  pair: DuplicatePairResponse,
  refs: References,
  refusal?: FormState,
): SafeHtml {
  const { t } = ctx;
  const titleId = `pair-${pair.id}`;
  const rows = FIELDS.map(({ key, label }) => {
    const a = sideValue(pair.a, key, refs);
    const b = sideValue(pair.b, key, refs);
    const differs = a !== b;
    const cell = (value: string, side: string) =>
      html`<td data-label="${side}">
        ${differs ? html`<mark title="${t('duplicates.differs')}">${value || '—'}</mark>` : value || '—'}
      </td>`;
    return html`<tr${differs ? html` class="differs" data-differs="${key}"` : ''}>
      <th scope="row">${t(label)}${differs ? html` <span class="muted">(${t('duplicates.differs')})</span>` : ''}</th>
      ${cell(a, t('duplicates.a'))} ${cell(b, t('duplicates.b'))}
    </tr>`;
  });
  const base = `/duplicates/${pair.id}`;
  return html`<article class="card" aria-labelledby="${titleId}" data-pair="${pair.id}">
    <h2 id="${titleId}" style="margin-top:0">
      ${t('duplicates.score', { score: pair.score })}
      <span class="tag ${pair.status === 'open' ? 'due' : pair.status === 'merged' ? 'ok' : ''}"
        >${t(STATUS_KEYS[pair.status])}</span
      >
    </h2>
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('duplicates.field')}</th>
            <th scope="col">${t('duplicates.a')}</th>
            <th scope="col">${t('duplicates.b')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    ${pair.decisionNote ? html`<p class="muted">${t('duplicates.decisionNote', { note: pair.decisionNote })}</p>` : ''}
    ${refusal ? alert(refusal.message || Object.values(refusal.errors).join(' ')) : ''}
    ${
      pair.status === 'open' &&
      html`<div class="actions" style="margin-top:12px">
        ${(['a', 'b'] as const).map(
          (side) =>
            html`<form
              method="post"
              action="${base}/merge"
              class="inline"
              data-confirm="${t('duplicates.confirmMerge')}"
            >
              ${csrfField(ctx.csrf)}
              <input type="hidden" name="keepHouseholdId" value="${pair[side].id}" />
              <button type="submit">${t(side === 'a' ? 'duplicates.keepA' : 'duplicates.keepB')}</button>
            </form>`,
        )}
        <form
          method="post"
          action="${base}/dismiss"
          class="inline"
          data-confirm="${t('duplicates.confirmDismiss')}"
        >
          ${csrfField(ctx.csrf)} ${noteField(ctx, pair.id, refusal)}
          <button type="submit" class="secondary">${t('duplicates.dismiss')}</button>
        </form>
      </div>`
    }
  </article>`;
}

export function duplicatesResults(ctx: WebContext, list: DuplicatesList): SafeHtml {
  const { page } = list;
  if (!page) return html``;
  if (page.items.length === 0) return html`<p class="card">${ctx.t('duplicates.none')}</p>`;
  return html`${page.items.map((pair) =>
    pairCard(ctx, pair, list.refs, list.refusal?.pairId === pair.id ? list.refusal.state : undefined),
  )}
  ${pager(ctx, page.page, page.limit, page.total)}`;
}

export function duplicatesPage(ctx: WebContext, list: DuplicatesList): string {
  const { t } = ctx;
  const saved =
    list.saved === 'merged'
      ? alert(t('duplicates.merged'), 'ok')
      : list.saved === 'dismissed'
        ? alert(t('duplicates.dismissed'), 'ok')
        : '';
  // A refused decision on a pair this page no longer lists (decided meanwhile) shows on top.
  const refusal = list.refusal;
  const elsewhere =
    refusal && !list.page?.items.some((p) => p.id === refusal.pairId)
      ? alert(refusal.state.message || Object.values(refusal.state.errors).join(' '))
      : '';
  return layout(
    ctx,
    t('duplicates.title'),
    html`${saved}${elsewhere}
      <p class="muted">${t('duplicates.intro')}</p>
      <form method="get" action="/duplicates" class="inline card narrow" data-live="#results">
        ${field({
          name: 'status',
          label: t('duplicates.filter.status'),
          type: 'select',
          value: list.values.status ?? 'open',
          error: list.errors.status,
          options: DUPLICATE_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) })),
        })}
        ${list.values.householdId ? html`<input type="hidden" name="householdId" value="${list.values.householdId}" />` : ''}
        <button type="submit">${t('form.filter')}</button>
      </form>
      <div id="results" aria-live="polite">${duplicatesResults(ctx, list)}</div>`,
  );
}
