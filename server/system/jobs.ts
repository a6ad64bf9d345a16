import { z } from 'zod';
import { defineJob } from '../jobs/define.js';

/** Job definitions of the system capability. */
export const systemJobs = {
  /** End-to-end check of the pipeline API → outbox → queue → worker → database. */
  'system.ping': defineJob({ queue: 'system', payload: z.object({ pingId: z.string() }), attempts: 3 }),
};
