import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import { AnonymisedCandidateSchema } from '../candidates/views.js';
import { Sector } from '../employers/schemas.js';
import type { ApiBuilder } from '../http/api.js';
import { bi, csvList, objectId, queryBool } from '../http/validate.js';
import type { SearchEngine } from '../infra/search.js';
import { matchCandidatesForVacancy, matchVacanciesForCandidate } from '../matching/service.js';
import { dateOnly, pageQuery } from '../shared/schemas.js';
import { VacancyView } from '../vacancies/schemas.js';
import { searchCandidates, searchVacancies } from './service.js';

const near = z
  .string()
  .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, bi('format lat,lng', 'format lat,lng'))
  .transform((s) => {
    const [lat, lng] = s.split(',').map(Number);
    return { lat: lat!, lng: lng! };
  })
  .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180, {
    message: bi('koordinat di luar jangkauan', 'coordinates out of range'),
  });

const Facet = z.array(
  z.object({
    value: z.string(),
    label: z.object({ id: z.string(), en: z.string() }).optional(),
    count: z.number(),
  }),
);

const Explanation = {
  score: z.number().min(0).max(100),
  reasons: z.array(z.string()).describe('Bahasa Indonesia'),
  reasonsEn: z.array(z.string()),
  missingSkills: z.array(
    z.object({
      code: z.string(),
      label: z.object({ id: z.string(), en: z.string() }),
      programmes: z.array(
        z.object({ code: z.string(), name: z.object({ id: z.string(), en: z.string() }), hours: z.number() }),
      ),
    }),
  ),
};

const matchLimit = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export function registerSearchRoutes(api: ApiBuilder, deps: { search: SearchEngine }): void {
  api.route({
    method: 'get',
    path: '/search/candidates',
    summary: 'Search anonymised candidates (employers and officers see the same shape)',
    tags: ['search'],
    auth: ['admin', 'officer', 'employer'],
    query: z.object({
      q: z.string().trim().max(200).optional(),
      skills: csvList(z.string().min(1).max(120)),
      vocation: z.string().trim().min(1).max(40).optional(),
      regency: z.string().trim().min(1).max(80).optional(),
      province: z.string().trim().min(1).max(80).optional(),
      availableBefore: dateOnly.optional(),
      certified: queryBool,
      near: near.optional(),
      radiusKm: z.coerce.number().min(1).max(500).optional(),
      ...pageQuery,
    }),
    response: z.object({
      items: z.array(
        AnonymisedCandidateSchema.extend({
          highlights: z.record(z.string(), z.array(z.string())),
          distanceKm: z.number().optional(),
        }),
      ),
      facets: z.object({ skills: Facet, vocation: Facet, regency: Facet, certified: Facet }),
      total: z.number(),
      page: z.number(),
      limit: z.number(),
    }),
    errorStatuses: [503],
    handler: ({ actor, query, ctx }) => searchCandidates(deps.search, actor, query, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/search/vacancies',
    summary: 'Search open vacancies',
    tags: ['search'],
    auth: ROLES,
    query: z.object({
      q: z.string().trim().max(200).optional(),
      skills: csvList(z.string().min(1).max(120)),
      regency: z.string().trim().min(1).max(80).optional(),
      sector: Sector.optional(),
      ...pageQuery,
    }),
    response: z.object({
      items: z.array(z.record(z.string(), z.unknown())),
      total: z.number(),
      page: z.number(),
      limit: z.number(),
    }),
    errorStatuses: [503],
    handler: ({ query, ctx }) => searchVacancies(deps.search, query, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/vacancies/:id/matches',
    summary: 'Best candidates for a vacancy, with score, reasons and missing skills (anonymised)',
    tags: ['matching'],
    auth: ['admin', 'officer', 'employer'],
    params: z.object({ id: objectId }),
    query: matchLimit,
    response: z.object({
      items: z.array(z.object({ candidate: AnonymisedCandidateSchema, ...Explanation })),
    }),
    errorStatuses: [503],
    handler: ({ actor, params, query, ctx }) =>
      matchCandidatesForVacancy(deps.search, actor, params.id, query.limit, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/candidates/:id/matches',
    summary: 'Best vacancies for a person, with score, reasons and missing skills',
    tags: ['matching'],
    auth: ['admin', 'officer', 'facility_staff', 'candidate'],
    params: z.object({ id: objectId }),
    query: matchLimit,
    response: z.object({
      items: z.array(z.object({ vacancy: VacancyView, ...Explanation, distanceKm: z.number().optional() })),
    }),
    errorStatuses: [503],
    handler: ({ actor, params, query, ctx }) =>
      matchVacanciesForCandidate(deps.search, actor, params.id, query.limit, ctx.now),
  });
}
