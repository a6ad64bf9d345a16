import type { Actor, RequestContext } from '../auth/actor.js';
import { maySupervise } from '../candidates/policy.js';
import { candidateRepository } from '../candidates/repository.js';
import { errors } from '../http/errors.js';
import type { DbSession } from '../infra/mongo.js';
import type { Page } from '../shared/schemas.js';
import { type AuditRecord, auditRepository } from './repository.js';

export type AuditAction =
  | 'create'
  | 'read_profile'
  | 'read_skills'
  | 'update'
  | 'release'
  | 'consent'
  | 'training'
  | 'certification'
  | 'export'
  | 'erase'
  | 'import'
  | 'disclose_identity';

/** Writes one audit entry (inside the caller's transaction when a session is given). */
export async function recordAudit(
  actor: Actor,
  candidateId: string,
  action: AuditAction,
  ctx: Partial<RequestContext> & { now: Date },
  opts: { session?: DbSession; detail?: string } = {},
): Promise<void> {
  await auditRepository.insert(
    [
      {
        actorId: actor.userId,
        actorName: actor.name,
        role: actor.role,
        candidateId,
        action,
        at: ctx.now,
        ip: ctx.ip,
        requestId: ctx.requestId,
        detail: opts.detail,
      },
    ],
    opts.session,
  );
}

/** Many audit entries at once (bulk writes), in the caller's transaction. */
export async function recordAuditMany(
  actor: Actor,
  candidateIds: string[],
  action: AuditAction,
  ctx: Partial<RequestContext> & { now: Date },
  session?: DbSession,
): Promise<void> {
  await auditRepository.insert(
    candidateIds.map((candidateId) => ({
      actorId: actor.userId,
      actorName: actor.name,
      role: actor.role,
      candidateId,
      action,
      at: ctx.now,
      ip: ctx.ip,
      requestId: ctx.requestId,
    })),
    session,
  );
}

export interface AuditView {
  id: string;
  actor: { id: string; name: string; role: string };
  candidateId: string;
  action: string;
  at: string;
  ip?: string;
  requestId?: string;
  detail?: string;
}

export function presentAudit(a: AuditRecord): AuditView {
  return {
    id: a.id,
    actor: { id: a.actorId, name: a.actorName, role: a.role },
    candidateId: a.candidateId,
    action: a.action,
    at: a.at.toISOString(),
    ip: a.ip,
    requestId: a.requestId,
    detail: a.detail,
  };
}

export async function listAudit(
  filter: { candidateId?: string; actorId?: string; action?: string },
  page: number,
  limit: number,
): Promise<Page<AuditView>> {
  const { items, total } = await auditRepository.list(filter, limit, (page - 1) * limit);
  return { items: items.map(presentAudit), total, page, limit };
}

/**
 * One person's audit trail for those who keep the record: admins, the person's officer (own Bapas)
 * and their facility's staff. Anyone else gets the same 404 as for an unknown profile.
 */
export async function listCandidateAudit(
  actor: Actor,
  candidateId: string,
  page: number,
  limit: number,
): Promise<Page<AuditView>> {
  const c = await candidateRepository.findById(candidateId);
  if (!c || !maySupervise(actor, c)) throw errors.notFound('Profil', 'Profile');
  return listAudit({ candidateId }, page, limit);
}
