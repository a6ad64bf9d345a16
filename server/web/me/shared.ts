import type { Deps } from '../../deps.js';
import { createWriteHooks } from '../../hooks.js';
import { errors } from '../../http/errors.js';
import type { PlacementHooks } from '../../placements/service.js';
import { SECTORS, type Sector } from '../../shared/sectors.js';
import type { VacancyView } from '../../vacancies/schemas.js';
import type { WebContext } from '../framework.js';
import { defineMessages } from '../i18n.js';

defineMessages({
  'me.wage.hour': { id: '{range} per jam', en: '{range} per hour' },
  'me.wage.day': { id: '{range} per hari', en: '{range} per day' },
  'me.wage.week': { id: '{range} per minggu', en: '{range} per week' },
  'me.wage.month': { id: '{range} per bulan', en: '{range} per month' },
  'me.wage.none': { id: 'Upah dibicarakan langsung', en: 'Wage to be discussed' },
  'me.noProfile': {
    id: 'Akun Anda belum terhubung dengan profil. Hubungi petugas Bapas Anda.',
    en: 'Your account is not linked to a profile yet. Contact your probation officer.',
  },
});

/** The signed-in person's profile id; an account without one has nothing to show (404). */
export function myCandidateId(w: WebContext): string {
  const id = w.actor?.candidateId;
  if (!id) throw errors.notFound('Profil', 'Profile');
  return id;
}

/** A 24-hex id from the path, or a 404 before any service is asked. */
export function pathId(w: WebContext, name = 'id'): string {
  const id = String(w.params[name] ?? '');
  if (!/^[0-9a-f]{24}$/i.test(id)) throw errors.notFound('Halaman', 'Page');
  return id;
}

/** A sector's name in the page language (the code for an unknown one). */
export function sectorLabel(w: WebContext, code: string): string {
  return code in SECTORS ? SECTORS[code as Sector][w.lang] : code;
}

/** "Rp 2.500.000 – Rp 3.500.000 per bulan", or a plain note when the employer gave no wage. */
export function wageText(w: WebContext, wage: VacancyView['wage']): string {
  if (!wage) return w.t('me.wage.none');
  const range =
    wage.min === wage.max ? w.i18n.money(wage.min) : `${w.i18n.money(wage.min)} – ${w.i18n.money(wage.max)}`;
  return w.t(`me.wage.${wage.period}`, { range });
}

/** The same follow-up work the API attaches to placement steps (index sync, outbox dispatch). */
export function placementHooks(deps: Pick<Deps, 'outbox'>): PlacementHooks {
  const hooks = createWriteHooks(deps);
  return {
    candidates: hooks.candidates,
    vacancies: hooks.vacancies,
    afterCommit: hooks.candidates.afterCommit ?? (async () => undefined),
  };
}

/** A positive page number from the query (1 when missing or odd). */
export function pageParam(value: string | undefined, max = 1000): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}
