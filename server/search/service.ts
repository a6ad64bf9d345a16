import type { Actor } from '../auth/actor.js';
import { type AnonymisedCandidate, weekOf } from '../candidates/projection.js';
import { AnonymisedCandidateSchema } from '../candidates/views.js';
import { errors } from '../http/errors.js';
import type { SearchEngine, SearchHit } from '../infra/search.js';
import { regionKey } from '../shared/regions.js';
import { isoDay } from '../shared/schemas.js';
import {
  getSkill,
  isVocationCode,
  listVocations,
  resolveSkillRefs,
  skillRefFromText,
} from '../skills/service.js';
import { CANDIDATES_INDEX, toSeconds, VACANCIES_INDEX } from './documents.js';

const PRE = '\uE000';
const POST = '\uE001';
const q = (s: string) => JSON.stringify(s);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A highlighted string as safe HTML: everything escaped, matches wrapped in <mark>. The engine marks
 * matches with private-use characters, so no text from a record can ever forge markup.
 */
export function safeHighlight(s: string): string {
  return escapeHtml(s).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
}

function collectHighlights(formatted: Record<string, unknown> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!formatted) return out;
  const visit = (path: string, v: unknown) => {
    if (typeof v === 'string') {
      if (v.includes(PRE)) {
        const list = out[path] ?? [];
        list.push(safeHighlight(v));
        out[path] = list;
      }
    } else if (Array.isArray(v)) for (const x of v) visit(path, x);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) visit(path ? `${path}.${k}` : k, x);
  };
  for (const key of ['skills', 'trainings', 'certifications', 'skillText']) visit(key, formatted[key]);
  return out;
}

export interface CandidateSearchQuery {
  q?: string;
  skills?: string[];
  vocation?: string;
  regency?: string;
  province?: string;
  availableBefore?: Date;
  certified?: boolean;
  near?: { lat: number; lng: number };
  radiusKm?: number;
  page: number;
  limit: number;
}

/** The index fields an employer's search result is built from: the anonymised projection's. */
const CANDIDATE_HIT_FIELDS = Object.keys(AnonymisedCandidateSchema.shape);

/** The anonymised projection as the index holds it, rebuilt from an allow-list of fields. */
function presentCandidateHit(hit: SearchHit, now: Date) {
  const availability = hit.availability as { weekOf: string };
  const h = hit as unknown as AnonymisedCandidate;
  return {
    publicId: String(hit.publicId),
    ageBand: String(hit.ageBand),
    domicile: { province: h.domicile.province, regency: h.domicile.regency },
    skills: h.skills,
    trainings: h.trainings,
    certifications: h.certifications,
    education: h.education,
    languages: h.languages,
    availability: {
      weekOf: availability.weekOf,
      now: new Date(`${availability.weekOf}T00:00:00Z`).getTime() <= weekOf(now).getTime(),
    },
    preferences: h.preferences,
    highlights: collectHighlights(hit._formatted),
    ...(typeof hit._geoDistance === 'number' ? { distanceKm: Math.round(hit._geoDistance / 1000) } : {}),
  };
}

function facetList(
  dist: Record<string, number> | undefined,
  label: (k: string) => { id: string; en: string } | undefined,
) {
  return Object.entries(dist ?? {})
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

const vocations = new Map(listVocations().map((v) => [v.code, v.label]));

/**
 * Employer candidate search over the anonymised index only. Employers and officers get the same
 * shape; officers open full profiles through the candidates API.
 */
export async function searchCandidates(
  search: SearchEngine,
  _actor: Actor,
  query: CandidateSearchQuery,
  now: Date,
) {
  const filter: string[] = [];
  if (query.skills?.length) {
    const codes = resolveSkillRefs(query.skills.map(skillRefFromText), 'query.skills');
    filter.push(...codes.map((c) => `skillCodes = ${q(c)}`));
  }
  if (query.vocation) {
    if (!isVocationCode(query.vocation))
      throw errors.field('query.vocation', 'kejuruan tidak dikenal', 'unknown vocation');
    filter.push(`vocations = ${q(query.vocation)}`);
  }
  if (query.regency) filter.push(`regencyKey = ${q(regionKey(query.regency))}`);
  if (query.province) filter.push(`provinceKey = ${q(regionKey(query.province))}`);
  if (query.availableBefore) filter.push(`availableFromWeek <= ${toSeconds(weekOf(query.availableBefore))}`);
  if (query.certified !== undefined) filter.push(`certified = ${query.certified}`);
  if (query.near) {
    filter.push(
      `_geoRadius(${query.near.lat}, ${query.near.lng}, ${Math.round((query.radiusKm ?? 50) * 1000)})`,
    );
  }
  const res = await search.search(CANDIDATES_INDEX, {
    q: query.q,
    filter: filter.join(' AND ') || undefined,
    facets: ['skillCodes', 'vocations', 'domicile.regency', 'certified'],
    page: query.page,
    hitsPerPage: query.limit,
    sort: query.near && !query.q ? [`_geoPoint(${query.near.lat}, ${query.near.lng}):asc`] : undefined,
    // Only what the answer shows: the engine reads and sends less, and we parse less.
    attributesToRetrieve: CANDIDATE_HIT_FIELDS,
    attributesToHighlight: query.q ? ['skills', 'trainings', 'certifications'] : [],
    highlightPreTag: PRE,
    highlightPostTag: POST,
  });
  return {
    items: res.hits.map((h) => presentCandidateHit(h, now)),
    facets: {
      skills: facetList(res.facetDistribution.skillCodes, (k) => getSkill(k)?.label),
      vocation: facetList(res.facetDistribution.vocations, (k) => vocations.get(k)),
      regency: facetList(res.facetDistribution['domicile.regency'], () => undefined),
      certified: facetList(res.facetDistribution.certified, (k) =>
        k === 'true'
          ? { id: 'Bersertifikat', en: 'Certified' }
          : { id: 'Belum bersertifikat', en: 'Not certified' },
      ),
    },
    total: res.totalHits,
    page: query.page,
    limit: query.limit,
  };
}

export interface VacancySearchQuery {
  q?: string;
  skills?: string[];
  regency?: string;
  sector?: string;
  page: number;
  limit: number;
}

/** Open vacancies by keyword and filters (everyone signed in). */
export async function searchVacancies(search: SearchEngine, query: VacancySearchQuery, now: Date) {
  const filter = [`(closesAt IS NULL OR closesAt >= ${toSeconds(now)})`];
  if (query.skills?.length) {
    const codes = resolveSkillRefs(query.skills.map(skillRefFromText), 'query.skills');
    filter.push(`skillCodes IN [${codes.map(q).join(', ')}]`);
  }
  if (query.regency) filter.push(`regencyKey = ${q(regionKey(query.regency))}`);
  if (query.sector) filter.push(`sector = ${q(query.sector)}`);
  const res = await search.search(VACANCIES_INDEX, {
    q: query.q,
    filter: filter.join(' AND '),
    facets: ['vocations', 'sector', 'location.regency'],
    page: query.page,
    hitsPerPage: query.limit,
    sort: query.q ? undefined : ['startDate:asc'],
  });
  return {
    items: res.hits.map((h) => ({
      id: String(h.id),
      title: String(h.title),
      employerName: String(h.employerName),
      sector: String(h.sector),
      location: h.location,
      skills: h.skills,
      openings: h.openings,
      wage: h.wage,
      startDate: String(h.startDay ?? isoDay(new Date(Number(h.startDate) * 1000))),
      nightShift: Boolean(h.nightShift),
    })),
    total: res.totalHits,
    page: query.page,
    limit: query.limit,
  };
}
