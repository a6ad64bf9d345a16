import { z } from 'zod';
import type { ApiBuilder } from '../http/api.js';
import { objectId, queryBool } from '../http/validate.js';
import { pageQuery, pageSchema } from '../shared/schemas.js';
import { CreateEmployerBody, EmployerView, PatchEmployerBody, Sector } from './schemas.js';
import { createEmployer, type EmployerHooks, getEmployer, listEmployers, updateEmployer } from './service.js';

export function registerEmployerRoutes(api: ApiBuilder, hooks: EmployerHooks): void {
  api.route({
    method: 'post',
    path: '/employers',
    summary: 'Register an employer (admins and Bapas officers; only admins set verified)',
    tags: ['employers'],
    auth: ['admin', 'officer'],
    body: CreateEmployerBody,
    status: 201,
    response: EmployerView,
    handler: ({ actor, body, ctx }) => createEmployer(actor, body, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/employers',
    summary: 'List employers (an employer user sees only its own)',
    tags: ['employers'],
    auth: ['admin', 'officer', 'employer'],
    query: z.object({
      regency: z.string().trim().min(1).optional(),
      sector: Sector.optional(),
      verified: queryBool,
      q: z.string().trim().min(1).max(100).optional(),
      ...pageQuery,
    }),
    response: pageSchema(EmployerView),
    handler: ({ actor, query }) => listEmployers(actor, query),
  });
  api.route({
    method: 'get',
    path: '/employers/:id',
    summary: 'One employer',
    tags: ['employers'],
    auth: ['admin', 'officer', 'employer'],
    params: z.object({ id: objectId }),
    response: EmployerView,
    handler: ({ actor, params }) => getEmployer(actor, params.id),
  });
  api.route({
    method: 'patch',
    path: '/employers/:id',
    summary: 'Update an employer (its own users, or admins)',
    tags: ['employers'],
    auth: ['admin', 'employer'],
    params: z.object({ id: objectId }),
    body: PatchEmployerBody,
    response: EmployerView,
    handler: ({ actor, params, body, ctx }) => updateEmployer(actor, params.id, body, ctx.now, hooks),
  });
}
