import { z } from 'zod';
import type { Config } from '../../config/index.js';
import type { ApiBuilder } from '../http/api.js';
import { ROLES } from './actor.js';
import type { LoginLimiter } from './rate-limit.js';
import { loginUser } from './service.js';

const LoginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

const LoginResponse = z.object({
  token: z.string(),
  expiresIn: z.number().describe('seconds'),
  user: z.object({ id: z.string(), role: z.enum(ROLES), name: z.string(), email: z.string() }),
});

export function registerAuthRoutes(api: ApiBuilder, deps: { config: Config; limiter: LoginLimiter }): void {
  api.route({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in with email and password; returns a bearer token',
    tags: ['auth'],
    auth: 'public',
    body: LoginBody,
    response: LoginResponse,
    errorStatuses: [401, 429],
    handler: ({ body, ctx }) => loginUser(deps, body, ctx),
  });
}
