import { type JobsOptions, Queue } from 'bullmq';
import type { Config } from '../../config/index.js';
import { JOB_CATALOG, type JobName, type JobPayload } from '../jobs/catalog.js';
import { QUEUE_NAMES, type QueueName } from '../jobs/define.js';
import type { Logger } from './logger.js';
import type { Redis } from './redis.js';

export interface EnqueueOptions {
  /** Deterministic id: BullMQ ignores a second add with the same id while the first is kept. */
  jobId: string;
  delayMs?: number;
}

/** The producer side of the queues, used by the API, the outbox relay and job handlers. */
export interface QueueBus {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions): Promise<void>;
  /** Many jobs of one kind in one round trip per chunk (a sweep queues thousands). */
  enqueueMany<N extends JobName>(
    name: N,
    jobs: readonly { payload: JobPayload<N>; opts: EnqueueOptions }[],
  ): Promise<void>;
  queue(name: QueueName): Queue;
  all(): Queue[];
  close(): Promise<void>;
}

/** Job options every job gets unless its definition says otherwise. */
export function jobOptions(name: JobName, opts: EnqueueOptions): JobsOptions {
  const def = JOB_CATALOG[name] as { attempts?: number; backoffMs?: number };
  return {
    jobId: opts.jobId,
    delay: opts.delayMs,
    attempts: def.attempts ?? 8,
    backoff: { type: 'exponential', delay: def.backoffMs ?? 2000 },
    // Completed jobs are trimmed; failed ones stay for inspection in the dashboard.
    removeOnComplete: { age: 24 * 3600, count: 5000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

const ENQUEUE_CHUNK = 500;

/** BullMQ forbids ':' in custom ids; ids are built from parts joined by '.'. */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/:/g, '_')).join('.');
}

export function createQueueBus(
  config: Pick<Config, 'QUEUE_PREFIX'>,
  connection: Redis,
  log?: Logger,
): QueueBus {
  const queues = new Map<QueueName, Queue>();
  let lastLogged = 0;
  for (const name of QUEUE_NAMES) {
    const queue = new Queue(name, { connection, prefix: config.QUEUE_PREFIX });
    // Connection errors are already reported by the Redis client; avoid one line per retry per queue.
    queue.on('error', (err: Error) => {
      if (Date.now() - lastLogged > 10_000) {
        lastLogged = Date.now();
        log?.warn({ queue: name, err: err.message }, 'queue error');
      }
    });
    queues.set(name, queue);
  }
  const get = (name: QueueName): Queue => {
    const q = queues.get(name);
    if (!q) throw new Error(`unknown queue ${name}`);
    return q;
  };
  return {
    async enqueue(name, payload, opts) {
      const def = JOB_CATALOG[name];
      const data = def.payload.parse(payload);
      await get(def.queue).add(name, data, jobOptions(name, opts));
    },
    async enqueueMany(name, jobs) {
      const def = JOB_CATALOG[name];
      for (let i = 0; i < jobs.length; i += ENQUEUE_CHUNK) {
        await get(def.queue).addBulk(
          jobs.slice(i, i + ENQUEUE_CHUNK).map((j) => ({
            name,
            data: def.payload.parse(j.payload),
            opts: jobOptions(name, j.opts),
          })),
        );
      }
    },
    queue: get,
    all: () => [...queues.values()],
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
