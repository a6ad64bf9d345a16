import type { Express } from 'express';
import request, { type Test } from 'supertest';
import { uniq } from '../support/factories.js';

export const API = '/api/v1';

/** A unique client address per call site, so rate-limit counters never leak between tests. */
export function clientIp(): string {
  const n = Number.parseInt(uniq().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** The failing paths of a 400/403/409 answer, sorted. */
export function errorPaths(body: unknown): string[] {
  const details = (body as { error?: { details?: { path: string }[] } }).error?.details ?? [];
  return details.map((d) => d.path).sort();
}

/** `method path` under the API base with an auth header (none for `{}`). */
export function api(
  app: Express,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  auth: Record<string, string> = {},
): Test {
  return request(app)[method](`${API}${path}`).set(auth);
}
