import { z } from 'zod';
import { defineJob } from '../jobs/define.js';

/** Job definitions of the search capability (index sync and drift repair). */
export const searchJobs = {
  /** Bring one person's index document in line with MongoDB (upsert, or delete when not shareable). */
  'search.syncCandidate': defineJob({
    queue: 'search',
    payload: z.object({ candidateId: z.string() }),
    backoffMs: 1000,
  }),
  /** Bring one vacancy's index document in line with MongoDB. */
  'search.syncVacancy': defineJob({
    queue: 'search',
    payload: z.object({ vacancyId: z.string() }),
    backoffMs: 1000,
  }),
  /** Index every record marked dirty, in batches (bulk imports, outage recovery). */
  'search.syncDirty': defineJob({
    queue: 'search',
    payload: z.object({
      kind: z.enum(['candidates', 'vacancies']),
      olderThanMs: z.number().int().min(0).default(0),
    }),
    backoffMs: 5000,
  }),
  /** Periodic repair: close expired vacancies, sync stale markers; `full` also finds missing, stale and orphan documents. */
  'search.reconcile': defineJob({
    queue: 'search',
    payload: z.object({ full: z.boolean().default(false) }),
    attempts: 3,
  }),
};
