import { config } from '../config/index.js';
import { createDeps } from '../server/deps.js';
import { baseSchedules, upsertSchedules } from '../server/jobs/schedules.js';
import { ensureSearchIndexesSoft } from '../server/search/sync.js';
import { assertComplete } from './registry.js';
import { startWorkers } from './runtime.js';

/** The worker process: queue consumers plus the outbox relay. SIGTERM drains active jobs, then exits. */
async function main(): Promise<void> {
  assertComplete();
  const deps = await createDeps(config, 'worker');
  await ensureSearchIndexesSoft(deps.search, deps.log);
  await upsertSchedules(deps.queues, baseSchedules());
  const pool = startWorkers(deps, { concurrency: config.WORKER_CONCURRENCY });
  const stopRelay = deps.outbox.startRelay(1000);
  deps.log.info({ queues: pool.workers.map((w) => w.name), prefix: config.QUEUE_PREFIX }, 'worker started');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.log.info({ signal }, 'worker draining');
    const force = setTimeout(() => {
      deps.log.warn('jobs still active after 30 s; exiting (they will be retried as stalled)');
      process.exit(1);
    }, 30_000);
    force.unref();
    await stopRelay();
    await pool.close();
    await deps.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Worker failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
