import { z } from 'zod';
import { defineJob } from '../jobs/define.js';

export const accountJobs = {
  /** Email an invitation or password-reset link (the secret is made at send time). */
  'accounts.sendToken': defineJob({
    queue: 'mail',
    payload: z.object({ tokenId: z.string() }),
    attempts: 8,
    backoffMs: 5_000,
  }),
};
