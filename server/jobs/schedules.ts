import type { QueueBus } from '../infra/queue.js';
import { INDONESIAN_TIMEZONES } from '../shared/schemas.js';
import { JOB_CATALOG, type JobName, type JobPayload } from './catalog.js';

/** A repeating job: every N ms, or a cron pattern in a time zone. */
export interface Schedule<N extends JobName = JobName> {
  id: string;
  job: N;
  data: JobPayload<N>;
  every?: number;
  pattern?: string;
  tz?: string;
}

function schedule<N extends JobName>(s: Schedule<N>): Schedule {
  return s as unknown as Schedule;
}

/** The periodic work of the system. The worker upserts these at start (idempotent across workers). */
export function baseSchedules(): Schedule[] {
  return [
    schedule({ id: 'search-reconcile-quick', job: 'search.reconcile', data: { full: false }, every: 60_000 }),
    schedule({
      id: 'search-reconcile-full',
      job: 'search.reconcile',
      data: { full: true },
      every: 6 * 3600_000,
    }),
    // The release sweep at 07:00 in each of Indonesia's zones (WIB, WITA, WIT); each covers its facilities.
    ...INDONESIAN_TIMEZONES.map((tz) =>
      schedule({
        id: `alerts-sweep-${tz}`,
        job: 'alerts.sweep',
        data: { timezone: tz },
        pattern: '0 7 * * *',
        tz,
      }),
    ),
    schedule({ id: 'notify-flush', job: 'notify.flush', data: {}, every: 120_000 }),
  ];
}

/** Creates or updates each schedule on its job's queue. */
export async function upsertSchedules(bus: QueueBus, schedules: Schedule[]): Promise<void> {
  for (const s of schedules) {
    const queue = bus.queue(JOB_CATALOG[s.job].queue);
    await queue.upsertJobScheduler(
      s.id,
      s.pattern ? { pattern: s.pattern, tz: s.tz } : { every: s.every ?? 60_000 },
      { name: s.job, data: s.data, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } } },
    );
  }
}
