import type { Actor } from '../auth/actor.js';
import { readAccess } from '../candidates/policy.js';
import { type AnonymisedCandidate, anonymise, availableFrom, weekOf } from '../candidates/projection.js';
import { candidateRepository } from '../candidates/repository.js';
import type { CandidateRecord } from '../candidates/types.js';
import { employerRepository } from '../employers/repository.js';
import { errors } from '../http/errors.js';
import type { SearchEngine } from '../infra/search.js';
import { CANDIDATES_INDEX, toSeconds, VACANCIES_INDEX } from '../search/documents.js';
import { regionKey } from '../shared/regions.js';
import { presentVacancy } from '../vacancies/presenter.js';
import { type VacancyRecord, vacancyRepository } from '../vacancies/repository.js';
import type { VacancyView } from '../vacancies/schemas.js';
import { isOpen } from '../vacancies/service.js';
import { DEFAULT_RADIUS_KM, explain, LATE_START_DAYS, type MatchExplanation, violations } from './rules.js';

const DAY = 24 * 3600 * 1000;
/** How many index hits are checked against MongoDB and scored per request. */
export const RETRIEVAL_LIMIT = 1000;
/** Index coordinates are rounded to 0.1°; retrieval widens the radius so rounding never drops a match. */
const GEO_SLACK_KM = 10;
const MAX_VACANCY_RADIUS_KM = 500;

const q = (s: string) => JSON.stringify(s);

/** k-of-n as a filter: any k of the codes present (k = half the required skills, rounded up). */
export function atLeastHalfFilter(field: string, codes: string[]): string {
  const k = Math.ceil(codes.length / 2);
  if (codes.length === 0) return '';
  if (k <= 1) return `${field} IN [${codes.map(q).join(', ')}]`;
  const combos: string[][] = [];
  const pick = (start: number, acc: string[]) => {
    if (acc.length === k) {
      combos.push(acc);
      return;
    }
    for (let i = start; i < codes.length; i++) pick(i + 1, [...acc, codes[i]!]);
  };
  pick(0, []);
  return `(${combos.map((c) => `(${c.map((code) => `${field} = ${q(code)}`).join(' AND ')})`).join(' OR ')})`;
}

/** The index filter that narrows candidates for a vacancy before the exact rules run on MongoDB data. */
export function candidateRetrievalFilter(v: VacancyRecord): string {
  const parts: string[] = [];
  const required = v.skills.filter((s) => s.required).map((s) => s.code);
  // With no required skill any listed skill qualifies (k = 1 over all of them).
  const skillFilter = required.length
    ? atLeastHalfFilter('skillCodes', required)
    : `skillCodes IN [${v.skills.map((s) => q(s.code)).join(', ')}]`;
  if (skillFilter) parts.push(skillFilter);
  for (const code of v.certificationsRequired) parts.push(`certifiedSkills = ${q(code)}`);
  const latest = new Date(v.startDate.getTime() + LATE_START_DAYS * DAY);
  parts.push(`availableFromWeek <= ${toSeconds(weekOf(latest))}`);
  const where = [`regencyKey = ${q(v.location.regencyKey)}`, 'willingToRelocate = true'];
  if (v.location.lat !== undefined && v.location.lng !== undefined) {
    const meters = Math.round(((v.radiusKm || DEFAULT_RADIUS_KM) + GEO_SLACK_KM) * 1000);
    where.push(`_geoRadius(${v.location.lat}, ${v.location.lng}, ${meters})`);
  }
  parts.push(`(${where.join(' OR ')})`);
  return parts.join(' AND ');
}

/** The index filter that narrows vacancies for a person; restrictions come from their MongoDB profile. */
export function vacancyRetrievalFilter(c: CandidateRecord, now: Date): string | null {
  const held = c.skills.map((s) => s.code);
  if (held.length === 0) return null;
  const parts = [`requiredSkillCodes IN [${held.map(q).join(', ')}]`];
  const from = Math.max(availableFrom(c).getTime(), now.getTime());
  parts.push(`startDate >= ${toSeconds(new Date(from - LATE_START_DAYS * DAY - DAY))}`);
  parts.push(`(closesAt IS NULL OR closesAt >= ${toSeconds(now)})`);
  if (c.restrictions.curfew) parts.push('nightShift = false');
  if (c.restrictions.excludedSectors?.length)
    parts.push(`sector NOT IN [${c.restrictions.excludedSectors.map(q).join(', ')}]`);
  if (c.restrictions.allowedRegencies?.length) {
    parts.push(`regencyKey IN [${c.restrictions.allowedRegencies.map((r) => q(regionKey(r))).join(', ')}]`);
  }
  if (c.preferences.willingToRelocate !== true) {
    const where = [`regencyKey = ${q(c.domicile.regencyKey)}`];
    if (c.domicile.location) {
      where.push(
        `_geoRadius(${c.domicile.location.lat}, ${c.domicile.location.lng}, ${MAX_VACANCY_RADIUS_KM * 1000})`,
      );
    }
    parts.push(`(${where.join(' OR ')})`);
  }
  return parts.join(' AND ');
}

export interface CandidateMatch extends Omit<MatchExplanation, 'distanceKm'> {
  candidate: AnonymisedCandidate;
}

