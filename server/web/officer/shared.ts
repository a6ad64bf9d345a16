import type { CandidateStatus, ReleaseType } from '../../candidates/types.js';
import type { PlacementState } from '../../placements/states.js';
import { SECTORS, type Sector } from '../../shared/sectors.js';
import type { WebContext } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import { defineMessages } from '../i18n.js';

/** Who opens the officer screens: Bapas officers, and admins for support. */
export const OFFICER_ROLES = ['officer', 'admin'] as const;

export const RELEASE_TYPE_CODES: readonly ReleaseType[] = ['bebas_murni', 'pb', 'cb', 'cmb', 'asimilasi'];
export const STATUS_CODES: readonly Exclude<CandidateStatus, 'erased'>[] = [
  'in_custody',
  'released',
  'placed',
  'withdrawn',
];

defineMessages({
  'officer.release.bebas_murni': { id: 'Bebas murni', en: 'End of sentence' },
  'officer.release.pb': { id: 'Pembebasan bersyarat (PB)', en: 'Parole (PB)' },
  'officer.release.cb': { id: 'Cuti bersyarat (CB)', en: 'Conditional leave (CB)' },
  'officer.release.cmb': { id: 'Cuti menjelang bebas (CMB)', en: 'Pre-release leave (CMB)' },
  'officer.release.asimilasi': { id: 'Asimilasi', en: 'Assimilation' },
  'officer.status.in_custody': { id: 'Masih di dalam', en: 'In custody' },
  'officer.status.released': { id: 'Sudah bebas', en: 'Released' },
  'officer.status.placed': { id: 'Sudah bekerja', en: 'Placed' },
  'officer.status.withdrawn': { id: 'Tidak aktif', en: 'Withdrawn' },
  'officer.daysToGo': { id: '{n} hari lagi', en: 'in {n} days' },
  'officer.today': { id: 'hari ini', en: 'today' },
  'officer.daysAgo': { id: '{n} hari lalu', en: '{n} days ago' },
  'officer.yes': { id: 'Ya', en: 'Yes' },
  'officer.no': { id: 'Tidak', en: 'No' },
  'pipe.state.employer_interest': { id: 'Minat pemberi kerja', en: 'Employer interest' },
  'pipe.state.proposed': { id: 'Diusulkan', en: 'Proposed' },
  'pipe.state.candidate_consented': { id: 'Klien setuju', en: 'Client consented' },
  'pipe.state.introduced': { id: 'Diperkenalkan', en: 'Introduced' },
  'pipe.state.interviewing': { id: 'Wawancara', en: 'Interviewing' },
  'pipe.state.offered': { id: 'Ditawari kerja', en: 'Offered' },
  'pipe.state.hired': { id: 'Diterima bekerja', en: 'Hired' },
  'pipe.state.retained_30': { id: 'Bertahan 30 hari', en: 'Retained 30 days' },
  'pipe.state.retained_90': { id: 'Bertahan 90 hari', en: 'Retained 90 days' },
  'pipe.state.retained_180': { id: 'Bertahan 180 hari', en: 'Retained 180 days' },
  'pipe.state.declined': { id: 'Ditolak', en: 'Declined' },
  'pipe.state.withdrawn': { id: 'Ditarik', en: 'Withdrawn' },
  'pipe.state.ended': { id: 'Berakhir', en: 'Ended' },
});

/** Labels of release types, candidate statuses, placement states and sectors in the page's language. */
export const releaseTypeLabel = (w: WebContext, t: string): string => w.t(`officer.release.${t}`);
export const statusLabel = (w: WebContext, s: string): string => w.t(`officer.status.${s}`);
export const stateLabel = (w: WebContext, s: PlacementState | string): string => w.t(`pipe.state.${s}`);
export const sectorLabel = (w: WebContext, s: string): string =>
  s in SECTORS ? SECTORS[s as Sector][w.lang] : s;

/** Options for sector selects. */
export const sectorOptions = (w: WebContext) =>
  (Object.keys(SECTORS) as Sector[]).map((s) => ({ value: s, label: SECTORS[s][w.lang] }));

const DAY = 86_400_000;

/** Midnight UTC of the day holding `d` (calendar dates are stored at midnight UTC). */
export function utcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** Whole calendar days from `now` to `d` (negative when past). */
export function daysUntil(d: Date | string, now: Date): number {
  const day = typeof d === 'string' ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d;
  return Math.round((utcDay(day) - utcDay(now)) / DAY);
}

/** "12 hari lagi", "hari ini", "3 hari lalu". */
export function relativeDays(w: WebContext, n: number): string {
  if (n === 0) return w.t('officer.today');
  return n > 0 ? w.t('officer.daysToGo', { n }) : w.t('officer.daysAgo', { n: -n });
}

/** A date as "5 Maret 2027" from a Date or an ISO string (date or date-time). */
export function dayOf(w: WebContext, d: Date | string | undefined): string {
  if (!d) return '';
  return w.i18n.day(typeof d === 'string' ? new Date(d) : d);
}

/** A same-site path inside the app (for Back links and returns); anything else falls back. */
export function safeAppPath(value: unknown, prefix: string, fallback: string): string {
  const s = typeof value === 'string' ? value : '';
  return s.startsWith(prefix) && !s.startsWith('//') && !s.includes('\\') && !/[\r\n]/.test(s) ? s : fallback;
}

/** A copy of the context seen at another URL (re-rendering a GET page after a POST). */
export function atUrl(w: WebContext, path: string): WebContext {
  const url = new URL(path, 'http://local');
  const query: WebContext['query'] = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length > 1 ? all : all[0];
  }
  return { ...w, url, query };
}

/** A status line or an alert, announced to screen readers. */
export function notice(text: string | undefined, kind: 'status' | 'alert' = 'status'): SafeHtml {
  if (!text) return html``;
  return kind === 'alert'
    ? html`<div class="error-summary" role="alert"><p>${text}</p></div>`
    : html`<p class="notice" role="status">${text}</p>`;
}

/** The message of a service error in the page's language, with the fields it names. */
export function errorText(
  w: WebContext,
  err: { message: string; messageEn?: string; details?: { message: string; messageEn?: string }[] },
): string {
  const text = (m: { message: string; messageEn?: string }) =>
    w.lang === 'id' ? m.message : (m.messageEn ?? m.message);
  const details = [...new Set((err.details ?? []).map(text))].filter((d) => d !== text(err));
  return details.length ? `${text(err)}: ${details.join('; ')}` : text(err);
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as "5 Maret 2027, 17.48 WITA" in the office's time zone (a facility's dates and times
 * are in its own zone); UTC when the zone is unknown.
 */
export function moment(w: WebContext, d: Date | string | undefined, timeZone = 'UTC'): string {
  if (!d) return '';
  const key = `${w.lang}|${timeZone}`;
  let f = momentFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(w.lang === 'id' ? 'id-ID' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    momentFormats.set(key, f);
  }
  return f.format(typeof d === 'string' ? new Date(d) : d);
}
