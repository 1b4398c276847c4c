import type { Page } from '@lienket/http-common';
import type { AuditEntryResponse } from '../../audit/dto/audit-entry.response';
import type { CertificationStatus } from '../../certification/certification-status';
import type { InspectionResponse } from '../../certification/dto/inspection.response';
import { html, SafeHtml } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import type { WebContext } from '../web-context';
import { formatsFor } from './official-format';

export const STATUS_KEYS: Record<CertificationStatus, MessageKey> = {
  pending: 'cert.status.pending',
  active: 'cert.status.active',
  suspended: 'cert.status.suspended',
  revoked: 'cert.status.revoked',
};

export const RESULT_KEYS: Record<string, MessageKey> = {
  pass: 'cert.result.pass',
  minor: 'cert.result.minor',
  fail: 'cert.result.fail',
};

export const KIND_KEYS: Record<string, MessageKey> = {
  export: 'cert.kind.export',
  domestic: 'cert.kind.domestic',
};

/** The status as a tag, then the inspection flags the API computed (due, overdue) and the at-risk flag. */
export function statusTags(
  ctx: WebContext,
  item: { status: CertificationStatus; due: boolean; overdue: boolean; atRisk?: boolean },
): SafeHtml {
  const { t } = ctx;
  return html`<span class="tag ${item.status}">${t(STATUS_KEYS[item.status])}</span>${
      item.overdue ? html` <span class="tag overdue">${t('cert.overdue')}</span>` : ''
    }${item.due ? html` <span class="tag due">${t('cert.due')}</span>` : ''}${
      item.atRisk ? html` <span class="tag suspended">${t('cert.atRisk')}</span>` : ''
    }`;
}

/**
 * Previous / next for a sub-list of a detail page (`base`), paged by its own query parameter. A page
 * drawn again after a refused form has the form's address: the links go back to the detail page.
 */
export function subPager(
  ctx: WebContext,
  base: string,
  param: string,
  anchor: string,
  page: Pick<Page<unknown>, 'page' | 'limit' | 'total'>,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  if (pages <= 1) return html``;
  const url = new URL(ctx.path, 'http://x');
  if (url.pathname !== base) url.href = new URL(base, 'http://x').href;
  url.searchParams.delete('saved');
  const link = (p: number) => {
    url.searchParams.set(param, String(p));
    return `${url.pathname}${url.search}#${anchor}`;
  };
  const label = ctx.t('list.page', { page: page.page, pages });
  return html`<nav class="pager" aria-label="${label}">
    <span
      >${page.page > 1 ? html`<a href="${link(page.page - 1)}" rel="prev">${ctx.t('list.previous')}</a>` : ''}</span
    >
    <span class="muted">${label} · ${ctx.t('list.total', { count: page.total })}</span>
    <span
      >${page.page < pages ? html`<a href="${link(page.page + 1)}" rel="next">${ctx.t('list.next')}</a>` : ''}</span
    >
  </nav>`;
}

const yesNo = (ctx: WebContext, value: boolean | null, yes: MessageKey, no: MessageKey): string =>
  value === null ? ctx.t('cert.notRecorded') : ctx.t(value ? yes : no);

export function inspectionsSection(
  ctx: WebContext,
  base: string,
  inspections: Page<InspectionResponse>,
): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  return html`<section id="inspections">
    <h2>${t('cert.inspections')}</h2>
    ${
      inspections.items.length === 0
        ? html`<p class="card">${t('cert.noInspections')}</p>`
        : html`<div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">${t('cert.col.inspectedOn')}</th>
                  <th scope="col">${t('cert.col.inspector')}</th>
                  <th scope="col">${t('cert.col.result')}</th>
                  <th scope="col">${t('cert.col.residue')}</th>
                  <th scope="col">${t('cert.col.diary')}</th>
                  <th scope="col">${t('cert.col.findings')}</th>
                </tr>
              </thead>
              <tbody>
                ${inspections.items.map(
                  (i) =>
                    html`<tr>
                      <td data-label="${t('cert.col.inspectedOn')}">${f.date(i.inspectedOn)}</td>
                      <td data-label="${t('cert.col.inspector')}">${i.inspector}</td>
                      <td data-label="${t('cert.col.result')}">
                        <span
                          class="tag ${i.result === 'pass' ? 'ok' : i.result === 'fail' ? 'overdue' : 'due'}"
                          >${t(RESULT_KEYS[i.result])}</span
                        >
                      </td>
                      <td data-label="${t('cert.col.residue')}">
                        ${yesNo(ctx, i.residueTestPassed, 'cert.result.pass', 'cert.result.fail')}
                      </td>
                      <td data-label="${t('cert.col.diary')}">
                        ${yesNo(ctx, i.diaryKept, 'cert.yes', 'cert.no')}
                      </td>
                      <td data-label="${t('cert.col.findings')}">${i.findings ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${subPager(ctx, base, 'ipage', 'inspections', inspections)}
  </section>`;
}

/** What an audit entry did, in words: status moves and inspection results spelled out. */
function describe(ctx: WebContext, entry: AuditEntryResponse): string {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  const change = (field: string) => entry.changes?.[field];
  switch (entry.action) {
    case 'create':
      return t('cert.action.create');
    case 'update':
      return t('cert.action.update', { fields: Object.keys(entry.changes ?? {}).join(', ') });
    case 'status': {
      const status = change('status');
      const label = (s: unknown) =>
        s && STATUS_KEYS[s as CertificationStatus] ? t(STATUS_KEYS[s as CertificationStatus]) : String(s);
      return t('cert.action.status', { from: label(status?.before), to: label(status?.after) });
    }
    case 'inspect': {
      const result = String(change('result')?.after ?? '');
      return t('cert.action.inspect', {
        result: RESULT_KEYS[result] ? t(RESULT_KEYS[result]) : result,
        next: f.date(String(change('nextInspectionDue')?.after ?? '')),
      });
    }
    case 'add-plot':
      return t('cert.action.addPlot', { area: f.hectares(Number(change('areaHa')?.after ?? 0)) });
    case 'add-source':
      return t('cert.action.addSource');
    case 'remove-source':
      return t('cert.action.removeSource');
    default:
      return entry.action;
  }
}

export function historySection(ctx: WebContext, base: string, history: Page<AuditEntryResponse>): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  return html`<section id="history">
    <h2>${t('cert.history')}</h2>
    ${
      history.items.length === 0
        ? html`<p class="card">${t('cert.noHistory')}</p>`
        : html`<div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">${t('cert.col.when')}</th>
                  <th scope="col">${t('cert.col.action')}</th>
                  <th scope="col">${t('cert.col.reason')}</th>
                  <th scope="col">${t('cert.col.actor')}</th>
                </tr>
              </thead>
              <tbody>
                ${history.items.map(
                  (entry) =>
                    html`<tr data-action="${entry.action}">
                      <td data-label="${t('cert.col.when')}">${f.dateTime(entry.createdAt)}</td>
                      <td data-label="${t('cert.col.action')}">${describe(ctx, entry)}</td>
                      <td data-label="${t('cert.col.reason')}">${entry.reason ?? ''}</td>
                      <td data-label="${t('cert.col.actor')}">${entry.actorUsername ?? t('cert.system')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${subPager(ctx, base, 'hpage', 'history', history)}
  </section>`;
}
