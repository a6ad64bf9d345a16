import { z } from 'zod';
import type { ApiBuilder } from '../http/api.js';
import { objectId } from '../http/validate.js';
import { pageQuery, pageSchema } from '../shared/schemas.js';
import { listAudit } from './service.js';

const AuditView = z.object({
  id: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  candidateId: z.string(),
  action: z.string(),
  at: z.string(),
  ip: z.string().optional(),
  requestId: z.string().optional(),
  detail: z.string().optional(),
});

export function registerAuditRoutes(api: ApiBuilder): void {
  api.route({
    method: 'get',
    path: '/audit',
    summary: 'Who read or changed personal records (newest first)',
    tags: ['audit'],
    auth: ['admin'],
    query: z.object({
      candidateId: objectId.optional(),
      actorId: objectId.optional(),
      action: z.string().max(40).optional(),
      ...pageQuery,
    }),
    response: pageSchema(AuditView),
    handler: ({ query }) => listAudit(query, query.page, query.limit),
  });
}
