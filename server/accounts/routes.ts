import { z } from 'zod';
import type { ApiBuilder } from '../http/api.js';
import { objectId } from '../http/validate.js';
import type { Outbox } from '../outbox/service.js';
import { email } from '../shared/schemas.js';
import { inviteUser, requestPasswordReset } from './service.js';

export function registerAccountRoutes(api: ApiBuilder, deps: { outbox: Outbox }): void {
  api.route({
    method: 'post',
    path: '/invitations',
    summary:
      'Invite an employer user or a released person by email (a signed, expiring link to set a password)',
    tags: ['users'],
    auth: ['admin', 'officer'],
    body: z.object({
      email,
      name: z.string().trim().min(2).max(120),
      role: z.enum(['employer', 'candidate']),
      employerId: objectId.optional(),
      candidateId: objectId.optional(),
    }),
    status: 202,
    response: z.object({ userId: z.string(), email: z.string(), status: z.string() }),
    errorStatuses: [409],
    handler: ({ actor, body, ctx }) => inviteUser(deps, actor, body, ctx.now),
  });
  api.route({
    method: 'post',
    path: '/auth/password-reset',
    summary: 'Email a password-reset link (the same answer whether or not the address has an account)',
    tags: ['auth'],
    auth: 'public',
    body: z.object({ email }),
    status: 202,
    response: z.object({ accepted: z.boolean() }),
    handler: async ({ body }) => {
      await requestPasswordReset(deps, body.email);
      return { accepted: true };
    },
  });
}
