import { syncDirty } from '../../server/search/sync.js';
import { testDeps } from '../support/context.js';

/**
 * Removes the jobs enqueued since `since` that are still waiting. The API enqueues a search-sync job
 * on every write; no worker runs in these suites, so without this the next suite that starts one
 * inherits hundreds of jobs (and its timing assertions fail). Outbox entries are already marked
 * dispatched, so nothing re-sends them.
 */
export async function dropQueuedJobsSince(since: number): Promise<number> {
  const deps = await testDeps();
  let removed = 0;
  for (const queue of deps.queues.all()) {
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1);
    for (const job of jobs) {
      if (job.timestamp < since) continue;
      await job.remove().then(
        () => removed++,
        () => undefined,
      );
    }
  }
  return removed;
}

/**
 * Inside a `describe`: once the suite has finished, do now what a worker would have done with its
 * writes — index every record still marked dirty, in one batch per index — and drop the suite's
 * queued jobs, so a later suite that starts a worker does not pay for this one's backlog.
 */
export function settleAfterSuite(): void {
  let since = Date.now();
  before(() => {
    since = Date.now();
  });
  after(async function () {
    this.timeout(90_000);
    const deps = await testDeps();
    const now = deps.clock.now();
    // A courtesy to later suites, not an assertion: on a busy search engine it is cut short and the
    // indexing finishes in the background.
    const indexing = (async () => {
      await syncDirty(deps.search, 'candidates', now);
      await syncDirty(deps.search, 'vacancies', now);
    })().catch(() => undefined);
    await Promise.race([indexing, new Promise((resolve) => setTimeout(resolve, 45_000).unref())]);
    await dropQueuedJobsSince(since);
  });
}

/** Inside a `describe`: drop the jobs this suite enqueued once it has finished (other suites use this). */
export function dropQueuedJobsAfterSuite(): void {
  let since = Date.now();
  before(() => {
    since = Date.now();
  });
  after(async function () {
    this.timeout(30_000);
    await dropQueuedJobsSince(since);
  });
}

/**
 * Before a suite that times its own worker: index what earlier suites left dirty and drop every job
 * still waiting, so the suite's worker starts on an empty queue. Nothing is lost: the dirty markers
 * are what the dropped sync jobs would have read.
 */
export async function clearBacklog(): Promise<void> {
  const deps = await testDeps();
  const now = deps.clock.now();
  await syncDirty(deps.search, 'candidates', now);
  await syncDirty(deps.search, 'vacancies', now);
  await dropQueuedJobsSince(0);
}
