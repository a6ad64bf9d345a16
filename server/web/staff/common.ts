// Pieces shared by the Lapas staff and BLK trainer screens: labels, form readers, checkbox fields,
// error mapping, short-lived results kept in Redis, and the facility's own calendar day.

import type { z } from 'zod';
import type { Deps } from '../../deps.js';
import { AppError, type ErrorDetail } from '../../http/errors.js';
import { zodDetails } from '../../http/validate.js';
import { SECTOR_CODES, SECTORS } from '../../shared/sectors.js';
import { getSkillView, listSkills, resolveSkillRefs, type SkillRef } from '../../skills/service.js';
import { type FieldErrors, fieldId } from '../components.js';
import type { WebContext } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';

defineMessages({
  'cohort.status.in_custody': { id: 'Masih dibina', en: 'In custody' },
  'cohort.status.released': { id: 'Sudah bebas', en: 'Released' },
  'cohort.status.placed': { id: 'Sudah bekerja', en: 'Placed in work' },
  'cohort.status.withdrawn': { id: 'Ditarik', en: 'Withdrawn' },
  'cohort.level.basic': { id: 'Dasar', en: 'Basic' },
  'cohort.level.intermediate': { id: 'Menengah', en: 'Intermediate' },
  'cohort.level.advanced': { id: 'Mahir', en: 'Advanced' },
  'cohort.evidence.none': { id: '— (belum ada bukti)', en: '— (no evidence yet)' },
  'cohort.evidence.experience': { id: 'Pengalaman kerja', en: 'Work experience' },
  'cohort.evidence.training': { id: 'Lulus pelatihan', en: 'Passed training' },
  'cohort.evidence.certification': { id: 'Sertifikat kompetensi', en: 'Competency certificate' },
  'cohort.result.passed': { id: 'Lulus', en: 'Passed' },
  'cohort.result.failed': { id: 'Tidak lulus', en: 'Failed' },
  'cohort.result.ongoing': { id: 'Masih berjalan', en: 'Ongoing' },
  'cohort.releaseType.bebas_murni': { id: 'Bebas murni', en: 'End of sentence' },
  'cohort.releaseType.pb': { id: 'Pembebasan bersyarat (PB)', en: 'Parole (PB)' },
  'cohort.releaseType.cb': { id: 'Cuti bersyarat (CB)', en: 'Conditional leave (CB)' },
  'cohort.releaseType.cmb': { id: 'Cuti menjelang bebas (CMB)', en: 'Pre-release leave (CMB)' },
  'cohort.releaseType.asimilasi': { id: 'Asimilasi', en: 'Assimilation' },
  'cohort.gender.male': { id: 'Laki-laki', en: 'Male' },
  'cohort.gender.female': { id: 'Perempuan', en: 'Female' },
  'cohort.education.none': { id: 'Tidak sekolah', en: 'No schooling' },
  'cohort.education.sd': { id: 'SD', en: 'Primary school (SD)' },
  'cohort.education.smp': { id: 'SMP', en: 'Junior high school (SMP)' },
  'cohort.education.sma': { id: 'SMA', en: 'Senior high school (SMA)' },
  'cohort.education.smk': { id: 'SMK', en: 'Vocational high school (SMK)' },
  'cohort.education.d3': { id: 'Diploma (D3)', en: 'Diploma (D3)' },
  'cohort.education.s1': { id: 'Sarjana (S1)', en: "Bachelor's degree (S1)" },
  'cohort.required': { id: 'wajib diisi', en: 'required' },
  'cohort.notNumber': { id: 'isi dengan bilangan bulat', en: 'enter a whole number' },
  'cohort.expiryNotAfterIssue': {
    id: 'harus setelah tanggal terbit',
    en: 'must be after the date of issue',
  },
  'cohort.endBeforeStart': {
    id: 'tanggal selesai sebelum tanggal mulai',
    en: 'the end date is before the start date',
  },
  'cohort.listHint': {
    id: 'Pisahkan dengan koma, misalnya: Bone, Makassar',
    en: 'Separate with commas, for example: Bone, Makassar',
  },
  'cohort.hidden': { id: 'tidak pernah ditampilkan ke pemberi kerja', en: 'never shown to employers' },
});

/** Roles of this area. */
export const STAFF = ['facility_staff'] as const;
export const STAFF_OR_TRAINER = ['facility_staff', 'trainer'] as const;

/** A database id from the path, or a 404 before any service is asked. */
export function idParam(w: WebContext, name = 'id'): string {
  const id = String(w.params[name] ?? '');
  if (!/^[0-9a-f]{24}$/i.test(id)) {
    throw new AppError({
      code: 'not_found',
      status: 404,
      message: 'Profil tidak ditemukan',
      messageEn: 'Profile not found',
    });
  }
  return id;
}

// ---------------------------------------------------------------- reading posted forms

