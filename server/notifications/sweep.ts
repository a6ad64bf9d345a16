import { createHash } from 'node:crypto';
import { isVisibleToEmployers } from '../candidates/projection.js';
import { candidateRepository } from '../candidates/repository.js';
import type { CandidateRecord } from '../candidates/types.js';
import type { Deps } from '../deps.js';
import { type EmployerRecord, employerRepository } from '../employers/repository.js';
import { facilityRepository } from '../facilities/repository.js';
import { jobId } from '../infra/queue.js';
import type { JobHandler } from '../jobs/handler.js';
import { rankVacanciesFor, type VacancyLoader } from '../matching/service.js';
import { mapLimit } from '../shared/concurrency.js';
import { memoByIds, memoByKey } from '../shared/memo.js';
import { INDONESIAN_TIMEZONES } from '../shared/schemas.js';
import { type UserRecord, userRepository } from '../users/repository.js';
import { vacancyRepository } from '../vacancies/repository.js';
import { DELIVERY_CHUNK } from './jobs.js';
import {
  currentReleaseDay,
  localDay,
  type Milestone,
  milestoneApplies,
  milestoneFor,
  targetReleaseDays,
} from './milestones.js';
import {
  type NewNotification,
  type NotificationKind,
  type NotificationRecord,
  notificationRepository,
  type RecipientType,
} from './repository.js';

/** Employer notes name up to this many of the employer's matching vacancies. */
const EMPLOYER_NOTE_VACANCIES = 3;
/** Employers are told about a person only for their best-matching vacancies. */
const EMPLOYER_NOTE_TOP = 10;
/**
 * The person's best vacancies stored with the entries for their officers and themself: the digest
 * shows 3 and the person's alert 5; sending re-checks each one.
 */
export const STORED_MATCHES = 5;

export function notificationKey(
  r: { recipientType: RecipientType; recipientId: string },
  kind: NotificationKind,
  candidateId: string,
  milestone: string,
  refDate: string,
): string {
  return `${r.recipientType}:${r.recipientId}|${kind}|${candidateId}|${milestone}|${refDate}`;
}

/** Entries for one recipient and kind are delivered together (a digest). */
export function batchKey(
  r: { recipientType: RecipientType; recipientId: string },
  kind: NotificationKind,
): string {
  return `${r.recipientType}:${r.recipientId}:${kind}`;
}

function entry(
  recipient: { recipientType: RecipientType; recipientId: string; email: string },
  kind: NotificationKind,
  c: CandidateRecord,
  m: Milestone,
  now: Date,
  extra: Partial<NewNotification> = {},
): NewNotification {
  const refDate = currentReleaseDay(c);
  return {
    key: notificationKey(recipient, kind, c.id, m.name, refDate),
    batchKey: batchKey(recipient, kind),
    ...recipient,
    kind,
    candidateId: c.id,
    milestone: m.name,
    refDate,
    plannedAt: now,
    ...extra,
  };
}

/** The officers who hear about a person: the assigned officer, else every active officer of the Bapas. */
export async function officersFor(
  c: CandidateRecord,
  read: Pick<SweepReads, 'users' | 'bapasOfficers'> = {
    users: (ids) => userRepository.findByIds([...ids]),
    bapasOfficers: (bapasId) => userRepository.activeOfficers(bapasId),
  },
): Promise<UserRecord[]> {
  if (!c.bapasId) return [];
  if (c.officerId) {
    const [o] = await read.users([c.officerId]);
    if (o && o.status === 'active' && o.role === 'officer' && o.facilityId === c.bapasId) return [o];
  }
  return read.bapasOfficers(c.bapasId);
}

/**
 * What one sweep run reads more than once, read once: officers, employers and the vacancies that
 * matching scores. Everything planned from them is re-checked against fresh records when sent.
 */
interface SweepReads {
  users: (ids: readonly string[]) => Promise<UserRecord[]>;
  bapasOfficers: (bapasId: string) => Promise<UserRecord[]>;
  employers: (ids: readonly string[]) => Promise<EmployerRecord[]>;
  vacancies: VacancyLoader;
}

function sweepReads(): SweepReads {
  return {
    users: memoByIds((ids) => userRepository.findByIds(ids)),
    bapasOfficers: memoByKey((bapasId: string) => userRepository.activeOfficers(bapasId)),
    employers: memoByIds((ids) => employerRepository.findByIds(ids)),
    vacancies: memoByIds((ids) => vacancyRepository.findByIds(ids)),
  };
}

/** Plans every message one person's milestone calls for. */
async function planFor(
  deps: Pick<Deps, 'search'>,
  read: SweepReads,
  c: CandidateRecord,
  m: Milestone,
  now: Date,
): Promise<NewNotification[]> {
  const out: NewNotification[] = [];
  if (!milestoneApplies(c, m)) return out;
  const officers = m.officer ? await officersFor(c, read) : [];
  const alertPerson = m.person && c.consent.contactByEmail === true && Boolean(c.contact.email);
  const tellEmployers = m.employers && isVisibleToEmployers(c, now);
  if (officers.length === 0 && !alertPerson && !tellEmployers) return out;

  // The person is matched once; officers and the person get the best few stored with their entry.
  const ranked = await rankVacanciesFor(
    deps.search,
    c,
    tellEmployers ? EMPLOYER_NOTE_TOP : STORED_MATCHES,
    now,
    read.vacancies,
  );
  const matches = ranked
    .slice(0, STORED_MATCHES)
    .map((r) => ({ vacancyId: r.vacancy.id, score: r.explanation.score }));
  for (const o of officers) {
    out.push(
      entry({ recipientType: 'user', recipientId: o.id, email: o.email }, 'officer_digest', c, m, now, {
        matches,
      }),
    );
  }
  if (alertPerson) {
    out.push(
      entry(
        { recipientType: 'candidate', recipientId: c.id, email: c.contact.email ?? '' },
        'candidate_alert',
        c,
        m,
        now,
        { matches },
      ),
    );
  }
  if (tellEmployers) {
    const byEmployer = new Map<string, string[]>();
    for (const r of ranked) {
      const list = byEmployer.get(r.vacancy.employerId) ?? [];
      if (list.length < EMPLOYER_NOTE_VACANCIES) list.push(r.vacancy.id);
      byEmployer.set(r.vacancy.employerId, list);
    }
    for (const e of await read.employers([...byEmployer.keys()])) {
      out.push(
        entry(
          { recipientType: 'employer', recipientId: e.id, email: e.contactEmail },
          'employer_note',
          c,
          m,
          now,
          { vacancyIds: byEmployer.get(e.id) },
        ),
      );
    }
  }
  return out;
}

