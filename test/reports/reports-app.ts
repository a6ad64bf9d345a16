import type { Express } from 'express';
import type { ApiBuilder } from '../../server/http/api.js';
import { registerReportRoutes } from '../../server/reports/routes.js';
import { routesApp } from '../support/routes-app.js';

export { BASE } from '../support/routes-app.js';

/** An app with only the reports routes. */
export function reportsApp(): Promise<{ app: Express; api: ApiBuilder }> {
  return routesApp(registerReportRoutes);
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
