import { type Job, type Processor, UnrecoverableError, Worker } from 'bullmq';
import type { Deps } from '../server/deps.js';
import { createRedis } from '../server/infra/redis.js';
import { isJobName, JOB_CATALOG, type JobName } from '../server/jobs/catalog.js';
import { QUEUE_NAMES } from '../server/jobs/define.js';
import { HANDLERS } from './registry.js';

/** Runs one job: validates its data against the catalog and calls the registered handler. */
export async function runJob(
  deps: Deps,
  job: Pick<Job, 'name' | 'data' | 'id' | 'attemptsMade'>,
): Promise<unknown> {
  if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
  const name: JobName = job.name;
  const parsed = JOB_CATALOG[name].payload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${name}: ${parsed.error.message}`);
  const handler = HANDLERS[name] as (
    payload: unknown,
    ctx: Parameters<(typeof HANDLERS)[JobName]>[1],
  ) => Promise<unknown>;
  return handler(parsed.data, {
    jobId: String(job.id ?? ''),
    attempt: job.attemptsMade + 1,
    log: deps.log.child({ job: name, jobId: job.id }),
    deps,
  });
}

export interface WorkerPool {
  workers: Worker[];
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue on a dedicated blocking connection. */
export function startWorkers(deps: Deps, opts: { concurrency: number }): WorkerPool {
  const connection = createRedis(deps.config, 'worker', deps.log);
  const processor: Processor = (job) => runJob(deps, job);
  const workers = QUEUE_NAMES.map((queue) => {
    const w = new Worker(queue, processor, {
      connection,
      prefix: deps.config.QUEUE_PREFIX,
      concurrency: opts.concurrency,
      // Stalled jobs (a worker died mid-job) are picked up again; handlers are idempotent.
      stalledInterval: 15_000,
      maxStalledCount: 3,
    });
    w.on('failed', (job, err) => {
      deps.log.warn(
        { queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      );
    });
    w.on('error', (err) => deps.log.error({ queue, err: err.message }, 'worker error'));
    return w;
  });
  return {
    workers,
    async close() {
      // close() waits for active jobs to finish before resolving.
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
