import type { Config } from '../../config/index.js';
import type { Actor } from '../auth/actor.js';
import { candidateRepository } from '../candidates/repository.js';
import type { Deps } from '../deps.js';
import { employerRepository } from '../employers/repository.js';
import { errors } from '../http/errors.js';
import type { Page } from '../shared/schemas.js';
import { userRepository } from '../users/repository.js';
import {
  type NotificationFilter,
  type NotificationKind,
  type NotificationRecord,
  notificationRepository,
} from './repository.js';
import { enqueueDeliveries, runReleaseSweep, type SweepResult } from './sweep.js';
import { verifyUnsubscribe } from './unsubscribe.js';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  milestone: string;
  refDate: string;
  candidateId: string;
  recipient: { type: string; id: string; email: string };
  status: NotificationRecord['status'];
  attempts: number;
  lastError?: string;
  cancelledReason?: string;
  plannedAt: string;
  sentAt?: string;
}

export function presentNotification(n: NotificationRecord): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    milestone: n.milestone,
    refDate: n.refDate,
    candidateId: n.candidateId,
    recipient: { type: n.recipientType, id: n.recipientId, email: n.email },
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    cancelledReason: n.cancelledReason,
    plannedAt: n.plannedAt.toISOString(),
    sentAt: n.sentAt?.toISOString(),
  };
}

/** Admins run the sweep now; `asOf` moves time for demos and tests, never in production. */
export async function runSweepNow(
  deps: Pick<Deps, 'search' | 'queues'> & { config: Pick<Config, 'ALLOW_TIME_TRAVEL'> },
  asOf: string | undefined,
  now: Date,
): Promise<SweepResult> {
  if (asOf && !deps.config.ALLOW_TIME_TRAVEL) {
    throw errors.field('body.asOf', 'asOf tidak diizinkan di produksi', 'asOf is not allowed in production');
  }
  return runReleaseSweep(deps, { now, asOf });
}

/** The ledger: admins see everything; officers see what concerns their own clients. */
export async function listNotifications(
  actor: Actor,
  query: {
    status?: NotificationRecord['status'];
    recipient?: string;
    candidateId?: string;
    kind?: NotificationKind;
    page: number;
    limit: number;
  },
): Promise<Page<NotificationView>> {
  const filter: NotificationFilter = { status: query.status, kind: query.kind };
  if (query.recipient) {
    if (query.recipient.includes('@')) filter.email = query.recipient;
    else filter.recipientId = query.recipient;
  }
  if (actor.role === 'officer') {
    if (!actor.facilityId) return { items: [], total: 0, page: query.page, limit: query.limit };
    if (query.candidateId) {
      const c = await candidateRepository.findById(query.candidateId);
      if (!c || c.bapasId !== actor.facilityId)
        return { items: [], total: 0, page: query.page, limit: query.limit };
      filter.candidateId = query.candidateId;
    } else {
      const { items } = await candidateRepository.list({ bapasId: actor.facilityId }, 0, 100_000);
      filter.candidateIds = items.map((c) => c.id);
    }
  } else if (query.candidateId) {
    filter.candidateId = query.candidateId;
  }
  const { items, total } = await notificationRepository.list(
    filter,
    (query.page - 1) * query.limit,
    query.limit,
  );
  return { items: items.map(presentNotification), total, page: query.page, limit: query.limit };
}

/** Puts a failed or interrupted message back in line (admins, after checking it did not arrive). */
export async function resendNotification(
  deps: Pick<Deps, 'queues'>,
  id: string,
  now: Date,
): Promise<NotificationView> {
  const n = await notificationRepository.resend(id);
  if (!n) throw errors.notFound('Notifikasi gagal', 'Failed notification');
  await enqueueDeliveries(deps, [{ batchKey: n.batchKey, token: `r${n.id}-${now.getTime()}` }]);
  return presentNotification(n);
}

export const PREFERENCE_KINDS = [
  'officer_digest',
  'employer_note',
  'candidate_alert',
  'checkin_officer',
  'checkin_candidate',
] as const;
export type Preferences = Partial<Record<(typeof PREFERENCE_KINDS)[number], boolean>>;

function withDefaults(p: Record<string, unknown>): Record<string, boolean> {
  return Object.fromEntries(PREFERENCE_KINDS.map((k) => [k, p[k] !== false]));
}

export async function getPreferences(actor: Actor): Promise<Record<string, boolean>> {
  const user = await userRepository.findById(actor.userId);
  if (!user) throw errors.notFound('Pengguna', 'User');
  return withDefaults(user.notificationPreferences);
}

/**
 * The signed-in user's email preferences. An employer user's choice for employer notes also applies
 * to the employer's contact address, and a person's choice for alerts to their profile's address,
 * since those are where such messages go.
 */
export async function setPreferences(actor: Actor, prefs: Preferences): Promise<Record<string, boolean>> {
  const user = await userRepository.setPreferences(actor.userId, prefs);
  if (!user) throw errors.notFound('Pengguna', 'User');
  if (actor.role === 'employer' && actor.employerId && prefs.employer_note !== undefined) {
    await employerRepository.setOptOut(actor.employerId, 'employer_note', !prefs.employer_note);
  }
  if (actor.role === 'candidate' && actor.candidateId) {
    for (const kind of ['candidate_alert', 'checkin_candidate'] as const) {
      if (prefs[kind] !== undefined)
        await candidateRepository.setOptOut(actor.candidateId, kind, !prefs[kind]);
    }
  }
  return withDefaults(user.notificationPreferences);
}

/** Applies a signed unsubscribe link. Returns what was stopped, or null for a bad link. */
export async function unsubscribe(token: string, secret: string): Promise<{ kind: NotificationKind } | null> {
  const claim = verifyUnsubscribe(token, secret);
  if (!claim) return null;
  if (claim.recipientType === 'user')
    await userRepository.setPreferences(claim.recipientId, { [claim.kind]: false });
  else if (claim.recipientType === 'employer')
    await employerRepository.setOptOut(claim.recipientId, claim.kind, true);
  else await candidateRepository.setOptOut(claim.recipientId, claim.kind, true);
  return { kind: claim.kind };
}