export interface VacancyMatch extends MatchExplanation {
  vacancy: VacancyView;
}

function rank<T extends { score: number }>(items: T[], tieBreak: (t: T) => number): T[] {
  return items.sort((a, b) => b.score - a.score || tieBreak(a) - tieBreak(b));
}

/**
 * Candidates for a vacancy: retrieval from the index, then every hard rule checked on the MongoDB
 * profile (restrictions never leave MongoDB), then scored and explained. Employers see only the
 * anonymised projection of people who consented.
 */
export async function matchCandidatesForVacancy(
  search: SearchEngine,
  actor: Actor,
  vacancyId: string,
  limit: number,
  now: Date,
): Promise<{ items: CandidateMatch[] }> {
  const v = await vacancyRepository.findById(vacancyId);
  const allowed =
    v &&
    (actor.role === 'admin' ||
      actor.role === 'officer' ||
      (actor.role === 'employer' && actor.employerId === v.employerId));
  if (!v || !allowed) throw errors.notFound('Lowongan', 'Vacancy');
  if (!isOpen(v, now)) return { items: [] };
  const sort =
    v.location.lat !== undefined && v.location.lng !== undefined
      ? [`_geoPoint(${v.location.lat}, ${v.location.lng}):asc`]
      : undefined;
  const res = await search.search(CANDIDATES_INDEX, {
    filter: candidateRetrievalFilter(v),
    limit: RETRIEVAL_LIMIT,
    attributesToRetrieve: ['publicId'],
    sort,
  });
  const candidates = await candidateRepository.findByPublicIds(res.hits.map((h) => String(h.publicId)));
  const scored = candidates
    .filter((c) => violations({ candidate: c, vacancy: v, now, employerFacing: true }).length === 0)
    .map((c) => ({ c, e: explain({ candidate: c, vacancy: v, now, employerFacing: true }) }));
  const top = rank(
    scored.map(({ c, e }) => ({ score: e.score, c, e })),
    (x) => availableFrom(x.c).getTime(),
  ).slice(0, limit);
  return {
    items: top.map(({ c, e }) => ({
      candidate: anonymise(c, now, new Map()),
      score: e.score,
      reasons: e.reasons,
      reasonsEn: e.reasonsEn,
      missingSkills: e.missingSkills,
    })),
  };
}

/** Where ranked matching reads vacancy records from. */
export type VacancyLoader = (ids: readonly string[]) => Promise<VacancyRecord[]>;

const readVacancies: VacancyLoader = (ids) => vacancyRepository.findCurrentByIds(ids);

export interface RankedVacancy {
  vacancy: VacancyRecord;
  explanation: MatchExplanation;
}

/** Best first by score, then the earliest start. */
export function rankVacancies(
  c: CandidateRecord,
  vacancies: readonly VacancyRecord[],
  limit: number,
  now: Date,
): RankedVacancy[] {
  const scored = vacancies
    .filter((v) => violations({ candidate: c, vacancy: v, now, employerFacing: false }).length === 0)
    .map((v) => ({
      vacancy: v,
      explanation: explain({ candidate: c, vacancy: v, now, employerFacing: false }),
    }));
  return rank(
    scored.map((x) => ({ score: x.explanation.score, x })),
    (t) => t.x.vacancy.startDate.getTime(),
  )
    .slice(0, limit)
    .map((t) => t.x);
}

/**
 * Vacancies for a person whose profile the caller has already read and may see: retrieval from the
 * index, then every hard rule on the MongoDB records, scored and explained.
 */
export async function rankVacanciesFor(
  search: SearchEngine,
  c: CandidateRecord,
  limit: number,
  now: Date,
  load: VacancyLoader = readVacancies,
): Promise<RankedVacancy[]> {
  const filter = vacancyRetrievalFilter(c, now);
  if (!filter || c.status === 'placed' || c.status === 'withdrawn') return [];
  const res = await search.search(VACANCIES_INDEX, {
    filter,
    limit: RETRIEVAL_LIMIT,
    attributesToRetrieve: ['id'],
  });
  return rankVacancies(c, await load(res.hits.map((h) => String(h.id))), limit, now);
}

/** The API shape of ranked vacancies: each with its employer's public details. */
async function presentMatches(ranked: readonly RankedVacancy[]): Promise<VacancyMatch[]> {
  const employers = new Map(
    (await employerRepository.findByIds([...new Set(ranked.map((t) => t.vacancy.employerId))])).map((e) => [
      e.id,
      e,
    ]),
  );
  return ranked.map(({ vacancy: v, explanation: e }) => ({
    vacancy: presentVacancy(v, employers.get(v.employerId)),
    ...e,
  }));
}

/** Vacancies for a person: the person, their officer, their facility's staff and admins may ask. */
export async function matchVacanciesForCandidate(
  search: SearchEngine,
  actor: Actor,
  candidateId: string,
  limit: number,
  now: Date,
): Promise<{ items: VacancyMatch[] }> {
  const c = await candidateRepository.findById(candidateId);
  const access = c ? await readAccess(actor, c, now) : null;
  if (!c || (access !== 'full' && access !== 'self')) throw errors.notFound('Profil', 'Profile');
  return { items: await presentMatches(await rankVacanciesFor(search, c, limit, now)) };
}
