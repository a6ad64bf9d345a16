import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { UnrecoverableError } from 'bullmq';
import type { Config } from '../../config/index.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { availableFrom, isVisibleToEmployers } from '../candidates/projection.js';
import { candidateRepository } from '../candidates/repository.js';
import type { CandidateRecord } from '../candidates/types.js';
import type { Deps } from '../deps.js';
import { employerRepository } from '../employers/repository.js';
import { MailError, type Mailer } from '../infra/mail.js';
import type { JobHandler } from '../jobs/handler.js';
import { explain, violations } from '../matching/rules.js';
import { matchVacanciesForCandidate } from '../matching/service.js';
import { isoDay } from '../shared/schemas.js';
import { getSkill } from '../skills/service.js';
import { userRepository } from '../users/repository.js';
import { vacancyRepository } from '../vacancies/repository.js';
import { currentReleaseDay, MILESTONES, milestoneApplies } from './milestones.js';
import { type NotificationKind, type NotificationRecord, notificationRepository } from './repository.js';
import { enqueueDeliveries } from './sweep.js';
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

/** Whether the recipient opted out of this kind (preferences or an unsubscribe link). */
async function optedOut(n: NotificationRecord): Promise<boolean> {
  if (n.recipientType === 'user') {
    const [u] = await userRepository.findByIds([n.recipientId]);
    return !u || u.status !== 'active' || u.notificationPreferences[n.kind] === false;
  }
  if (n.recipientType === 'employer') {
    const e = await employerRepository.findById(n.recipientId);
    return !e || (e.emailOptOut ?? []).includes(n.kind);
  }
  const c = await candidateRepository.findById(n.recipientId);
  return !c || (c.emailOptOut ?? []).includes(n.kind);
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
): Promise<{ mail: RenderedMail; kept: NotificationRecord[]; cancelled: [string, string][] }> {
  const cancelled: [string, string][] = [];
  const clients: DigestClient[] = [];
  const kept: NotificationRecord[] = [];
  const officer = (await userRepository.findByIds([entries[0]!.recipientId]))[0];
  for (const n of entries) {
    const c = await candidateRepository.findById(n.candidateId);
    const problem = checkCandidate(n, c);
    if (problem || !c) {
      cancelled.push([n.id, problem ?? 'tidak ada']);
      continue;
    }
    if (!officer || officer.facilityId !== c.bapasId) {
      cancelled.push([n.id, 'bukan lagi klien petugas ini (no longer this officer’s client)']);
      continue;
    }
    const { items } = await matchVacanciesForCandidate(deps.search, SYSTEM_ACTOR, c.id, 3, now);
    const programmes = new Map<string, { id: string; en: string }>();
    for (const item of items)
      for (const ms of item.missingSkills) for (const p of ms.programmes) programmes.set(p.code, p.name);
    clients.push({
      name: c.fullName,
      registrationNumber: c.registrationNumber,
      releaseDay: n.refDate,
      milestone: n.milestone,
      profileUrl: appUrl(deps.config, `/app/clients/${c.id}`),
      matches: items.map((i) => ({
        title: i.vacancy.title,
        employer: i.vacancy.employer?.name ?? '',
        regency: i.vacancy.location.regency,
        score: i.score,
        reason: i.reasons[0] ?? '',
        reasonEn: i.reasonsEn[0] ?? '',
      })),
      programmes: [...programmes.values()].slice(0, 4),
    });
    kept.push(n);
  }
  const mail = renderOfficerDigest({
    officerName: officer?.name ?? 'Petugas',
    clients,
    appUrl: appUrl(deps.config, '/app'),
    unsubscribeUrl: kept[0] ? unsubscribeUrl(deps.config, kept[0]) : '',
  });
  return { mail, kept, cancelled };
}

