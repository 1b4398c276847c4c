import type { ImportPreviewResponse } from '../../imports/dto/import-preview.response';
import { alert, csrfField } from '../form-fields';
import type { MessageKey } from '../i18n/catalogue';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { cell, dateTimeText, numberText } from './format';

export const PROBLEMS_PER_PAGE = 50;

/** What the API answers for an import, and when it was committed. */
export type ImportView = ImportPreviewResponse & { committedAt: Date | null };

export interface UploadFormView {
  cooperative?: { id: string; name: string };
  /** The API's message about the file (missing, unreadable, wrong headers, too large). */
  error?: string;
}

/** The upload form: multipart, so its CSRF field is checked after multer read it (UploadPage). */
export function uploadForm(ctx: WebContext, view: UploadFormView): SafeHtml {
  const { t } = ctx;
  const described = ['f-file-hint', view.error ? 'f-file-error' : ''].filter(Boolean).join(' ');
  return html`<p>${t('imports.intro')}</p>
    <p>
      <a class="button secondary" href="/imports/households/template.xlsx" download
        >${t('imports.template')}</a
      >
    </p>
    <form method="post" action="/imports/households" enctype="multipart/form-data" class="card">
      ${csrfField(ctx.csrf)}
      ${
        view.cooperative
          ? html`<input type="hidden" name="cooperativeId" value="${view.cooperative.id}" />
              <p>${t('imports.into', { name: view.cooperative.name })}</p>`
          : ''
      }
      <div class="field${view.error ? ' invalid' : ''}">
        <label for="f-file">${t('imports.file')} <span aria-hidden="true">*</span></label>
        <input
          type="file"
          id="f-file"
          name="file"
          required
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="${described}"
          ${view.error ? html`aria-invalid="true"` : ''}
        />
        <small id="f-file-hint">${t('imports.fileHint')}</small>
        ${view.error ? html`<p class="error" id="f-file-error">${view.error}</p>` : ''}
      </div>
      <button type="submit">${t('imports.upload')}</button>
    </form>`;
}

interface Problem {
  row: number;
  kind: 'error' | 'duplicate';
  field: string;
  message: SafeHtml | string;
}

/** Errors and probable duplicates, one line each, in sheet order. */
function problemsOf(ctx: WebContext, job: ImportView): Problem[] {
  const { t } = ctx;
  const mayOpen = ctx.actor.role !== 'cooperative'; // the register a cooperative sees is its members only
  const problems: Problem[] = [
    ...job.invalid.map((e) => ({
      row: e.row,
      kind: 'error' as const,
      field: e.field,
      message: ctx.lang === 'vi' ? e.messageVi : e.message,
    })),
    ...job.duplicates.map((d) => ({
      row: d.row,
      kind: 'duplicate' as const,
      field: '',
      message:
        d.matchesRow !== undefined
          ? t('imports.matchesRow', { name: d.headName, row: d.matchesRow, score: d.score })
          : html`${t('imports.matchesHousehold', { name: d.headName, score: d.score })}${
              mayOpen && d.matchesHouseholdId
                ? html` — <a href="/households/${d.matchesHouseholdId}">${t('imports.openHousehold')}</a>`
                : ''
            }`,
    })),
  ];
  return problems.sort((a, b) => a.row - b.row || a.kind.localeCompare(b.kind));
}

/** The preview: counts, the problems row by row (a page at a time), then commit — or the commit's result. */
export function previewPage(ctx: WebContext, job: ImportView, page: number, notice?: string): SafeHtml {
  const { t } = ctx;
  const problems = problemsOf(ctx, job);
  const shown = problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE);
  const figure = (label: string, value: number) =>
    html`<div class="card">
      <div class="muted">${label}</div>
      <div class="figure">${numberText(ctx, value, 0)}</div>
    </div>`;
  const l = {
    row: t('imports.row'),
    kind: t('imports.kind'),
    field: t('imports.field'),
    message: t('imports.problem'),
  };
  return html`${notice ? alert(notice, 'ok') : ''}
    <div class="grid">
      ${figure(t('imports.rows'), job.rows)} ${figure(t('imports.valid'), job.valid)}
      ${figure(t('imports.invalid'), job.invalidCount)}
      ${figure(t('imports.duplicates'), job.duplicates.length)}
    </div>
    ${job.status === 'committed' ? committed(ctx, job) : commitForm(ctx, job)}
    <h2>${t('imports.problems')}</h2>
    ${
      job.invalidCount > job.invalid.length
        ? html`<p class="muted">
            ${t('imports.truncated', { shown: job.invalid.length, total: job.invalidCount })}
          </p>`
        : ''
    }
    ${
      problems.length === 0
        ? html`<p class="card">${t('imports.noProblems')}</p>`
        : html`<div class="table-wrap">
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col" class="num">${l.row}</th>
                    <th scope="col">${l.kind}</th>
                    <th scope="col">${l.field}</th>
                    <th scope="col">${l.message}</th>
                  </tr>
                </thead>
                <tbody>
                  ${shown.map(
                    (p) =>
                      html`<tr>
                        ${cell(l.row, p.row, 'num')}
                        ${cell(
                          l.kind,
                          html`<span class="tag ${p.kind === 'error' ? 'overdue' : 'due'}"
                            >${t(`imports.kind.${p.kind}`)}</span
                          >`,
                        )}
                        ${cell(l.field, p.field)} ${cell(l.message, p.message)}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${pager(ctx, page, PROBLEMS_PER_PAGE, problems.length)}`
    }`;
}

function commitForm(ctx: WebContext, job: ImportView): SafeHtml {
  const { t } = ctx;
  if (job.valid === 0) return alert(t('imports.nothingValid'));
  return html`<form
    method="post"
    action="/imports/${job.id}/commit"
    class="card"
    data-confirm="${t('imports.confirmCommit')}"
  >
    ${csrfField(ctx.csrf)}
    <p>${t('imports.commitHint')}</p>
    <button type="submit">${t('imports.commit', { count: job.valid })}</button>
  </form>`;
}

const RESULT_KEYS = ['created', 'updated', 'unchanged', 'joined', 'skipped'] as const;

function committed(ctx: WebContext, job: ImportView): SafeHtml {
  const { t } = ctx;
  const result = job.result ?? {};
  const label = (key: string): string =>
    (RESULT_KEYS as readonly string[]).includes(key) ? t(`imports.result.${key}` as MessageKey) : key;
  return html`<div class="card">
    ${alert(t('imports.committed', { when: dateTimeText(ctx, job.committedAt) }), 'ok')}
    <dl class="facts">
      ${Object.entries(result).map(
        ([key, count]) =>
          html`<dt>${label(key)}</dt>
            <dd>${numberText(ctx, count, 0)}</dd>`,
      )}
    </dl>
    <div class="actions">
      <a class="button" href="/households">${t('imports.toRegister')}</a>
      <a class="button secondary" href="/imports/households">${t('imports.again')}</a>
    </div>
  </div>`;
}
