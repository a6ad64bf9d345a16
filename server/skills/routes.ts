import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import type { ApiBuilder } from '../http/api.js';
import { errors } from '../http/errors.js';
import { bi, csvList } from '../http/validate.js';
import { ProgrammeMatchView, SkillDetailView, SkillView, VocationCode, VocationView } from './schemas.js';
import {
  getSkillView,
  listProgrammes,
  listSkills,
  listVocations,
  MAX_LIST_LIMIT,
  programmesFor,
  resolveSkillRefs,
  skillRefFromText,
} from './service.js';

const MAX_PROGRAMME_SKILLS = 50;

/** Skills taxonomy: search, one skill with its BLK programmes, vocations and programme look-up. */
export function registerSkillRoutes(api: ApiBuilder): void {
  api.route({
    method: 'get',
    path: '/skills',
    summary: 'Search skills by code, label or synonym',
    description:
      'Exact matches first, then prefix, substring and shared words. Without q, every skill (of the ' +
      'vocation) is returned; with q the default limit is 50.',
    tags: ['skills'],
    auth: ROLES,
    query: z.object({
      q: z.string().trim().max(200).optional(),
      vocation: VocationCode.optional(),
      limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
    }),
    response: z.array(SkillView),
    handler: async ({ query }) => listSkills(query),
  });

  api.route({
    method: 'get',
    path: '/skills/:code',
    summary: 'One skill and the BLK programmes that teach it',
    tags: ['skills'],
    auth: ROLES,
    params: z.object({ code: z.string().trim().min(1).max(100) }),
    response: SkillDetailView,
    handler: async ({ params }) => {
      const skill = getSkillView(params.code.toLowerCase());
      if (!skill) throw errors.notFound('Keahlian', 'Skill');
      return { ...skill, programmes: programmesFor([skill.code]) };
    },
  });

  api.route({
    method: 'get',
    path: '/vocations',
    summary: 'Vocations (BLK kejuruan) with their skill counts',
    tags: ['skills'],
    auth: ROLES,
    response: z.array(VocationView),
    handler: async () => listVocations(),
  });

  api.route({
    method: 'get',
    path: '/programmes',
    summary: 'BLK training programmes, optionally those teaching given skills',
    description:
      'skills is a comma-separated list of skill codes or names. With skills, programmes are ranked by ' +
      'how many of them they teach, then by fewer hours; unknown skills answer 400 with suggestions.',
    tags: ['skills'],
    auth: ROLES,
    query: z.object({
      vocation: VocationCode.optional(),
      skills: csvList(z.string().max(200)).refine((list) => !list || list.length <= MAX_PROGRAMME_SKILLS, {
        error: bi(`paling banyak ${MAX_PROGRAMME_SKILLS} keahlian`, `at most ${MAX_PROGRAMME_SKILLS} skills`),
      }),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
    response: z.array(ProgrammeMatchView),
    handler: async ({ query }) => {
      const opts = { vocation: query.vocation, limit: query.limit };
      if (!query.skills?.length) return listProgrammes(opts);
      const codes = resolveSkillRefs(query.skills.map(skillRefFromText), 'query.skills');
      return programmesFor(codes, opts);
    },
  });
}
