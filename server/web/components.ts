import type { WebContext } from './framework.js';
import { html, type SafeHtml, when } from './html.js';

export type FieldErrors = Record<string, string>;

/** Form-safe id for a field path ("release.expectedDate" → "f-release-expectedDate"). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** The error summary at the top of a form; each link focuses its field. */
export function errorSummary(
  w: WebContext,
  errors: FieldErrors | null | undefined,
  labels: Record<string, string> = {},
): SafeHtml {
  if (!errors || Object.keys(errors).length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${w.t('form.errors')}</h2>
<ul>${Object.entries(errors).map(([name, msg]) => html`<li><a href="#${fieldId(name)}">${labels[name] ? `${labels[name]}: ` : ''}${msg}</a></li>`)}</ul>
</div>`;
}

export interface InputOptions {
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  hint?: string;
  required?: boolean;
  errors?: FieldErrors | null;
  attrs?: SafeHtml;
  autocomplete?: string;
}

export function input(w: WebContext, o: InputOptions): SafeHtml {
  const id = fieldId(o.name);
  const err = o.errors?.[o.name];
  const described = [o.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="${err ? 'field has-error' : 'field'}">
<label for="${id}">${o.label}${o.required ? html` <span class="hint inline">(${w.t('form.required')})</span>` : ''}</label>
${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${when(described, html` aria-describedby="${described}"`)}${when(err, html` aria-invalid="true"`)}${when(o.required, html` required`)}${when(o.autocomplete, html` autocomplete="${o.autocomplete ?? ''}"`)}${o.attrs ?? ''}>
</div>`;
}

export function textarea(w: WebContext, o: InputOptions & { rows?: number }): SafeHtml {
  const id = fieldId(o.name);
  const err = o.errors?.[o.name];
  return html`<div class="${err ? 'field has-error' : 'field'}">
<label for="${id}">${o.label}${o.required ? html` <span class="hint inline">(${w.t('form.required')})</span>` : ''}</label>
${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${when(err, html` aria-invalid="true"`)}${when(o.hint || err, html` aria-describedby="${[o.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ')}"`)}>${o.value ?? ''}</textarea>
</div>`;
}

export function select(
  _w: WebContext,
  o: InputOptions & { options: { value: string; label: string }[]; empty?: string },
): SafeHtml {
  const id = fieldId(o.name);
  const err = o.errors?.[o.name];
  return html`<div class="${err ? 'field has-error' : 'field'}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
<select id="${id}" name="${o.name}"${when(err, html` aria-invalid="true"`)}${when(
    o.hint || err,
    html` aria-describedby="${[o.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ')}"`,
  )}>
${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}
${o.options.map((opt) => html`<option value="${opt.value}"${when(String(o.value ?? '') === opt.value, html` selected`)}>${opt.label}</option>`)}
</select></div>`;
}

/** Hidden CSRF field; every POST form includes it. */
export function csrfField(w: WebContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${w.csrf}">`;
}

/** A query string from the current filters with some values replaced (bookmarkable links). */
export function withQuery(
  w: WebContext,
  changes: Record<string, string | number | undefined | null>,
): string {
  const u = new URL(w.url.toString());
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return `${u.pathname}${u.search}`;
}

/** Previous/next links keeping every other filter. */
export function pager(w: WebContext, page: number, limit: number, total: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="${w.t('list.pagination')}">
${page > 1 ? html`<a href="${withQuery(w, { page: page - 1 })}" rel="prev">${w.t('list.prev')}</a>` : ''}
<span>${w.t('list.page', { page, pages })}</span>
${page < pages ? html`<a href="${withQuery(w, { page: page + 1 })}" rel="next">${w.t('list.next')}</a>` : ''}
</nav>`;
}

/** One value of a (possibly repeated) query parameter. */
export function q1(w: WebContext, name: string): string | undefined {
  const v = w.query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** All values of a repeated query parameter (checkbox groups). */
export function qAll(w: WebContext, name: string): string[] {
  const v = w.query[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean);
}
