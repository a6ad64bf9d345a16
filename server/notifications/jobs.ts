import { z } from 'zod';
import { defineJob } from '../jobs/define.js';

/** Recipient batches one delivery job sends at most. */
export const DELIVERY_CHUNK = 25;

/** Job definitions of the notifications capability. */
export const notificationJobs = {
  /** Daily at 07:00 in each facility time zone: plan the release milestones of the day. */
  'alerts.sweep': defineJob({
    queue: 'alerts',
    payload: z.object({ timezone: z.string().optional(), asOf: z.string().optional() }),
    attempts: 5,
    backoffMs: 30_000,
  }),
  /**
   * Send every planned entry of some recipient batches (one email per recipient and kind): one batch
   * (`batchKey`), or up to DELIVERY_CHUNK of them read and recorded together (`batchKeys`).
   */
  'notify.deliver': defineJob({
    queue: 'mail',
    // asOf (outside production only): treat this instant as now when deciding what is due.
    payload: z
      .object({
        batchKey: z.string().optional(),
        batchKeys: z.array(z.string()).max(DELIVERY_CHUNK).optional(),
        asOf: z.string().optional(),
      })
      .refine((p) => p.batchKey !== undefined || (p.batchKeys?.length ?? 0) > 0, {
        message: 'batchKey or batchKeys is required',
      }),
    attempts: 10,
    backoffMs: 5_000,
  }),
  /** Safety net: re-queue batches whose delivery job was lost, and settle interrupted sends. */
  'notify.flush': defineJob({ queue: 'mail', payload: z.object({}), attempts: 3 }),
};
