import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { UnrecoverableError } from 'bullmq';
import type { Config } from '../../config/index.js';
import { availableFrom, isVisibleToEmployers } from '../candidates/projection.js';
import { candidateRepository } from '../candidates/repository.js';
import type { CandidateRecord } from '../candidates/types.js';
import type { Deps } from '../deps.js';
import { type EmployerRecord, employerRepository } from '../employers/repository.js';
import { MailError, type Mailer } from '../infra/mail.js';
import { jobId } from '../infra/queue.js';
import type { JobHandler } from '../jobs/handler.js';
import { explain, violations } from '../matching/rules.js';
import { type RankedVacancy, rankVacancies, rankVacanciesFor } from '../matching/service.js';
import { isoDay } from '../shared/schemas.js';
import { getSkill } from '../skills/service.js';
import { type UserRecord, userRepository } from '../users/repository.js';
import { type VacancyRecord, vacancyRepository } from '../vacancies/repository.js';
import { currentReleaseDay, MILESTONES, milestoneApplies } from './milestones.js';
import {
  type NotificationKind,
  type NotificationRecord,
  notificationRepository,
  type RecipientType,
} from './repository.js';
import { batchKeysOf, enqueueDeliveries } from './sweep.js';
import {
  type DigestClient,
  type EmployerNoteItem,
  type RenderedMail,
  renderCandidateAlert,
  renderEmployerNote,
  renderOfficerDigest,
} from './templates.js';
import { signUnsubscribe } from './unsubscribe.js';

type DeliverDeps = Pick<Deps, 'search' | 'config' | 'queues' | 'log'> & { mailer: Mailer };

/** Matches per client in an officer's digest, and in the person's own alert. */
const DIGEST_MATCHES = 3;
const ALERT_MATCHES = 5;
const shownMatches = (n: NotificationRecord) =>
  n.kind === 'candidate_alert' ? ALERT_MATCHES : DIGEST_MATCHES;

function milestoneOf(name: string) {
  return MILESTONES.find((m) => m.name === name);
}

/** Re-checks a release-milestone entry against the person's current record just before sending. */
function checkCandidate(n: NotificationRecord, c: CandidateRecord | null): string | null {
  if (!c) return 'profil dihapus (profile erased)';
  const m = milestoneOf(n.milestone);
  if (!m) return null;
  if (currentReleaseDay(c) !== n.refDate) return 'tanggal bebas berubah (release date changed)';
  if (!milestoneApplies(c, m)) return `status ${c.status}`;
  return null;
}

const appUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>, path: string) => `${config.PUBLIC_BASE_URL}${path}`;

function unsubscribeUrl(
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'JWT_SECRET'>,
  n: NotificationRecord,
): string {
  const t = signUnsubscribe(
    { recipientType: n.recipientType, recipientId: n.recipientId, kind: n.kind },
    config.JWT_SECRET,
  );
  return appUrl(config, `/unsubscribe?t=${encodeURIComponent(t)}`);
}

/** Who a batch goes to, read once per delivery; `optedOut` when gone or unsubscribed from this kind. */
export interface Recipient {
  optedOut: boolean;
  user?: UserRecord;
  employer?: EmployerRecord;
  candidate?: CandidateRecord;
}

