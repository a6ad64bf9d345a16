import type { Deps } from '../deps.js';
import type { Logger } from '../infra/logger.js';
import type { JobName, JobPayload } from './catalog.js';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  log: Logger;
  deps: Deps;
}

/**
 * A job handler re-reads what it needs by id, skips work that is gone or already done, and is safe
 * to run twice. Throw UnrecoverableError (bullmq) for permanent failures.
 */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;

export type HandlerTable = { [N in JobName]: JobHandler<N> };
