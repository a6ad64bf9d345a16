import type { CandidateHooks } from './candidates/service.js';
import type { Deps } from './deps.js';
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
    candidates: { afterCommit },
    vacancies: { afterCommit },
  };
}
