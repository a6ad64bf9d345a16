import { z } from 'zod';
import type { Config } from '../../config/index.js';
import { ROLES } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import type { ApiBuilder } from '../http/api.js';
import { errors } from '../http/errors.js';
import { bi, objectId } from '../http/validate.js';
import { jobId } from '../infra/queue.js';
import { notificationRepository } from '../notifications/repository.js';
import { CreatePlacementBody, FeedbackBody, ListPlacementsQuery, TransitionBody } from './schemas.js';
import {
  createPlacement,
  getPlacement,
  listPlacements,
  type PlacementHooks,
  setEmployerFeedback,
  transitionPlacement,
} from './service.js';

const PlacementResponse = z
  .record(z.string(), z.unknown())
  .describe(
    'Shape depends on the viewer: officers see the person, employers the anonymised projection (and name and contact from introduced on), the person a simplified timeline',
  );

export function registerPlacementRoutes(
  api: ApiBuilder,
  deps: Pick<Deps, 'queues'> & { config: Pick<Config, 'ALLOW_TIME_TRAVEL'> },
  hooks: PlacementHooks,
): void {
  api.route({
    method: 'post',
    path: '/placements',
    summary:
      'Start a placement: the officer proposes (proposed) or the employer expresses interest (employer_interest)',
    tags: ['placements'],
    auth: ['admin', 'officer', 'employer'],
    body: CreatePlacementBody,
    status: 201,
    response: PlacementResponse,
    errorStatuses: [409],
    handler: ({ actor, body, ctx }) => createPlacement(actor, body, ctx),
  });
  api.route({
    method: 'get',
    path: '/placements',
    summary:
      'Placements the caller may see (officers: their Bapas; employers: theirs; the person: their own)',
    tags: ['placements'],
    auth: ['admin', 'officer', 'employer', 'candidate', 'facility_staff'],
    query: ListPlacementsQuery,
    response: z.object({
      items: z.array(PlacementResponse),
      total: z.number(),
      page: z.number(),
      limit: z.number(),
    }),
    handler: ({ actor, query, ctx }) => listPlacements(actor, query, ctx),
  });
  api.route({
    method: 'get',
    path: '/placements/:id',
    summary: 'One placement with its timeline (and check-ins for officers)',
    tags: ['placements'],
    auth: ROLES,
    params: z.object({ id: objectId }),
    response: PlacementResponse,
    handler: ({ actor, params, ctx }) => getPlacement(actor, params.id, ctx),
  });
  api.route({
    method: 'post',
    path: '/placements/:id/transitions',
    summary: 'Move a placement one step; an illegal move answers 409 naming the allowed ones',
    tags: ['placements'],
    auth: ['admin', 'officer', 'employer', 'candidate'],
    params: z.object({ id: objectId }),
    body: TransitionBody,
    response: PlacementResponse,
    errorStatuses: [409],
    handler: ({ actor, params, body, ctx }) =>
      transitionPlacement(actor, params.id, body, ctx, hooks, { allowFuture: deps.config.ALLOW_TIME_TRAVEL }),
  });
  api.route({
    method: 'put',
    path: '/placements/:id/feedback',
    summary: "The employer's feedback on an introduced person",
    tags: ['placements'],
    auth: ['employer'],
    params: z.object({ id: objectId }),
    body: FeedbackBody,
    response: PlacementResponse,
    errorStatuses: [409],
    handler: ({ actor, params, body, ctx }) => setEmployerFeedback(actor, params.id, body.feedback, ctx),
  });
  api.route({
    method: 'post',
    path: '/admin/sweeps/checkins',
    summary: 'Deliver the retention check-ins due by asOf now (outside production; for demos and tests)',
    tags: ['alerts'],
    auth: ['admin'],
    body: z.object({
      asOf: z.iso
        .datetime({ offset: true, error: bi('waktu ISO 8601', 'an ISO 8601 time') })
        .or(z.iso.date()),
    }),
    response: z.object({ batches: z.number() }),
    handler: async ({ body }) => {
      if (!deps.config.ALLOW_TIME_TRAVEL)
        throw errors.field(
          'body.asOf',
          'asOf tidak diizinkan di produksi',
          'asOf is not allowed in production',
        );
      const asOf = new Date(body.asOf.length === 10 ? `${body.asOf}T23:59:59Z` : body.asOf);
      const keys = await notificationRepository.dueBatchKeys(asOf);
      for (const key of keys) {
        await deps.queues.enqueue(
          'notify.deliver',
          { batchKey: key, asOf: asOf.toISOString() },
          { jobId: jobId('deliver-asof', Buffer.from(key).toString('base64url'), asOf.getTime()) },
        );
      }
      return { batches: keys.length };
    },
  });
}