/** What one delivery reads once for all its batches; each batch gets its recipient with it. */
export interface DeliveryReads {
  recipient: Recipient;
  /** Recipients that are users, and the officers named in a person's own alert. */
  users: ReadonlyMap<string, UserRecord>;
  people: ReadonlyMap<string, CandidateRecord>;
  /** Current records of every vacancy the entries name (stored matches, employer-note vacancies). */
  vacancies: ReadonlyMap<string, VacancyRecord>;
  employers: ReadonlyMap<string, EmployerRecord>;
}

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/** Recipients, people, vacancies and employers of many batches, in two rounds of a few queries. */
async function readForBatches(batches: readonly NotificationRecord[][]) {
  const firsts = batches.map((b) => b[0]!);
  const idsOf = (type: RecipientType) => [
    ...new Set(firsts.filter((n) => n.recipientType === type).map((n) => n.recipientId)),
  ];
  const entries = batches.flat();
  const vacancyIds = new Set<string>();
  for (const e of entries) {
    // The first few stored matches are read for everyone; the rest only where one of those fell out.
    for (const m of (e.matches ?? []).slice(0, shownMatches(e))) vacancyIds.add(m.vacancyId);
    for (const id of e.vacancyIds ?? []) vacancyIds.add(id);
  }
  const userIds = idsOf('user');
  const employerIds = idsOf('employer');
  const [users, recipientEmployers, people, vacancies] = await Promise.all([
    userIds.length ? userRepository.findByIds(userIds) : [],
    employerIds.length ? employerRepository.findByIds(employerIds) : [],
    candidateRepository.findByIds(
      [...new Set([...entries.map((e) => e.candidateId), ...idsOf('candidate')])],
      { withoutHistory: true },
    ),
    vacancyIds.size ? vacancyRepository.findCurrentByIds([...vacancyIds]) : [],
  ]);
  // Second round: the employers of those vacancies, and the officers named in a person's own alert.
  const vacancyEmployers = [...new Set(vacancies.map((v) => v.employerId))];
  const known = new Set(userIds);
  const alerted = new Set(firsts.filter((n) => n.kind === 'candidate_alert').map((n) => n.candidateId));
  const officerIds = [
    ...new Set(people.flatMap((c) => (alerted.has(c.id) && c.officerId ? [c.officerId] : []))),
  ].filter((id) => !known.has(id));
  const [moreEmployers, officers] = await Promise.all([
    vacancyEmployers.length ? employerRepository.findByIds(vacancyEmployers) : [],
    officerIds.length ? userRepository.findByIds(officerIds) : [],
  ]);
  return {
    users: byId([...users, ...officers]),
    people: byId(people),
    vacancies: byId(vacancies),
    employers: byId([...recipientEmployers, ...moreEmployers]),
  };
}

/** The recipient of a batch and whether they still want this kind of email. */
function recipientIn(n: NotificationRecord, r: Awaited<ReturnType<typeof readForBatches>>): Recipient {
  if (n.recipientType === 'user') {
    const u = r.users.get(n.recipientId);
    return {
      optedOut: !u || u.status !== 'active' || u.notificationPreferences[n.kind] === false,
      user: u,
    };
  }
  if (n.recipientType === 'employer') {
    const e = r.employers.get(n.recipientId);
    return { optedOut: !e || (e.emailOptOut ?? []).includes(n.kind), employer: e };
  }
  const c = r.people.get(n.recipientId);
  return { optedOut: !c || (c.emailOptOut ?? []).includes(n.kind), candidate: c };
}

/** Employer names for mail lines: from the shared reads, reading only those a fresh match added. */
async function employerNames(
  ranked: readonly RankedVacancy[],
  reads: Pick<DeliveryReads, 'employers'>,
): Promise<(v: VacancyRecord) => string> {
  const missing = [...new Set(ranked.map((r) => r.vacancy.employerId))].filter(
    (id) => !reads.employers.has(id),
  );
  const more = missing.length
    ? byId(await employerRepository.findByIds(missing))
    : new Map<string, EmployerRecord>();
  return (v) => (reads.employers.get(v.employerId) ?? more.get(v.employerId))?.name ?? '';
}

/**
 * The person's best vacancies now. The ones stored when the entry was planned are re-checked
 * against the current records (open, and within every hard rule for the person as they are now) and
 * explained afresh. When some no longer hold and fewer than wanted remain, or the entry was planned
 * without stored matches, the person is matched again.
 */
async function currentMatches(
  deps: DeliverDeps,
  c: CandidateRecord,
  n: NotificationRecord,
  want: number,
  now: Date,
  vacancies: ReadonlyMap<string, VacancyRecord>,
): Promise<RankedVacancy[]> {
  if (c.status === 'placed' || c.status === 'withdrawn') return [];
  if (n.matches) {
    const needed = Math.min(want, n.matches.length);
    let stored = n.matches.flatMap((m) => vacancies.get(m.vacancyId) ?? []);
    let ranked = rankVacancies(c, stored, want, now);
    const unread = n.matches.filter((m) => !vacancies.has(m.vacancyId)).map((m) => m.vacancyId);
    if (ranked.length < needed && unread.length) {
      // Some of the first few no longer hold: the rest of the stored ones are next in line.
      stored = [...stored, ...(await vacancyRepository.findCurrentByIds(unread))];
      ranked = rankVacancies(c, stored, want, now);
    }
    if (ranked.length >= needed) return ranked;
  }
  return rankVacanciesFor(deps.search, c, want, now);
}

