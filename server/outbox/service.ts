import type { Logger } from '../infra/logger.js';
import type { DbSession } from '../infra/mongo.js';
import type { QueueBus } from '../infra/queue.js';
import type { JobName, JobPayload } from '../jobs/catalog.js';
import { outboxRepository } from './repository.js';

export interface OutboxJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  jobId: string;
  delayMs?: number;
}

/** Builds a typed outbox entry. */
export function outboxJob<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  jobId: string,
  delayMs?: number,
): OutboxJob<N> {
  return { name, payload, jobId, delayMs };
}

/** Records jobs inside the caller's transaction; they reach the queue after commit. */
export function recordJobs(jobs: OutboxJob[], session: DbSession): Promise<string[]> {
  return outboxRepository.insert(
    jobs.map((j) => ({ jobName: j.name, jobId: j.jobId, payload: j.payload, delayMs: j.delayMs })),
    session,
  );
}

export interface Outbox {
  /** Pushes the given (or all) pending entries to the queue now; failures stay pending for the relay. */
  dispatch(ids?: string[]): Promise<number>;
  /** Starts the periodic relay (worker process). Returns a stop function. */
  startRelay(intervalMs?: number): () => Promise<void>;
}

/** Rejects when `p` takes longer than `ms`; BullMQ waits indefinitely for a Redis that is down. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  p.catch(() => undefined);
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function createOutbox(
  bus: QueueBus,
  log: Logger,
  now: () => Date = () => new Date(),
  enqueueTimeoutMs = 2000,
): Outbox {
  let running: Promise<number> | null = null;

  async function dispatchOnce(ids?: string[]): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await outboxRepository.pending(200, ids);
      if (batch.length === 0) return sent;
      const done: string[] = [];
      for (const entry of batch) {
        try {
          await withTimeout(
            bus.enqueue(entry.jobName as JobName, entry.payload as never, {
              jobId: entry.jobId,
              delayMs: entry.delayMs,
            }),
            enqueueTimeoutMs,
          );
          done.push(entry.id);
        } catch (err) {
          // Redis is likely down: keep the rest pending and let the relay try again later.
          await outboxRepository.markDispatched(done, now());
          await outboxRepository.markFailed(entry.id, (err as Error).message).catch(() => undefined);
          throw err;
        }
      }
      await outboxRepository.markDispatched(done, now());
      sent += done.length;
      if (ids || batch.length < 200) return sent;
    }
  }

  return {
    async dispatch(ids) {
      try {
        return await dispatchOnce(ids);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'outbox dispatch deferred; the relay will retry');
        return 0;
      }
    },
    startRelay(intervalMs = 1000) {
      let stopped = false;
      const tick = async () => {
        if (stopped || running) return;
        running = this.dispatch();
        await running;
        running = null;
      };
      const timer = setInterval(() => void tick(), intervalMs);
      void tick();
      return async () => {
        stopped = true;
        clearInterval(timer);
        if (running) await running;
      };
    },
  };
}
