import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import type { ApiBuilder } from '../http/api.js';
import { getMe } from './service.js';

export const MeResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  facilityId: z.string().optional(),
  employerId: z.string().optional(),
  candidateId: z.string().optional(),
});

export function registerUserRoutes(api: ApiBuilder): void {
  api.route({
    method: 'get',
    path: '/users/me',
    summary: 'The signed-in user',
    tags: ['users'],
    auth: ROLES,
    response: MeResponse,
    handler: ({ actor }) => getMe(actor),
  });
}
