/**
 * Email throughput, ours against raw, to the same sink in the same run.
 *
 * Ours: the delivery jobs the release sweep queued, processed by real BullMQ workers in this process
 * (startWorkers) through deliverBatches — read, re-check, compose, claim, send, record — timed from starting
 * the workers (every job already waiting) until the sink holds every message. Later rounds put the
 * ledger back to `planned` and queue the same batches again, so each round does the same work.
 *
 * Raw: the pooled SMTP transport of server/infra/mail.ts (the project's one nodemailer module, same
 * pool size and options) sending the very messages ours delivered, pre-rendered, straight to the sink.
 */
import type { Config } from '../../../config/index.js';
import type { Deps } from '../../../server/deps.js';
import { createMailer, type OutgoingMail } from '../../../server/infra/mail.js';
import { NotificationModel } from '../../../server/notifications/model.js';
import { enqueueDeliveries } from '../../../server/notifications/sweep.js';
import { startWorkers } from '../../../workers/runtime.js';
import { sleep } from '../../stack/net.js';
import { type CpuSnapshot, cpuSince, cpuSnapshot, nowMs } from '../stats.js';
import type { Sink, SinkMessage } from './sink.js';

export interface RoundResult {
  side: 'ours' | 'raw';
  round: number;
  /** Position of the round in the run (rounds of both sides alternate). */
  order: number;
  messages: number;
  ms: number;
  perSecond: number;
  /** One-minute load average when the round ended. */
  load: number;
  cpu: CpuSnapshot;
}

export interface OursRound extends RoundResult {
  jobs: number;
  failedJobs: number;
  /** Ledger entries by status after the round. */
  ledger: Record<string, number>;
  /** Ledger keys found in the sink's messages, and how many of them arrived more than once. */
  keys: number;
  duplicateKeys: number;
}

const ACTIVE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