function describe(c: CandidateRecord, now: Date): { id: string; en: string } {
  const certified = new Set(
    c.certifications.filter((x) => !x.expiresAt || x.expiresAt >= now).flatMap((x) => x.skills),
  );
  const top = [...c.skills].sort((a, b) => Number(certified.has(b.code)) - Number(certified.has(a.code)))[0];
  const label = top
    ? (getSkill(top.code)?.label ?? { id: top.code, en: top.code })
    : { id: 'pekerja terlatih', en: 'trained worker' };
  const isCert = top ? certified.has(top.code) : false;
  return {
    id: `${isCert ? 'tenaga bersertifikat' : 'tenaga terlatih'} ${label.id}`,
    en: `${isCert ? 'certified' : 'trained'} ${label.en.toLowerCase()} worker`,
  };
}

async function composeOfficerDigest(
  deps: DeliverDeps,
  entries: NotificationRecord[],
  now: Date,
  reads: DeliveryReads,
): Promise<{ mail: RenderedMail; kept: NotificationRecord[]; cancelled: [string, string][] }> {
  const cancelled: [string, string][] = [];
  const kept: { n: NotificationRecord; c: CandidateRecord; ranked: RankedVacancy[] }[] = [];
  const officer = reads.recipient.user;
  const { people, vacancies } = reads;
  for (const n of entries) {
    const c = people.get(n.candidateId) ?? null;
    const problem = checkCandidate(n, c);
    if (problem || !c) {
      cancelled.push([n.id, problem ?? 'tidak ada']);
      continue;
    }
    if (!officer || officer.facilityId !== c.bapasId) {
      cancelled.push([n.id, 'bukan lagi klien petugas ini (no longer this officer’s client)']);
      continue;
    }
    kept.push({ n, c, ranked: await currentMatches(deps, c, n, DIGEST_MATCHES, now, vacancies) });
  }
  const employerName = await employerNames(
    kept.flatMap((k) => k.ranked),
    reads,
  );
  const clients: DigestClient[] = kept.map(({ n, c, ranked }) => {
    const programmes = new Map<string, { id: string; en: string }>();
    for (const r of ranked)
      for (const ms of r.explanation.missingSkills)
        for (const p of ms.programmes) programmes.set(p.code, p.name);
    return {
      name: c.fullName,
      registrationNumber: c.registrationNumber,
      releaseDay: n.refDate,
      milestone: n.milestone,
      profileUrl: appUrl(deps.config, `/app/clients/${c.id}`),
      matches: ranked.map(({ vacancy: v, explanation: e }) => ({
        title: v.title,
        employer: employerName(v),
        regency: v.location.regency,
        score: e.score,
        reason: e.reasons[0] ?? '',
        reasonEn: e.reasonsEn[0] ?? '',
      })),
      programmes: [...programmes.values()].slice(0, 4),
    };
  });
  const mail = renderOfficerDigest({
    officerName: officer?.name ?? 'Petugas',
    clients,
    appUrl: appUrl(deps.config, '/app'),
    unsubscribeUrl: kept[0] ? unsubscribeUrl(deps.config, kept[0].n) : '',
  });
  return { mail, kept: kept.map((k) => k.n), cancelled };
}

