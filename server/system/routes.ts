import { z } from 'zod';
import type { ApiBuilder } from '../http/api.js';
import { objectId } from '../http/validate.js';
import type { Outbox } from '../outbox/service.js';
import { getPing, requestPing } from './service.js';

const PingView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'handled']),
  requestedAt: z.string(),
  handledAt: z.string().optional(),
  handledBy: z.string().optional(),
});

export function registerSystemRoutes(api: ApiBuilder, deps: { outbox: Outbox }): void {
  api.route({
    method: 'post',
    path: '/admin/diagnostics/pings',
    summary: 'Send a ping through the outbox and queue to a worker (pipeline check)',
    tags: ['admin'],
    auth: ['admin'],
    status: 202,
    response: PingView,
    handler: ({ actor, ctx }) => requestPing(deps, actor, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/admin/diagnostics/pings/:id',
    summary: 'Whether a worker has handled the ping',
    tags: ['admin'],
    auth: ['admin'],
    params: z.object({ id: objectId }),
    response: PingView,
    handler: ({ params }) => getPing(params.id),
  });
}