async function ledgerByStatus(): Promise<Record<string, number>> {
  const rows = await NotificationModel.aggregate<{ _id: string; n: number }>([
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

/** Header values as the sink stores them may be folded over several lines. */
const unfold = (v: string | undefined) => (v ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();

/** The ledger keys one received message carries (X-Bekal-Keys). */
export function keysOf(m: SinkMessage): string[] {
  return unfold(m.headers['x-bekal-keys'])
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every key delivered, and how many were delivered more than once. */
export function countKeys(messages: readonly SinkMessage[]): { keys: number; duplicateKeys: number } {
  const seen = new Map<string, number>();
  for (const m of messages) for (const k of keysOf(m)) seen.set(k, (seen.get(k) ?? 0) + 1);
  return { keys: seen.size, duplicateKeys: [...seen.values()].filter((n) => n > 1).length };
}

/** Puts every ledger entry back to `planned` and queues one delivery per batch again (round > 1). */
async function replan(deps: Deps, round: number): Promise<void> {
  await NotificationModel.updateMany(
    {},
    {
      $set: { status: 'planned', attempts: 0 },
      $unset: {
        sendId: 1,
        claimedAt: 1,
        claimedBy: 1,
        sentAt: 1,
        messageId: 1,
        lastError: 1,
        cancelledReason: 1,
      },
    },
  );
  const batches = (await NotificationModel.distinct('batchKey', { status: 'planned' })) as string[];
  await enqueueDeliveries(
    deps,
    batches.map((batchKey) => ({ batchKey, token: `bench${round}` })),
  );
}

/**
 * One round of ours: starts the workers with every delivery job already waiting and waits until the
 * mail queue is idle; the time runs until the sink's count last rose.
 */
export async function oursRound(
  deps: Deps,
  sink: Sink,
  round: number,
  concurrency: number,
  timeoutMs: number,
): Promise<{ result: OursRound; messages: SinkMessage[] }> {
  const mail = deps.queues.queue('mail');
  if (round > 1) await replan(deps, round);
  await sink.clear();
  const jobs = (await mail.getJobCounts('waiting')).waiting ?? 0;
  const failedBefore = (await mail.getJobCounts('failed')).failed ?? 0;
  const cpu = cpuSnapshot();
  const t0 = nowMs();
  const pool = startWorkers(deps, { concurrency });
  let count = 0;
  let lastRise = t0;
  let lastQueueCheck = 0;
  try {
    for (;;) {
      const c = await sink.count();
      if (c > count) {
        count = c;
        lastRise = nowMs();
      }
      if (nowMs() - lastQueueCheck > 250) {
        lastQueueCheck = nowMs();
        const counts = await mail.getJobCounts(...ACTIVE_STATES);
        const busy = ACTIVE_STATES.reduce((s, k) => s + (counts[k] ?? 0), 0);
        if (busy === 0) {
          // Sends are acknowledged only after the sink stored them: the count is final now.
          const final = await sink.count();
          if (final > count) {
            count = final;
            lastRise = nowMs();
          }
          break;
        }
      }
      if (nowMs() - t0 > timeoutMs)
        throw new Error(`delivery round ${round} still busy after ${timeoutMs} ms`);
      await sleep(20);
    }
  } finally {
    await pool.close();
  }
  const ms = lastRise - t0;
  const used = cpuSince(cpu);
  const failedJobs = ((await mail.getJobCounts('failed')).failed ?? 0) - failedBefore;
  const messages = await sink.messages(count + 10);
  const { keys, duplicateKeys } = countKeys(messages);
  return {
    result: {
      side: 'ours',
      round,
      order: 0,
      messages: count,
      ms,
      perSecond: (count / ms) * 1000,
      load: 0,
      cpu: used,
      jobs,
      failedJobs,
      ledger: await ledgerByStatus(),
      keys,
      duplicateKeys,
    },
    messages,
  };
}

/** The messages ours delivered, as pre-rendered mails for the raw side (same recipients, same bodies). */
export function prerender(messages: readonly SinkMessage[]): OutgoingMail[] {
  return messages.map((m, i) => {
    const headers: Record<string, string> = {};
    for (const [k, name] of [
      ['list-unsubscribe', 'List-Unsubscribe'],
      ['list-unsubscribe-post', 'List-Unsubscribe-Post'],
      ['x-bekal-kind', 'X-Bekal-Kind'],
      ['x-bekal-keys', 'X-Bekal-Keys'],
    ] as const) {
      const v = unfold(m.headers[k]);
      if (v) headers[name] = v;
    }
    return {
      to: m.envelopeTo[0] ?? m.to[0] ?? 'nobody@bench.bekalkerja.local',
      subject: m.subject,
      text: m.text,
      html: m.html,
      // Replaced per round: every send gets a Message-ID of its own.
      messageId: `<raw-${i}@bench.bekalkerja.local>`,
      headers,
    };
  });
}

/** Average size of a message's subject, text and HTML in bytes (UTF-8). */
export function averageSize(mails: readonly OutgoingMail[]): number {
  if (mails.length === 0) return 0;
  const total = mails.reduce(
    (s, m) => s + Buffer.byteLength(m.subject) + Buffer.byteLength(m.text) + Buffer.byteLength(m.html ?? ''),
    0,
  );
  return total / mails.length;
}

/** One round of raw: every pre-rendered message handed to a fresh pooled transport at once. */
export async function rawRound(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_POOL_SIZE' | 'MAIL_FROM'>,
  sink: Sink,
  round: number,
  mails: readonly OutgoingMail[],
  timeoutMs: number,
): Promise<RoundResult> {
  await sink.clear();
  const mailer = createMailer(config);
  const cpu = cpuSnapshot();
  const t0 = nowMs();
  try {
    await Promise.all(
      mails.map((m, i) => mailer.send({ ...m, messageId: `<raw-r${round}-${i}@bench.bekalkerja.local>` })),
    );
    while ((await sink.count()) < mails.length) {
      if (nowMs() - t0 > timeoutMs) throw new Error(`raw round ${round} incomplete after ${timeoutMs} ms`);
      await sleep(10);
    }
  } finally {
    mailer.close();
  }
  const ms = nowMs() - t0;
  return {
    side: 'raw',
    round,
    order: 0,
    messages: mails.length,
    ms,
    perSecond: (mails.length / ms) * 1000,
    load: 0,
    cpu: cpuSince(cpu),
  };
}
