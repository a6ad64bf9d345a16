import express, { type Express, type Request } from 'express';
import type { RequestContext } from '../../server/auth/actor.js';
import { actorFromToken } from '../../server/auth/service.js';
import { ApiBuilder } from '../../server/http/api.js';
import { errorHandler, notFoundHandler } from '../../server/http/error-middleware.js';
import { errors } from '../../server/http/errors.js';
import { testDeps } from './context.js';

export const BASE = '/api/v1';

const built = new Map<(api: ApiBuilder) => void, { app: Express; api: ApiBuilder }>();

/**
 * A small app with only the routes `register` adds, authenticated and error-handled the way
 * server/app.ts does it, so a capability's routes and their OpenAPI entries can be tested alone.
 * Built once per `register`.
 */
export async function routesApp(
  register: (api: ApiBuilder) => void,
): Promise<{ app: Express; api: ApiBuilder }> {
  const existing = built.get(register);
  if (existing) return existing;
  const deps = await testDeps();
  const app = express();
  app.set('query parser', 'simple');
  app.use(express.json());
  const context = (req: Request): RequestContext => ({
    requestId: String(req.id ?? ''),
    ip: req.ip ?? 'unknown',
    now: deps.clock.now(),
  });
  const authenticate = async (req: Request) => {
    const header = req.get('authorization');
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw errors.unauthenticated();
    return actorFromToken(match[1], deps.config);
  };
  const api = new ApiBuilder(authenticate, context);
  register(api);
  app.use(BASE, api.router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.log));
  const result = { app, api };
  built.set(register, result);
  return result;
}
