import { z } from 'zod';
import type { Config } from '../../config/index.js';
import { ROLES } from '../auth/actor.js';
import type { ApiBuilder } from '../http/api.js';
import { pageQuery, pageSchema } from '../shared/schemas.js';
import { CreateUserBody, UserView } from './schemas.js';
import { createUser, getMe, listUsers } from './service.js';

export function registerUserRoutes(api: ApiBuilder, deps: { config: Config }): void {
  api.route({
    method: 'get',
    path: '/users/me',
    summary: 'The signed-in user',
    tags: ['users'],
    auth: ROLES,
    response: UserView,
    handler: ({ actor }) => getMe(actor),
  });
  api.route({
    method: 'post',
    path: '/users',
    summary: 'Create an account bound to its Bapas, facility, BLK, employer or profile (admins)',
    tags: ['users'],
    auth: ['admin'],
    body: CreateUserBody,
    status: 201,
    response: UserView,
    errorStatuses: [409],
    handler: ({ body }) => createUser(deps.config, body),
  });
  api.route({
    method: 'get',
    path: '/users',
    summary: 'List accounts (admins)',
    tags: ['users'],
    auth: ['admin'],
    query: z.object({ role: z.enum(ROLES).optional(), ...pageQuery }),
    response: pageSchema(UserView),
    handler: ({ query }) => listUsers(query),
  });
}
