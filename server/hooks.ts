import type { CandidateHooks } from './candidates/service.js';
import type { Deps } from './deps.js';
import { jobId } from './infra/queue.js';
import { outboxJob, recordJobs } from './outbox/service.js';
import { candidateSyncJobs, vacancySyncJobs } from './search/sync.js';
import type { VacancyWriteHooks } from './vacancies/service.js';

export interface WriteHooks {
  candidates: CandidateHooks;
  vacancies: VacancyWriteHooks;
}

/**
 * The side effects attached to record writes, shared by the API, imports and the seed so every entry
 * point triggers the same follow-up work. Jobs recorded in a write's transaction are dispatched to
 * the queue right after commit (the outbox relay retries whatever could not be dispatched).
 */
export function createWriteHooks(deps: Pick<Deps, 'outbox'>): WriteHooks {
  const afterCommit = async (ids: string[]) => {
    if (ids.length) await deps.outbox.dispatch(ids);
  };
  return {
    candidates: {
      // Every profile change (including consent withdrawal, placement and erasure) re-syncs the index.
      afterWrite: (c, _change, session) => candidateSyncJobs(c, session),
      // A bulk chunk is indexed by one batch job that sweeps every dirty profile.
      afterBulkWrite: (ids, session) =>
        recordJobs(
          [
            outboxJob(
              'search.syncDirty',
              { kind: 'candidates', olderThanMs: 0 },
              jobId('search-dirty', ids[0] ?? 'none', ids.length),
            ),
          ],
          session,
        ),
      afterCommit,
    },
    vacancies: {
      afterWrite: (v, session) => vacancySyncJobs(v, session),
      afterCommit,
    },
  };
}
