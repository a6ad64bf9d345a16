import type { CandidateHooks } from './candidates/service.js';
import type { Deps } from './deps.js';
import type { EmployerHooks } from './employers/service.js';
import { jobId } from './infra/queue.js';
import { notificationRepository } from './notifications/repository.js';
import { presentNotification } from './notifications/service.js';
import { outboxJob, recordJobs } from './outbox/service.js';
import { candidateSyncJobs, vacancySyncJobs } from './search/sync.js';
import { vacancyRepository } from './vacancies/repository.js';
import type { VacancyWriteHooks } from './vacancies/service.js';

export interface WriteHooks {
  candidates: CandidateHooks;
  vacancies: VacancyWriteHooks;
  employers: EmployerHooks;
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
      afterWrite: async (c, change, session) => {
        // Erasure also cancels pending messages about the person and forgets their address there.
        if (change === 'erase') await notificationRepository.forgetCandidate(c.id, session);
        return candidateSyncJobs(c, session);
      },
      exportSections: async (candidateId) => ({
        notifications: (await notificationRepository.byCandidate(candidateId)).map(presentNotification),
      }),
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
      // A bulk chunk is indexed by one batch job that sweeps every dirty vacancy.
      afterBulkWrite: (ids, session) =>
        recordJobs(
          [
            outboxJob(
              'search.syncDirty',
              { kind: 'vacancies', olderThanMs: 0 },
              jobId('search-dirty-vac', ids[0] ?? 'none', ids.length),
            ),
          ],
          session,
        ),
      afterCommit,
    },
    employers: {
      // Vacancy documents show the employer's name and verification; re-index them in one sweep.
      afterWrite: async (e, session) => {
        if ((await vacancyRepository.markDirtyByEmployer(e.id, session)) === 0) return [];
        return recordJobs(
          [
            outboxJob(
              'search.syncDirty',
              { kind: 'vacancies', olderThanMs: 0 },
              jobId('search-dirty-employer', e.id, Date.now()),
            ),
          ],
          session,
        );
      },
      afterCommit,
    },
  };
}