async function composeEmployerNote(deps: DeliverDeps, entries: NotificationRecord[], now: Date) {
  const cancelled: [string, string][] = [];
  const items: EmployerNoteItem[] = [];
  const kept: NotificationRecord[] = [];
  const employer = await employerRepository.findById(entries[0]!.recipientId);
  for (const n of entries) {
    const c = await candidateRepository.findById(n.candidateId);
    const problem =
      checkCandidate(n, c) ??
      (c && !isVisibleToEmployers(c, now) ? 'persetujuan berbagi ditarik (consent withdrawn)' : null);
    if (problem || !c) {
      cancelled.push([n.id, problem ?? 'tidak ada']);
      continue;
    }
    // Only vacancies that are still open and still match, by every hard rule.
    const vacancies = (await vacancyRepository.findByIds(n.vacancyIds ?? [])).filter(
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

async function composeCandidateAlert(deps: DeliverDeps, entries: NotificationRecord[], now: Date) {
  const cancelled: [string, string][] = [];
  // One email per milestone for the person: the latest entry wins, earlier ones ride along.
  const n = entries[entries.length - 1]!;
  const c = await candidateRepository.findById(n.candidateId);
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
  const { items } = await matchVacanciesForCandidate(deps.search, SYSTEM_ACTOR, c.id, 5, now);
  const officer = c.officerId ? (await userRepository.findByIds([c.officerId]))[0] : undefined;
  const mail = renderCandidateAlert({
    name: c.fullName,
    milestone: n.milestone,
    vacancies: items.map((i) => ({
      title: i.vacancy.title,
      employer: i.vacancy.employer?.name ?? '',
      regency: i.vacancy.location.regency,
      startDay: i.vacancy.startDate,
      wage: i.vacancy.wage,
      reason: i.reasons[0] ?? '',
      reasonEn: i.reasonsEn[0] ?? '',
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

/**
 * Delivers one recipient batch exactly once per ledger key: re-check every entry, compose, claim the
 * entries atomically, send, record. A send interrupted by a crash is never repeated automatically
 * (see markStaleSending); a temporary SMTP error returns the entries to `planned` and retries with
 * backoff; a permanent (5xx) error marks them failed without retry.
 */
export async function deliverBatch(
  deps: DeliverDeps,
  batchKey: string,
  now: Date,
): Promise<{ sent: number; cancelled: number }> {
  await notificationRepository.markStaleSending(
    new Date(now.getTime() - deps.config.NOTIFY_SEND_LEASE_MS),
    batchKey,
  );
  const planned = await notificationRepository.plannedInBatch(batchKey, now);
  if (planned.length === 0) {
    // Another worker may be mid-send for this batch: nothing to do here.
    return { sent: 0, cancelled: 0 };
  }
  const kind = planned[0]!.kind;
  if (await optedOut(planned[0]!)) {
    await notificationRepository.cancel(
      planned.map((p) => p.id),
      'penerima berhenti berlangganan (recipient unsubscribed)',
    );
    return { sent: 0, cancelled: planned.length };
  }
  const composer = composers.get(kind);
  if (!composer) throw new UnrecoverableError(`no composer for ${kind}`);
  const composed = await composer(deps, planned, now);
  for (const [id, reason] of composed.cancelled) await notificationRepository.cancel([id], reason);
  if (!composed.mail || composed.kept.length === 0) return { sent: 0, cancelled: composed.cancelled.length };

  const sendId = randomUUID();
  const claimed = await notificationRepository.claim(
    composed.kept.map((k) => k.id),
    sendId,
    `${os.hostname()}:${process.pid}`,
    new Date(),
  );
  if (claimed.length === 0) return { sent: 0, cancelled: composed.cancelled.length };
  if (claimed.length !== composed.kept.length) {
    // Someone else claimed part of the batch meanwhile; give ours back and let the retry recompose.
    await notificationRepository.release(sendId, 'batch changed during compose');
    throw new Error('batch changed during compose; retrying');
  }
  let messageId: string;
  try {
    const res = await deps.mailer.send({
      to: composed.to ?? claimed[0]!.email,
      subject: composed.mail.subject,
      text: composed.mail.text,
      html: composed.mail.html,
      messageId: `<${sendId}@bekalkerja>`,
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl(deps.config, claimed[0]!)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Bekal-Kind': kind,
        'X-Bekal-Keys': claimed.map((c) => c.key).join(', '),
      },
    });
    messageId = res.messageId;
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof MailError && err.permanent) {
      await notificationRepository.fail(sendId, message);
      throw new UnrecoverableError(`permanent SMTP failure: ${message}`);
    }
    await notificationRepository.release(sendId, message);
    throw err;
  }
  if (deps.config.MAIL_TEST_PAUSE_AFTER_SEND_MS > 0) await sleep(deps.config.MAIL_TEST_PAUSE_AFTER_SEND_MS);
  const sent = await notificationRepository.markSent(sendId, messageId, new Date());
  // Entries planned while this batch was being sent get their own delivery.
  const [next] = await notificationRepository.plannedInBatch(batchKey, now, 1);
  if (next) await enqueueDeliveries(deps, [{ batchKey, token: `n${next.id}` }]);
  return { sent, cancelled: composed.cancelled.length };
}

export const handleDeliver: JobHandler<'notify.deliver'> = async ({ batchKey, asOf }, ctx) => {
  const now = asOf && ctx.deps.config.ALLOW_TIME_TRAVEL ? new Date(asOf) : ctx.deps.clock.now();
  return deliverBatch(ctx.deps, batchKey, now);
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
