import { html, SafeHtml } from './html';

export interface FieldSpec {
  name: string;
  /** The control's id when two forms of one page share a field name (default `f-<name>`). */
  id?: string;
  label: string;
  type?: 'text' | 'number' | 'date' | 'email' | 'password' | 'tel' | 'search' | 'select' | 'textarea';
  value?: string | number | null;
  /** The API's validation message for this field, shown beside it. */
  error?: string;
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  hint?: string;
  attrs?: Record<string, string>;
}

/** A labelled input with its error beside it (aria-invalid, aria-describedby), for keyboards and readers. */
export function field(spec: FieldSpec): SafeHtml {
  const id = spec.id ?? `f-${spec.name.replace(/[^\w-]/g, '-')}`;
  const described = [spec.error ? `${id}-error` : '', spec.hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  const common = html` id="${id}"
  name="${spec.name}"${spec.required ? html` required` : ''}${
    spec.error ? html` aria-invalid="true"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${Object.entries(spec.attrs ?? {}).map(
    ([k, v]) => html` ${k}="${v}"`,
  )}`;
  const value = spec.value ?? '';
  const control =
    spec.type === 'select'
      ? html`<select${common}>${(spec.options ?? []).map(
          (o) =>
            html`<option value="${o.value}" ${String(value) === o.value ? html` selected` : ''}>
              ${o.label}
            </option>`,
        )}</select>`
      : spec.type === 'textarea'
        ? html`<textarea${common}>${value}</textarea>`
        : html`<input type="${spec.type ?? 'text'}" value="${value}" ${common} />`;
  return html`<div class="field${spec.error ? ' invalid' : ''}">
    <label for="${id}">${spec.label}${spec.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
    ${control} ${spec.hint ? html`<small id="${id}-hint">${spec.hint}</small>` : ''}
    ${spec.error ? html`<p class="error" id="${id}-error">${spec.error}</p>` : ''}
  </div>`;
}

export const csrfField = (token: string): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${token}" />`;

/** A form-level message (an error the API gave for the whole form, or a notice). */
export const alert = (message: string | undefined, kind: 'error' | 'ok' = 'error'): SafeHtml =>
  message
    ? html`<p class="alert ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</p>`
    : html``;
