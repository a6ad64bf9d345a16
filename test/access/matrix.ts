import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request, { type Response, type Test } from 'supertest';
import { ROLES, type Role } from '../../server/auth/actor.js';
import { buildCandidate, type CandidateFull } from '../support/factories.js';
import { otherTenant, type Tenant, userFor, type World } from './world.js';

export const API = '/api/v1';

/** A well-formed id that belongs to nothing. */
export function missingId(): string {
  return randomBytes(12).toString('hex');
}

/** What one matrix cell expects: a status for each role and target. */
export type Table<T extends string> = Record<Role, Record<T, number>>;

/** Everything a request builder needs to know about one cell. */
export interface Cell<T extends string> {
  world: World;
  /** The caller's tenant (for admins: the tenant the row is run for). */
  me: Tenant;
  them: Tenant;
  role: Role | 'anonymous';
  auth: Record<string, string>;
  target: T;
  /** Whether the cell expects success, so write bodies can carry a sentinel when they must fail. */
  ok: boolean;
}

/** The object a cell acts on; `owner` is its tenant when it has one. */
export interface Resolved {
  id: string;
  owner?: Tenant;
}

export interface MatrixSpec<T extends string> {
  /** e.g. `GET /candidates/:id`. */
  endpoint: string;
  targets: readonly T[];
  table: Table<T>;
  /** What a successful call does to its object, for the final version check. */
  writes?: 'bump' | 'erase';
  resolve(cell: Omit<Cell<T>, 'ok'>): Promise<Resolved> | Resolved;
  send(app: Express, cell: Cell<T>, target: Resolved): Test;
  /** Extra checks on a successful answer; returns a problem or undefined. */
  check?(res: Response, cell: Cell<T>, target: Resolved): string | undefined;
}

interface LedgerEntry {
  kind: 'candidate' | 'vacancy';
  version: number;
  erased: boolean;
  owner?: Tenant;
  label: string;
}

/**
 * What every record should look like after the matrix: its starting version plus one per successful
 * write. A write that hid behind an error answer shows up as a version that moved.
 */
export class Ledger {
  readonly entries = new Map<string, LedgerEntry>();

  track(kind: LedgerEntry['kind'], id: string, version: number, label: string, owner?: Tenant): void {
    if (!this.entries.has(id)) this.entries.set(id, { kind, version, erased: false, owner, label });
  }

  trackCandidate(c: CandidateFull, label: string, owner: Tenant): void {
    this.track('candidate', c.id, c.version, label, owner);
  }

  wrote(id: string, how: 'bump' | 'erase'): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (how === 'bump') e.version += 1;
    else e.erased = true;
  }
}

/** A fresh profile in `owner`'s facility, tracked by the ledger (for release and erasure cells). */
export async function freshCandidate(ledger: Ledger, owner: Tenant, label: string): Promise<Resolved> {
  const c = await buildCandidate(owner.places, {
    domicile: { province: 'Sulawesi Selatan', regency: owner.regency },
  });
  ledger.trackCandidate(c, `${label} (fresh, tenant ${owner.key})`, owner);
  return { id: c.id, owner };
}

function brief(res: Response): string {
  const text = typeof res.text === 'string' ? res.text : '';
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

interface ErrorBody {
  error?: { code?: string; message?: string; messageEn?: string; details?: { path: string }[] };
}

/**
 * Runs every role of both tenants (and a caller without a token) against every target of `spec`.
 * Returns one line per mismatch, naming role, tenant, endpoint and target.
 */
export async function runMatrix<T extends string>(
  app: Express,
  world: World,
  ledger: Ledger,
  spec: MatrixSpec<T>,
): Promise<string[]> {
  const failures: string[] = [];
  const tenants = [world.A, world.B];
  for (const me of tenants) {
    const them = otherTenant(world, me);
    const callers: (Role | 'anonymous')[] = [...ROLES, 'anonymous'];
    for (const role of callers) {
      const auth = role === 'anonymous' ? {} : userFor(world, role, me).auth;
      const seen: { target: T; res: Response }[] = [];
      for (const target of spec.targets) {
        const expected = role === 'anonymous' ? 401 : spec.table[role][target];
        const base = { world, me, them, role, auth, target };
        const resolved = await spec.resolve(base);
        const cell: Cell<T> = { ...base, ok: expected < 300 };
        const res = await spec.send(app, cell, resolved);
        const where = `${role}${role === 'admin' || role === 'anonymous' ? '' : `(${me.key})`} ${spec.endpoint} [${target}]`;
        if (spec.writes && res.status >= 200 && res.status < 300) ledger.wrote(resolved.id, spec.writes);
        seen.push({ target, res });
        if (res.status !== expected) {
          failures.push(`${where}: expected ${expected}, got ${res.status} ${brief(res)}`);
          continue;
        }
        const code = (res.body as ErrorBody).error?.code;
        if (expected === 401 && code !== 'unauthenticated') failures.push(`${where}: 401 code ${code}`);
        if (expected === 403 && code !== 'forbidden') failures.push(`${where}: 403 code ${code}`);
        if (expected === 404 && code !== 'not_found') failures.push(`${where}: 404 code ${code}`);
        if (expected < 300 && spec.check) {
          const problem = spec.check(res, cell, resolved);
          if (problem) failures.push(`${where}: ${problem}`);
        }
      }
      // Someone else's object must answer exactly like an object that does not exist.
      const missing = seen.find((s) => s.target === ('missing' as T) && s.res.status === 404);
      if (missing) {
        const ref = missing.res.body as ErrorBody;
        for (const s of seen) {
          if (s.target === missing.target || s.res.status !== 404) continue;
          const got = s.res.body as ErrorBody;
          if (got.error?.message !== ref.error?.message || got.error?.messageEn !== ref.error?.messageEn) {
            failures.push(
              `${role}(${me.key}) ${spec.endpoint} [${s.target}]: 404 differs from a missing id (${got.error?.messageEn} vs ${ref.error?.messageEn})`,
            );
          }
        }
      }
    }
  }
  return failures;
}

/** Sends `method path` with the cell's auth header. */
export function call(
  app: Express,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  auth: Record<string, string>,
): Test {
  return request(app)[method](`${API}${path}`).set(auth);
}

/** Formats mismatches for one assertion message. */
export function report(failures: string[]): string {
  return `${failures.length} cell(s) wrong:\n  ${failures.join('\n  ')}`;
}
