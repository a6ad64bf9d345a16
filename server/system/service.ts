import os from 'node:os';
import type { Actor } from '../auth/actor.js';
import { errors } from '../http/errors.js';
import { withTransaction } from '../infra/mongo.js';
import { jobId } from '../infra/queue.js';
import type { JobHandler } from '../jobs/handler.js';
import { type Outbox, outboxJob, recordJobs } from '../outbox/service.js';
import { type PingRecord, pingRepository } from './repository.js';

export interface PingView {
  id: string;
  status: 'queued' | 'handled';
  requestedAt: string;
  handledAt?: string;
  handledBy?: string;
}

function present(p: PingRecord): PingView {
  return {
    id: p.id,
    status: p.handledAt ? 'handled' : 'queued',
    requestedAt: p.requestedAt.toISOString(),
    handledAt: p.handledAt?.toISOString(),
    handledBy: p.handledBy,
  };
}

/** Records a diagnostic ping and its job in one transaction, then hands the job to the queue. */
export async function requestPing(deps: { outbox: Outbox }, actor: Actor, now: Date): Promise<PingView> {
  const { ping, outboxIds } = await withTransaction(async (session) => {
    const ping = await pingRepository.create(actor.userId, now, session);
    const outboxIds = await recordJobs(
      [outboxJob('system.ping', { pingId: ping.id }, jobId('ping', ping.id))],
      session,
    );
    return { ping, outboxIds };
  });
  await deps.outbox.dispatch(outboxIds);
  return present(ping);
}

export async function getPing(id: string): Promise<PingView> {
  const ping = await pingRepository.findById(id);
  if (!ping) throw errors.notFound('Ping');
  return present(ping);
}

/** Worker side: marks the ping handled by this process. Running twice changes nothing but a counter. */
export const handlePing: JobHandler<'system.ping'> = async ({ pingId }, ctx) => {
  const ping = await pingRepository.findById(pingId);
  if (!ping) {
    ctx.log.info({ pingId }, 'ping gone; nothing to do');
    return { skipped: true };
  }
  const first = await pingRepository.markHandled(pingId, `${os.hostname()}:${process.pid}`, new Date());
  return { first };
};
