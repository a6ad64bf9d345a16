import express, { type Express, type Request } from 'express';
import type { RequestContext } from '../../server/auth/actor.js';
import { actorFromToken } from '../../server/auth/service.js';
import { ApiBuilder } from '../../server/http/api.js';
import { errorHandler, notFoundHandler } from '../../server/http/error-middleware.js';
import { errors } from '../../server/http/errors.js';
import { registerReportRoutes } from '../../server/reports/routes.js';
import { testDeps } from '../support/context.js';

export const BASE = '/api/v1';

let built: { app: Express; api: ApiBuilder } | null = null;

/**
 * A small app with only the reports routes, authenticated and error-handled the way server/app.ts
 * does it, so the routes can be tested before they are wired into createApp.
 */
export async function reportsApp(): Promise<{ app: Express; api: ApiBuilder }> {
  if (built) return built;
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
  registerReportRoutes(api);
  app.use(BASE, api.router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.log));
  built = { app, api };
  return built;
}

/** Midnight UTC today plus `days`, as a Date. */
export function day(days: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}

/** `YYYY-MM-DD` of day(days). */
export function isoDayFromNow(days: number): string {
  return day(days).toISOString().slice(0, 10);
}

/** The field paths named by an error body. */
export function errorPaths(body: { error?: { details?: { path: string }[] } }): string[] {
  return (body.error?.details ?? []).map((d) => d.path);
}