async function composeEmployerNote(
  deps: DeliverDeps,
  entries: NotificationRecord[],
  now: Date,
  reads: DeliveryReads,
) {
  const cancelled: [string, string][] = [];
  const items: EmployerNoteItem[] = [];
  const kept: NotificationRecord[] = [];
  const employer = reads.recipient.employer;
  const { people, vacancies: current } = reads;
  for (const n of entries) {
    const c = people.get(n.candidateId) ?? null;
    const problem =
      checkCandidate(n, c) ??
      (c && !isVisibleToEmployers(c, now) ? 'persetujuan berbagi ditarik (consent withdrawn)' : null);
    if (problem || !c) {
      cancelled.push([n.id, problem ?? 'tidak ada']);
      continue;
    }
    // Only vacancies that are still open and still match, by every hard rule.
    const vacancies = (n.vacancyIds ?? [])
      .flatMap((id) => current.get(id) ?? [])
      .filter(
        (v) =>
          v.employerId === n.recipientId &&
          violations({ candidate: c, vacancy: v, now, employerFacing: true }).length === 0,
      );
    if (vacancies.length === 0) {
      cancelled.push([n.id, 'lowongan ditutup atau tidak cocok lagi (vacancy closed or no longer matching)']);
      continue;
    }
    const d = describe(c, now);
    items.push({
      descriptionId: d.id,
      descriptionEn: d.en,
      availableFrom: isoDay(availableFrom(c)),
      regency: c.domicile.regency,
      profileUrl: appUrl(deps.config, `/app/candidates/${c.publicId}`),
      vacancies: vacancies.map((v) => ({
        title: v.title,
        url: appUrl(deps.config, `/app/vacancies/${v.id}`),
        score: explain({ candidate: c, vacancy: v, now, employerFacing: true }).score,
      })),
    });
    kept.push(n);
  }
  const mail = renderEmployerNote({
    employerName: employer?.name ?? '',
    items: items.length
      ? items
      : [
          {
            descriptionId: '',
            descriptionEn: '',
            availableFrom: isoDay(now),
            regency: '',
            profileUrl: '',
            vacancies: [],
          },
        ],
    unsubscribeUrl: kept[0] ? unsubscribeUrl(deps.config, kept[0]) : '',
  });
  return { mail, kept, cancelled };
}

async function composeCandidateAlert(
  deps: DeliverDeps,
  entries: NotificationRecord[],
  now: Date,
  reads: DeliveryReads,
) {
  const cancelled: [string, string][] = [];
  // One email per milestone for the person: the latest entry wins, earlier ones ride along.
  const n = entries[entries.length - 1]!;
  const c = reads.people.get(n.candidateId) ?? null;
  const problem =
    checkCandidate(n, c) ??
    (c && (!c.consent.contactByEmail || !c.contact.email)
      ? 'tidak setuju dihubungi lewat email (no email consent)'
      : null);
  if (problem || !c) {
    return {
      mail: null,
      kept: [],
      cancelled: entries.map((e): [string, string] => [e.id, problem ?? 'tidak ada']),
    };
  }
  const ranked = await currentMatches(deps, c, n, ALERT_MATCHES, now, reads.vacancies);
  const employerName = await employerNames(ranked, reads);
  const officer = c.officerId ? reads.users.get(c.officerId) : undefined;
  const mail = renderCandidateAlert({
    name: c.fullName,
    milestone: n.milestone,
    vacancies: ranked.map(({ vacancy: v, explanation: e }) => ({
      title: v.title,
      employer: employerName(v),
      regency: v.location.regency,
      startDay: isoDay(v.startDate),
      wage: v.wage,
      reason: e.reasons[0] ?? '',
      reasonEn: e.reasonsEn[0] ?? '',
    })),
    officer: officer && officer.status === 'active' ? { name: officer.name, email: officer.email } : null,
    appUrl: appUrl(deps.config, '/app/me/jobs'),
    unsubscribeUrl: unsubscribeUrl(deps.config, n),
  });
  // The address may have changed since planning: send to the current one.
  return { mail, kept: entries, cancelled, to: c.contact.email };
}

/** Extra kinds (check-ins) register their composer here. */
export type Composer = (
  deps: DeliverDeps,
  entries: NotificationRecord[],
  now: Date,
  reads: DeliveryReads,
) => Promise<{
  mail: RenderedMail | null;
  kept: NotificationRecord[];
  cancelled: [string, string][];
  to?: string;
}>;

const composers = new Map<NotificationKind, Composer>([
  ['officer_digest', composeOfficerDigest],
  ['employer_note', composeEmployerNote],
  ['candidate_alert', composeCandidateAlert],
]);

