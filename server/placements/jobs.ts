import { z } from 'zod';
import { defineJob } from '../jobs/define.js';

/** Job definitions of the placements capability. */
export const placementJobs = {
  /** After a hire: plan the 30/90/180-day retention check-ins (officer reminder, and the person). */
  'placements.scheduleCheckins': defineJob({
    queue: 'placements',
    payload: z.object({ placementId: z.string() }),
  }),
};
