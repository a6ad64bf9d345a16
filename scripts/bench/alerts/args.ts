/** Command-line flags of `npm run bench:alerts`. */
import { type CommonBenchFlags, parseBenchFlags } from '../args.js';

export interface AlertsArgs extends CommonBenchFlags {
  /** Profiles in the data set. */
  profiles: number;
  /** Of those, people whose release date puts them at a milestone on the sweep's day. */
  milestonePeople: number;
  vacancies: number;
  employers: number;
  officersPerBapas: number;
  /** BullMQ worker concurrency while delivering (the mail queue's). */
  mailConcurrency: number;
  /** Timed delivery rounds per side (ours and raw), in the order ours, raw, raw, ours, … */
  rounds: number;
}

export const ALERTS_DEFAULTS = {
  profiles: 300_000,
  milestonePeople: 10_000,
  vacancies: 4_000,
  employers: 400,
  officersPerBapas: 20,
  mailConcurrency: 16,
  rounds: 2,
} as const;

export const ALERTS_USAGE = `usage: npm run bench:alerts -- [options]
  --profiles N           profiles to generate (default ${ALERTS_DEFAULTS.profiles})
  --milestone-people M   of those, people at a milestone on the sweep's day (default ${ALERTS_DEFAULTS.milestonePeople})
  --vacancies V          vacancies to generate, about 90 % open (default ${ALERTS_DEFAULTS.vacancies})
  --employers E          employers (default ${ALERTS_DEFAULTS.employers})
  --officers K           officers per Bapas (default ${ALERTS_DEFAULTS.officersPerBapas})
  --mail-concurrency C   BullMQ worker concurrency while delivering (default ${ALERTS_DEFAULTS.mailConcurrency})
  --rounds R             timed delivery rounds per side (default ${ALERTS_DEFAULTS.rounds})
  --keep                 keep the benchmark database, indexes and queue keys
  --reuse                skip generation when a kept data set of the same size exists
  --record               write docs/benchmarks.md even for a scaled-down run
  --no-record            never write docs/benchmarks.md
  --verbose              show the app's and workers' logs`;

/** Parses the flags; throws with the usage text on anything unknown or inconsistent. */
export function parseAlertsArgs(argv: string[]): AlertsArgs {
  const { args } = parseBenchFlags<AlertsArgs>(
    argv,
    ALERTS_DEFAULTS,
    {
      '--profiles': 'profiles',
      '--milestone-people': 'milestonePeople',
      '--vacancies': 'vacancies',
      '--employers': 'employers',
      '--officers': 'officersPerBapas',
      '--mail-concurrency': 'mailConcurrency',
      '--rounds': 'rounds',
    },
    ALERTS_USAGE,
  );
  if (args.milestonePeople > args.profiles)
    throw new Error(`--milestone-people (${args.milestonePeople}) exceeds --profiles (${args.profiles})`);
  return args;
}

/** Whether the run has the documented full size (only those are recorded by default). */
export function isFullSize(a: AlertsArgs): boolean {
  return (
    a.profiles === ALERTS_DEFAULTS.profiles &&
    a.milestonePeople === ALERTS_DEFAULTS.milestonePeople &&
    a.vacancies === ALERTS_DEFAULTS.vacancies &&
    a.employers === ALERTS_DEFAULTS.employers &&
    a.officersPerBapas === ALERTS_DEFAULTS.officersPerBapas
  );
}