export function registerComposer(kind: NotificationKind, composer: Composer): void {
  composers.set(kind, composer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A send that failed for a while is tried this many times in all, then marked failed. */
export const MAX_SEND_ATTEMPTS = 10;
/** Wait before the next try of a temporarily failed send: doubling from 5 s, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));

const COMPOSE_RETRY_MS = 60_000;

/** What happened to one batch in a delivery. */
export interface BatchOutcome {
  batchKey: string;
  sent: number;
  cancelled: number;
  /** Sent again later (a temporary SMTP error, or the batch changed while being composed). */
  retryInMs?: number;
  /** Refused for good by the SMTP server (5xx), or out of tries. */
  failed?: string;
}

interface Outgoing {
  batchKey: string;
  kind: NotificationKind;
  sendId: string;
  kept: NotificationRecord[];
  mail: RenderedMail;
  to: string;
}

/**
 * Delivers recipient batches exactly once per ledger key. For all the batches together: read the
 * due entries, their recipients, people, vacancies and employers in a few queries; re-check and
 * compose each batch; claim every batch's entries atomically (an entry claimed by someone else is
 * never sent here); send through the pooled mailer; record the sends. A send interrupted by a crash
 * is never repeated automatically (see markStaleSending). A temporary SMTP error returns the entries
 * to `planned` and the batch is tried again after a growing wait; a permanent (5xx) error, or the
 * last try, marks them failed.
 */
export async function deliverBatches(
  deps: DeliverDeps,
  batchKeys: readonly string[],
  now: Date,
): Promise<BatchOutcome[]> {
  const keys = [...new Set(batchKeys)];
  const planned = await notificationRepository.plannedInBatches(keys, now);
  const outcomes = new Map<string, BatchOutcome>(
    keys.map((batchKey) => [batchKey, { batchKey, sent: 0, cancelled: 0 }]),
  );
  const idle = keys.filter((k) => !planned.has(k));
  if (idle.length) {
    // Nothing due: often the retry of a job whose worker died mid-send, so settle this batch's
    // interrupted sends now rather than at the next flush (or another worker is mid-send: no-op).
    await notificationRepository.markStaleSending(
      new Date(now.getTime() - deps.config.NOTIFY_SEND_LEASE_MS),
      idle,
    );
  }
  if (planned.size === 0) return [...outcomes.values()];

  const reads = await readForBatches([...planned.values()]);
  const cancelled: [string, string][] = [];
  const outgoing: Outgoing[] = [];
  for (const [batchKey, entries] of planned) {
    const outcome = outcomes.get(batchKey)!;
    const recipient = recipientIn(entries[0]!, reads);
    if (recipient.optedOut) {
      for (const e of entries)
        cancelled.push([e.id, 'penerima berhenti berlangganan (recipient unsubscribed)']);
      outcome.cancelled = entries.length;
      continue;
    }
    const kind = entries[0]!.kind;
    const composer = composers.get(kind);
    if (!composer) throw new UnrecoverableError(`no composer for ${kind}`);
    let composed: Awaited<ReturnType<Composer>>;
    try {
      composed = await composer(deps, entries, now, { ...reads, recipient });
    } catch (err) {
      // One batch that cannot be composed now (the search engine is down for a fresh match, say)
      // does not hold up the others: it is tried again on its own.
      deps.log.warn({ batchKey, err: (err as Error).message }, 'delivery: compose failed; retrying later');
      outcome.retryInMs = COMPOSE_RETRY_MS;
      continue;
    }
    cancelled.push(...composed.cancelled);
    outcome.cancelled = composed.cancelled.length;
    if (!composed.mail || composed.kept.length === 0) continue;
    outgoing.push({
      batchKey,
      kind,
      sendId: randomUUID(),
      kept: composed.kept,
      mail: composed.mail,
      to: composed.to ?? composed.kept[0]!.email,
    });
  }
  await notificationRepository.cancelMany(cancelled);

  const won = await notificationRepository.claimMany(
    outgoing.map((o) => ({ ids: o.kept.map((k) => k.id), sendId: o.sendId })),
    `${os.hostname()}:${process.pid}`,
    new Date(),
  );
  const claimed: Outgoing[] = [];
  for (const o of outgoing) {
    const n = won.get(o.sendId) ?? 0;
    if (n === o.kept.length) claimed.push(o);
    else if (n > 0) {
      // Someone else claimed part of the batch meanwhile: give ours back and compose it again.
      await notificationRepository.release(o.sendId, 'batch changed during compose');
      outcomes.get(o.batchKey)!.retryInMs = 1_000;
    }
    // None won: another worker is sending this batch.
  }

  const accepted: { sendId: string; messageId: string; o: Outgoing }[] = [];
  await Promise.all(
    claimed.map(async (o) => {
      const outcome = outcomes.get(o.batchKey)!;
      try {
        const res = await deps.mailer.send({
          to: o.to,
          subject: o.mail.subject,
          text: o.mail.text,
          html: o.mail.html,
          messageId: `<${o.sendId}@bekalkerja>`,
          headers: {
            'List-Unsubscribe': `<${unsubscribeUrl(deps.config, o.kept[0]!)}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'X-Bekal-Kind': o.kind,
            'X-Bekal-Keys': o.kept.map((k) => k.key).join(', '),
          },
        });
        accepted.push({ sendId: o.sendId, messageId: res.messageId, o });
      } catch (err) {
        const message = (err as Error).message;
        const attempts = Math.max(...o.kept.map((k) => k.attempts)) + 1;
        if ((err instanceof MailError && err.permanent) || attempts >= MAX_SEND_ATTEMPTS) {
          await notificationRepository.fail(o.sendId, message);
          outcome.failed = message;
        } else {
          await notificationRepository.release(o.sendId, message);
          outcome.retryInMs = retryDelayMs(attempts);
        }
      }
    }),
  );
  if (deps.config.MAIL_TEST_PAUSE_AFTER_SEND_MS > 0 && accepted.length > 0)
    await sleep(deps.config.MAIL_TEST_PAUSE_AFTER_SEND_MS);
  await notificationRepository.markSentMany(accepted, new Date());
  for (const a of accepted) outcomes.get(a.o.batchKey)!.sent = a.o.kept.length;
  return [...outcomes.values()];
}

export const handleDeliver: JobHandler<'notify.deliver'> = async (payload, ctx) => {
  const { asOf } = payload;
  const now = asOf && ctx.deps.config.ALLOW_TIME_TRAVEL ? new Date(asOf) : ctx.deps.clock.now();
  const outcomes = await deliverBatches(ctx.deps, batchKeysOf(payload), now);
  // Batches to try again get a delivery of their own, after their wait.
  const retries = outcomes.filter((o) => o.retryInMs !== undefined);
  if (retries.length) {
    await ctx.deps.queues.enqueueMany(
      'notify.deliver',
      retries.map((o) => ({
        payload: { batchKey: o.batchKey, asOf },
        opts: {
          jobId: jobId('deliver', Buffer.from(o.batchKey).toString('base64url'), `t${randomUUID()}`),
          delayMs: o.retryInMs,
        },
      })),
    );
  }
  return {
    batches: outcomes.length,
    sent: outcomes.reduce((n, o) => n + o.sent, 0),
    cancelled: outcomes.reduce((n, o) => n + o.cancelled, 0),
    retried: retries.length,
    failed: outcomes.filter((o) => o.failed).length,
  };
};

/** Re-queues batches whose delivery job was lost and settles sends interrupted by a crash. */
export const handleFlush: JobHandler<'notify.flush'> = async (_payload, ctx) => {
  const now = ctx.deps.clock.now();
  const interrupted = await notificationRepository.markStaleSending(
    new Date(now.getTime() - ctx.deps.config.NOTIFY_SEND_LEASE_MS),
  );
  const stale = await notificationRepository.staleBatchKeys(new Date(now.getTime() - 60_000), now);
  const minute = Math.floor(now.getTime() / 60_000);
  await enqueueDeliveries(
    ctx.deps,
    stale.map((batchKey) => ({ batchKey, token: `f${minute}` })),
  );
  return { interrupted, requeued: stale.length };
};
