import { handleSendToken } from '../server/accounts/service.js';
import { JOB_CATALOG, type JobName } from '../server/jobs/catalog.js';
import type { HandlerTable, JobHandler } from '../server/jobs/handler.js';
import { handleDeliver, handleFlush } from '../server/notifications/deliver.js';
import { handleSweep } from '../server/notifications/sweep.js';
import { handleScheduleCheckins } from '../server/placements/checkins.js';
import {
  handleReconcile,
  handleSyncCandidate,
  handleSyncDirty,
  handleSyncVacancy,
} from '../server/search/sync.js';
import { handlePing } from '../server/system/service.js';

/** Every job name mapped to its handler. The type forces completeness; `assertComplete` checks at run time. */
export const HANDLERS: HandlerTable = {
  'system.ping': handlePing,
  'search.syncCandidate': handleSyncCandidate,
  'search.syncVacancy': handleSyncVacancy,
  'search.syncDirty': handleSyncDirty,
  'search.reconcile': handleReconcile,
  'alerts.sweep': handleSweep,
  'notify.deliver': handleDeliver,
  'notify.flush': handleFlush,
  'placements.scheduleCheckins': handleScheduleCheckins,
  'accounts.sendToken': handleSendToken,
};

/** Throws naming every catalog job without a handler (and every handler without a catalog entry). */
export function assertComplete(handlers: Partial<Record<string, unknown>> = HANDLERS): void {
  const missing = Object.keys(JOB_CATALOG).filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !Object.hasOwn(JOB_CATALOG, name));
  if (missing.length || unknown.length) {
    throw new Error(
      `Worker registry is incomplete. Missing handlers: ${missing.join(', ') || 'none'}. Handlers for unknown jobs: ${
        unknown.join(', ') || 'none'
      }. Add them to workers/registry.ts.`,
    );
  }
}

export function handlerFor<N extends JobName>(name: N): JobHandler<N> {
  return HANDLERS[name] as JobHandler<N>;
}
