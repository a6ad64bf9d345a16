import type { z } from 'zod';

/** The BullMQ queues. Each groups jobs with similar latency and failure behaviour. */
export const QUEUE_NAMES = ['system', 'search', 'mail', 'alerts', 'placements'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** What a job is: its queue, the shape of its data (ids only, never documents or secrets), retries. */
export interface JobDef<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  payload: S;
  /** Attempts before the job is kept as failed. Default 8. */
  attempts?: number;
  /** First backoff delay; doubles per attempt. Default 2000 ms. */
  backoffMs?: number;
}

export function defineJob<S extends z.ZodType>(def: JobDef<S>): JobDef<S> {
  return def;
}