export interface SweepResult {
  asOf: Record<string, string>;
  candidates: number;
  planned: number;
  alreadyPlanned: number;
  byKind: Record<string, number>;
  byMilestone: Record<string, number>;
  batches: number;
  /** True when the queue was unreachable; the flush job will queue the deliveries later. */
  deliveriesDeferred?: boolean;
}

/**
 * The release sweep for one time zone or all: finds people whose current release date puts them at a
 * milestone today (in their facility's zone, with a short catch-up window), plans the messages in the
 * ledger (duplicates are ignored by its unique key) and queues one delivery job per recipient.
 */
export async function runReleaseSweep(
  deps: Pick<Deps, 'search' | 'queues'>,
  opts: { now: Date; asOf?: string; timezone?: string; concurrency?: number },
): Promise<SweepResult> {
  const zones = opts.timezone ? [opts.timezone] : [...INDONESIAN_TIMEZONES];
  const result: SweepResult = {
    asOf: {},
    candidates: 0,
    planned: 0,
    alreadyPlanned: 0,
    byKind: {},
    byMilestone: {},
    batches: 0,
  };
  const custody = (await facilityRepository.list({})).filter(
    (f) => f.kind === 'lapas' || f.kind === 'rutan' || f.kind === 'lpka',
  );
  const inserted: NotificationRecord[] = [];
  const read = sweepReads();
  for (const tz of zones) {
    const day = opts.asOf ?? localDay(opts.now, tz);
    result.asOf[tz] = day;
    const facilityIds = custody.filter((f) => f.timezone === tz).map((f) => f.id);
    if (facilityIds.length === 0) continue;
    const targets = targetReleaseDays(day);
    const people = await candidateRepository.findAtReleaseDays(
      facilityIds,
      [...new Set(targets.map((t) => t.day))].map((d) => new Date(`${d}T00:00:00Z`)),
    );
    const due = people
      .map((c) => ({ c, m: milestoneFor(c, day) }))
      .filter(
        (x): x is { c: CandidateRecord; m: Milestone } => x.m !== undefined && milestoneApplies(x.c, x.m),
      );
    result.candidates += due.length;
    const planned = (
      await mapLimit(due, opts.concurrency ?? 8, ({ c, m }) => planFor(deps, read, c, m, opts.now))
    ).flat();
    const fresh = await notificationRepository.insertNew(planned);
    result.alreadyPlanned += planned.length - fresh.length;
    inserted.push(...fresh);
  }
  for (const n of inserted) {
    result.planned++;
    result.byKind[n.kind] = (result.byKind[n.kind] ?? 0) + 1;
    result.byMilestone[n.milestone] = (result.byMilestone[n.milestone] ?? 0) + 1;
  }
  const newest = new Map<string, string>();
  for (const n of inserted) if ((newest.get(n.batchKey) ?? '') < n.id) newest.set(n.batchKey, n.id);
  result.batches = newest.size;
  try {
    await enqueueDeliveries(
      deps,
      [...newest].map(([batchKey, id]) => ({ batchKey, token: `s${id}` })),
    );
  } catch {
    // The plan is durable in the ledger; the flush job queues these batches once Redis answers.
    result.deliveriesDeferred = true;
  }
  return result;
}

/** The batches a delivery job names. */
export function batchKeysOf(p: { batchKey?: string; batchKeys?: string[] }): string[] {
  return [...(p.batchKey !== undefined ? [p.batchKey] : []), ...(p.batchKeys ?? [])];
}

/**
 * Queues the deliveries of recipient batches, up to DELIVERY_CHUNK batches per job. A job's id is
 * derived from its batches and the token naming what caused each (the newest entry planned, a
 * resend, a flush), so a repeated cause adds nothing while a new one always gets its job. Duplicate
 * jobs would be harmless anyway: claims are atomic.
 */
export async function enqueueDeliveries(
  deps: Pick<Deps, 'queues'>,
  batches: { batchKey: string; token: string }[],
): Promise<void> {
  const jobs = [];
  for (let i = 0; i < batches.length; i += DELIVERY_CHUNK) {
    const chunk = batches.slice(i, i + DELIVERY_CHUNK);
    const id = createHash('sha256')
      .update(chunk.map((b) => `${b.batchKey}\n${b.token}`).join('\n'))
      .digest('base64url')
      .slice(0, 32);
    jobs.push({
      payload: { batchKeys: chunk.map((b) => b.batchKey) },
      opts: { jobId: jobId('deliver', id) },
    });
  }
  await deps.queues.enqueueMany('notify.deliver', jobs);
}

export const handleSweep: JobHandler<'alerts.sweep'> = async ({ timezone, asOf }, ctx) => {
  const result = await runReleaseSweep(ctx.deps, { now: ctx.deps.clock.now(), timezone, asOf });
  ctx.log.info({ result }, 'release sweep');
  return result;
};
