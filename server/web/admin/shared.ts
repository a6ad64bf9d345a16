import { AppError } from '../../http/errors.js';
import type { FieldErrors } from '../components.js';
import type { WebContext } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';

defineMessages({
  'admin.all': { id: 'Semua', en: 'All' },
  'admin.role.admin': { id: 'Admin', en: 'Admin' },
  'admin.role.officer': { id: 'Petugas Bapas (PK)', en: 'Probation officer' },
  'admin.role.facility_staff': { id: 'Staf Lapas/Rutan/LPKA', en: 'Prison staff' },
  'admin.role.trainer': { id: 'Pelatih BLK', en: 'BLK trainer' },
  'admin.role.employer': { id: 'Pengguna pemberi kerja', en: 'Employer user' },
  'admin.role.candidate': { id: 'WBP / klien', en: 'Inmate or client' },
  'admin.kind.lapas': { id: 'Lapas', en: 'Prison (Lapas)' },
  'admin.kind.rutan': { id: 'Rutan', en: 'Remand centre (Rutan)' },
  'admin.kind.lpka': { id: 'LPKA', en: 'Juvenile facility (LPKA)' },
  'admin.kind.bapas': { id: 'Bapas', en: 'Probation office (Bapas)' },
  'admin.kind.blk': { id: 'BLK', en: 'Training centre (BLK)' },
  'admin.tz.Asia/Jakarta': { id: 'WIB (Asia/Jakarta)', en: 'WIB (Asia/Jakarta)' },
  'admin.tz.Asia/Makassar': { id: 'WITA (Asia/Makassar)', en: 'WITA (Asia/Makassar)' },
  'admin.tz.Asia/Jayapura': { id: 'WIT (Asia/Jayapura)', en: 'WIT (Asia/Jayapura)' },
});

/** What went wrong with a submitted form: messages per field and, failing that, one general message. */
export interface FormProblem {
  status: number;
  fields: FieldErrors | null;
  message?: string;
}

/**
 * Turns a 400 or 409 from a service into form messages in the page language. `aliases` renames API
 * paths to the form's field names (`facilityId` → `facilityCode`); `prefix` namespaces a second form on
 * the same page (`invite.`). Anything else is not a form problem (null: let the error page handle it).
 */
export function formProblem(
  err: unknown,
  lang: WebContext['lang'],
  aliases: Record<string, string> = {},
  prefix = '',
): FormProblem | null {
  if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) return null;
  const fields: FieldErrors = {};
  for (const d of err.details ?? []) {
    const path = d.path.replace(/^(body|query|params)\./, '');
    const name = `${prefix}${aliases[path] ?? path}`;
    fields[name] ??= lang === 'id' ? d.message : (d.messageEn ?? d.message);
  }
  if (Object.keys(fields).length) return { status: err.status, fields };
  return { status: err.status, fields: null, message: lang === 'id' ? err.message : err.messageEn };
}

/** The general message of a failed form, announced to screen readers. */
export function problemNotice(problem: FormProblem | null | undefined): SafeHtml {
  return problem?.message ? html`<p class="notice" role="alert">${problem.message}</p>` : html``;
}

/** A filter select of a GET form; ids start with `q-` so they never clash with a form on the same page. */
export function filterSelect(
  w: WebContext,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  value: string | undefined,
): SafeHtml {
  return html`<label for="q-${name}">${label}</label>
<select id="q-${name}" name="${name}"><option value="">${w.t('admin.all')}</option>${options.map(
    (o) => html`<option value="${o.value}"${when(o.value === value, html` selected`)}>${o.label}</option>`,
  )}</select>`;
}

/** A filter text box of a GET form (id `q-…`). */
export function filterInput(name: string, label: string, value: string | undefined): SafeHtml {
  return html`<label for="q-${name}">${label}</label><input id="q-${name}" name="${name}" value="${value ?? ''}">`;
}

/** A form value as trimmed text. */
export function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '')).trim();
}

/** A `back` field that may only lead to one of our own admin pages. */
export function backTo(body: Record<string, unknown>, prefix: string): string {
  const back = text(body, 'back');
  return back.startsWith(prefix) && !back.startsWith('//') ? back : prefix;
}

/** A positive page number from the query (1 when missing or odd). */
export function pageNumber(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 10_000) : 1;
}