/** One posted value, trimmed ('' when absent; the first of repeated values). */
export function str(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every posted value of a repeated field (checkbox groups), trimmed, empties dropped. */
export function all(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
}

/** A checkbox: checked when posted with any value. */
export function isChecked(body: Record<string, unknown>, name: string): boolean {
  return str(body, name) !== '';
}

/** A typed list ("Bone, Makassar" or "Bone; Makassar"). */
export function splitTyped(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole number typed into a field, or null. */
export function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

// ---------------------------------------------------------------- labels

export type Lang = WebContext['lang'];

/** A skill code as people read it, in the page's language. */
export function skillName(w: WebContext, code: string): string {
  return getSkillView(code)?.label[w.lang] ?? code;
}

export function sectorOptions(w: WebContext): { value: string; label: string }[] {
  return SECTOR_CODES.map((code) => ({ value: code, label: SECTORS[code][w.lang] }));
}

/** The options of a select from a list of codes whose labels are `${prefix}.${code}` messages. */
export function codeOptions(
  w: WebContext,
  prefix: string,
  codes: readonly string[],
): { value: string; label: string }[] {
  return codes.map((value) => ({ value, label: w.t(`${prefix}.${value}`) }));
}

/** Every taxonomy skill label as typing suggestions (one datalist per page, id `skill-labels`). */
export function skillDatalist(w: WebContext): SafeHtml {
  return html`<datalist id="skill-labels">${listSkills({}).map((s) => html`<option value="${s.label[w.lang]}">`)}</datalist>`;
}

// ---------------------------------------------------------------- fields the shared components lack

interface ChoiceOptions {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values: readonly string[];
  hint?: string;
  errors?: FieldErrors | null;
}

/** A group of checkboxes in a fieldset; the first box carries the field id the error summary links to. */
export function checkboxes(o: ChoiceOptions): SafeHtml {
  const id = fieldId(o.name);
  const err = o.errors?.[o.name];
  const described = [o.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="${err ? 'checks has-error' : 'checks'}"${when(described, html` aria-describedby="${described}"`)}><legend>${o.legend}</legend>
${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
${o.options.map((opt, i) => html`<label><input type="checkbox" id="${i === 0 ? id : `${id}-${i}`}" name="${o.name}" value="${opt.value}"${when(o.values.includes(opt.value), html` checked`)}> ${opt.label}</label>`)}
</fieldset>`;
}

/** One yes/no checkbox with a plain-words explanation under it. */
export function checkbox(o: {
  name: string;
  label: string;
  checked: boolean;
  hint?: string;
  errors?: FieldErrors | null;
  disabled?: boolean;
}): SafeHtml {
  const id = fieldId(o.name);
  const err = o.errors?.[o.name];
  const described = [o.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="${err ? 'checks has-error' : 'checks'}">
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
<label for="${id}"><input type="checkbox" id="${id}" name="${o.name}" value="true"${when(o.checked, html` checked`)}${when(o.disabled, html` disabled`)}${when(described, html` aria-describedby="${described}"`)}> ${o.label}</label>
${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
</div>`;
}

/** A `role="status"` notice after a successful save (`?saved=…`), or nothing. */
export function savedNotice(w: WebContext, messages: Record<string, string>): SafeHtml {
  const key = typeof w.query.saved === 'string' ? w.query.saved : '';
  const text = messages[key];
  return text ? html`<p class="notice" role="status">${text}</p>` : html``;
}

// ---------------------------------------------------------------- errors

/** The key under which problems that belong to no field are shown; the form element carries its id. */
export const FORM_KEY = '_form';

/**
 * Turns a service or validation error into messages per form field, in the page's language.
 * `mapPath` renames API paths (`skills.2.name`) to the form's field names; details without a field
 * and errors without details land under FORM_KEY. Anything that is not a 4xx AppError is rethrown.
 */
export function formErrors(
  err: unknown,
  lang: Lang,
  mapPath: (path: string) => string = (p) => p,
): FieldErrors {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
  const out: FieldErrors = {};
  const details: ErrorDetail[] = err.details ?? [];
  for (const d of details) {
    const field = mapPath(d.path.replace(/^(body|query|params)\./, '')) || FORM_KEY;
    out[field] ??= lang === 'id' ? d.message : (d.messageEn ?? d.message);
  }
  if (!details.length) out[FORM_KEY] = lang === 'id' ? err.message : err.messageEn;
  return out;
}

/**
 * Schema problems in words a form user understands ("minimal 2 karakter" rather than the schema
 * library's wording); custom bilingual messages of the schemas are kept as written.
 */
export function zodFieldErrors(
  error: z.ZodError,
  lang: Lang,
  mapPath: (path: string) => string = (p) => p,
  into: FieldErrors = {},
): FieldErrors {
  const generic = zodDetails(error);
  error.issues.forEach((issue, i) => {
    const field = mapPath(issue.path.map(String).join('.')) || FORM_KEY;
    if (into[field]) return;
    const d = generic[i]!;
    const x = issue as {
      origin?: string;
      minimum?: number | bigint;
      maximum?: number | bigint;
      input?: unknown;
    };
    const custom = issue.message.includes(' || ');
    const pick = (id: string, en: string) => (lang === 'id' ? id : en);
    let text: string;
    if (custom) text = lang === 'id' ? d.message : (d.messageEn ?? d.message);
    else if (issue.code === 'invalid_type' && (x.input === undefined || x.input === ''))
      text = pick('wajib diisi', 'required');
    else if (issue.code === 'too_small' && x.origin === 'string')
      text = pick(`minimal ${x.minimum} karakter`, `at least ${x.minimum} characters`);
    else if (issue.code === 'too_big' && x.origin === 'string')
      text = pick(`maksimal ${x.maximum} karakter`, `at most ${x.maximum} characters`);
    else if (issue.code === 'too_small' && x.origin === 'array')
      text = pick(`isi paling sedikit ${x.minimum}`, `give at least ${x.minimum}`);
    else if (issue.code === 'too_big' && x.origin === 'array')
      text = pick(`paling banyak ${x.maximum}`, `at most ${x.maximum}`);
    else if (issue.code === 'too_small') text = pick(`paling sedikit ${x.minimum}`, `at least ${x.minimum}`);
    else if (issue.code === 'too_big') text = pick(`paling banyak ${x.maximum}`, `at most ${x.maximum}`);
    else if (issue.code === 'invalid_value')
      text = pick('pilih salah satu pilihan', 'choose one of the options');
    else if (issue.code === 'invalid_format') text = pick('format tidak valid', 'invalid format');
    else text = lang === 'id' ? d.message : (d.messageEn ?? d.message);
    into[field] = text;
  });
  return into;
}

/**
 * Unknown or ambiguous skill names, checked up front (the taxonomy needs no database) so they are
 * reported together with every other problem of the form instead of after it.
 */
export function skillErrors(
  refs: SkillRef[],
  lang: Lang,
  mapPath: (path: string) => string,
  into: FieldErrors,
): void {
  try {
    resolveSkillRefs(refs, 'skills');
  } catch (err) {
    const found = formErrors(err, lang, mapPath);
    for (const [k, v] of Object.entries(found)) into[k] ??= v;
  }
}

/**
 * A period whose end comes before its start (ISO days compare as text). The schemas check this only
 * once every other field is valid; checking it here shows it together with the rest.
 */
export function checkPeriod(
  w: WebContext,
  start: string,
  end: string,
  errors: FieldErrors,
  field = 'endDate',
): void {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (day.test(start) && day.test(end) && end < start) errors[field] ??= w.t('cohort.endBeforeStart');
}

/** Adds "required" for each empty field among `names`. */
export function requireFields(
  w: WebContext,
  body: Record<string, unknown>,
  names: readonly string[],
  errors: FieldErrors,
): void {
  for (const n of names) if (!str(body, n)) errors[n] ??= w.t('cohort.required');
}

// ---------------------------------------------------------------- dates

/** Today's date (`YYYY-MM-DD`) in a facility's own time zone. */
export function localDay(now: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

// ---------------------------------------------------------------- short-lived results

/**
 * Results that must survive the redirect after a POST (a batch summary, an import's error report),
 * kept in Redis for a day under the run's prefix. Keys name their owner (a user or a facility), and
 * readers check it, so one person's results never open for another. Redis being down only costs the
 * redirect: callers then render the result at once.
 */
export function resultStore(deps: Pick<Deps, 'redis' | 'config'>) {
  const key = (kind: string, owner: string, id: string) =>
    `${deps.config.QUEUE_PREFIX}:web:${kind}:${owner}:${id}`;
  const TTL_SECONDS = 24 * 3600;
  return {
    /** Reserves an id once (double submits of one form); null when Redis cannot say. */
    async claim(kind: string, owner: string, id: string): Promise<boolean | null> {
      try {
        return (await deps.redis.set(key(kind, owner, id), 'null', 'EX', TTL_SECONDS, 'NX')) === 'OK';
      } catch {
        return null;
      }
    },
    async put(kind: string, owner: string, id: string, value: unknown): Promise<boolean> {
      try {
        await deps.redis.set(key(kind, owner, id), JSON.stringify(value), 'EX', TTL_SECONDS);
        return true;
      } catch {
        return false;
      }
    },
    /** The stored value; undefined when unknown or expired, null while still being written. */
    async get<T>(kind: string, owner: string, id: string): Promise<T | null | undefined> {
      const raw = await deps.redis.get(key(kind, owner, id));
      return raw === null ? undefined : (JSON.parse(raw) as T | null);
    },
  };
}
export type ResultStore = ReturnType<typeof resultStore>;
