import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import type { ApiBuilder } from '../http/api.js';
import { objectId } from '../http/validate.js';
import {
  CreateVacancyBody,
  ListVacanciesQuery,
  PatchVacancyBody,
  VacancyPage,
  VacancyView,
} from './schemas.js';
import {
  createVacancy,
  getVacancy,
  listVacancies,
  updateVacancy,
  type VacancyWriteHooks,
} from './service.js';

export function registerVacancyRoutes(api: ApiBuilder, hooks: VacancyWriteHooks): void {
  api.route({
    method: 'post',
    path: '/vacancies',
    summary: 'Post a vacancy (employers for themselves, admins for any employer)',
    tags: ['vacancies'],
    auth: ['admin', 'employer'],
    body: CreateVacancyBody,
    status: 201,
    response: VacancyView,
    handler: ({ actor, body, ctx }) => createVacancy(actor, body, ctx, hooks),
  });
  api.route({
    method: 'get',
    path: '/vacancies',
    summary: 'List vacancies (employers: their own; officers and admins: all; others: open ones)',
    tags: ['vacancies'],
    auth: ROLES,
    query: ListVacanciesQuery,
    response: VacancyPage,
    handler: ({ actor, query, ctx }) => listVacancies(actor, query, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/vacancies/:id',
    summary: 'One vacancy',
    tags: ['vacancies'],
    auth: ROLES,
    params: z.object({ id: objectId }),
    response: VacancyView,
    handler: ({ actor, params, ctx }) => getVacancy(actor, params.id, ctx.now),
  });
  api.route({
    method: 'patch',
    path: '/vacancies/:id',
    summary: 'Update a vacancy (its employer or an admin); skills replace the list',
    tags: ['vacancies'],
    auth: ['admin', 'employer'],
    params: z.object({ id: objectId }),
    body: PatchVacancyBody,
    response: VacancyView,
    errorStatuses: [409],
    handler: ({ actor, params, body, ctx }) => updateVacancy(actor, params.id, body, ctx, hooks),
  });
}
