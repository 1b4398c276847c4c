import { CertificationStatus, TRANSITIONS } from '../../certification/certification-status';
import { todayInVietnam } from '../../certification/inspection-schedule';
import { INSPECTION_RESULTS } from '../../certification/inspection.entity';
import { alert, csrfField, field } from '../form-fields';
import type { FieldErrors } from '../form-input';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';
import { RESULT_KEYS, STATUS_KEYS } from './certificate-sections.view';

/** A form as posted, with the API's messages: per field, and one for the whole form (a 409 or 422). */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldErrors;
  message?: string;
}

export interface CertificateForms {
  inspection?: FormState;
  status?: FormState;
}

/** The form's refusal, or the reminder that fields below are marked. */
export const formAlert = (ctx: WebContext, state?: FormState): SafeHtml =>
  alert(state?.message || (state && Object.keys(state.errors).length ? ctx.t('form.errors') : undefined));

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The inspection record (SPEC §2): date, officer, result, findings, residue test, diary, and suspend on a fail. */
export function inspectionForm(ctx: WebContext, action: string, state?: FormState): SafeHtml {
  const { t } = ctx;
  const values = state?.values ?? { inspectedOn: todayInVietnam() };
  const errors = state?.errors ?? {};
  const triState = (name: string, yes: string, no: string) =>
    field({
      name,
      label: t(name === 'diaryKept' ? 'cert.inspect.diary' : 'cert.inspect.residue'),
      type: 'select',
      value: text(values[name]),
      error: errors[name],
      options: [
        { value: '', label: t('cert.notRecorded') },
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ],
    });
  return html`<section class="card" id="inspect" aria-labelledby="inspect-title">
    <h2 id="inspect-title">${t('cert.inspect.title')}</h2>
    ${formAlert(ctx, state)}
    <form method="post" action="${action}" novalidate>
      ${csrfField(ctx.csrf)}
      ${field({ name: 'inspectedOn', label: t('cert.inspect.inspectedOn'), type: 'date', value: text(values.inspectedOn), error: errors.inspectedOn, required: true })}
      ${field({ name: 'inspector', label: t('cert.inspect.inspector'), value: text(values.inspector), error: errors.inspector, required: true, attrs: { maxlength: '120', autocomplete: 'name' } })}
      ${field({
        name: 'result',
        label: t('cert.inspect.result'),
        type: 'select',
        value: text(values.result),
        error: errors.result,
        required: true,
        options: [
          { value: '', label: t('cert.inspect.choose') },
          ...INSPECTION_RESULTS.map((r) => ({ value: r, label: t(RESULT_KEYS[r]) })),
        ],
      })}
      ${field({ name: 'findings', label: t('cert.inspect.findings'), type: 'textarea', value: text(values.findings), error: errors.findings, attrs: { maxlength: '4000' } })}
      ${triState('residueTestPassed', t('cert.result.pass'), t('cert.result.fail'))}
      ${triState('diaryKept', t('cert.yes'), t('cert.no'))}
      <div class="field check${errors.suspend ? ' invalid' : ''}">
        <label
          ><input
            type="checkbox"
            name="suspend"
            value="true"
            ${values.suspend === true ? html`checked` : ''}
            ${errors.suspend ? html`aria-invalid="true" aria-describedby="f-suspend-error"` : ''}
          />
          ${t('cert.inspect.suspend')}</label
        >
        ${errors.suspend ? html`<p class="error" id="f-suspend-error">${errors.suspend}</p>` : ''}
      </div>
      ${field({ name: 'reason', label: t('cert.inspect.reason'), value: text(values.reason), error: errors.reason, attrs: { maxlength: '500' } })}
      <button type="submit">${t('cert.inspect.submit')}</button>
    </form>
  </section>`;
}

/** The moves the lifecycle allows from the current status; a revoked certificate has none. */
export function statusForm(
  ctx: WebContext,
  action: string,
  current: CertificationStatus,
  state?: FormState,
): SafeHtml {
  const { t } = ctx;
  const allowed = TRANSITIONS[current];
  const values = state?.values ?? {};
  const errors = state?.errors ?? {};
  return html`<section class="card" id="status" aria-labelledby="status-title">
    <h2 id="status-title">${t('cert.statusForm.title')}</h2>
    <p>${t('cert.statusForm.current', { status: t(STATUS_KEYS[current]) })}</p>
    ${formAlert(ctx, state)}
    ${
      allowed.length === 0
        ? html`<p class="muted">${t('cert.statusForm.final')}</p>`
        : html`<form method="post" action="${action}" novalidate>
            ${csrfField(ctx.csrf)}
            ${field({
              name: 'to',
              label: t('cert.statusForm.to'),
              type: 'select',
              value: text(values.to),
              error: errors.to,
              required: true,
              options: allowed.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) })),
            })}
            ${field({ name: 'reason', label: t('cert.statusForm.reason'), type: 'textarea', value: text(values.reason), error: errors.reason, required: true, attrs: { maxlength: '500' } })}
            <button type="submit">${t('cert.statusForm.submit')}</button>
          </form>`
    }
  </section>`;
}

/** The notice after a successful post (Post/Redirect/Get carries it as `?saved=`). */
export function savedNotice(ctx: WebContext, saved: unknown): SafeHtml {
  if (saved === 'inspection') return alert(ctx.t('cert.saved.inspection'), 'ok');
  if (saved === 'status') return alert(ctx.t('cert.saved.status'), 'ok');
  return html``;
}
