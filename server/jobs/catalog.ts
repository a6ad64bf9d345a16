import type { z } from 'zod';
import { accountJobs } from '../accounts/jobs.js';
import { notificationJobs } from '../notifications/jobs.js';
import { placementJobs } from '../placements/jobs.js';
import { searchJobs } from '../search/jobs.js';
import { systemJobs } from '../system/jobs.js';
import type { JobDef } from './define.js';

/**
 * Every job the system runs, by name. The API and the workers share this table: the API may only
 * enqueue names listed here, and the worker refuses to start unless each has a handler.
 */
export const JOB_CATALOG = {
  ...systemJobs,
  ...searchJobs,
  ...notificationJobs,
  ...placementJobs,
  ...accountJobs,
} as const satisfies Record<string, JobDef>;

export type JobName = keyof typeof JOB_CATALOG;
export type JobPayload<N extends JobName> = z.output<(typeof JOB_CATALOG)[N]['payload']>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CATALOG, name);
}
