import { z } from 'zod';
import { defineJob } from '../jobs/define.js';

/** Job definitions of the notifications capability. */
export const notificationJobs = {
  /** Daily at 07:00 in each facility time zone: plan the release milestones of the day. */
  'alerts.sweep': defineJob({
    queue: 'alerts',
    payload: z.object({ timezone: z.string().optional(), asOf: z.string().optional() }),
    attempts: 5,
    backoffMs: 30_000,
  }),
  /** Send every planned entry of one recipient batch (one email per recipient and kind). */
  'notify.deliver': defineJob({
    queue: 'mail',
    // asOf (outside production only): treat this instant as now when deciding what is due.
    payload: z.object({ batchKey: z.string(), asOf: z.string().optional() }),
    attempts: 10,
    backoffMs: 5_000,
  }),
  /** Safety net: re-queue batches whose delivery job was lost, and settle interrupted sends. */
  'notify.flush': defineJob({ queue: 'mail', payload: z.object({}), attempts: 3 }),
};
