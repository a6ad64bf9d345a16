/** Command-line flags of `npm run bench:alerts`. */

export interface AlertsArgs {
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
  keep: boolean;
  reuse: boolean;
  /** Write the results into docs/benchmarks.md (default: only for a full-size run). */
  record: boolean | undefined;
  verbose: boolean;
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

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw?.replace(/_/g, ''));
  if (!raw || !Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a positive whole number\n${ALERTS_USAGE}`);
  return n;
}

/** Parses the flags; throws with the usage text on anything unknown or inconsistent. */
export function parseAlertsArgs(argv: string[]): AlertsArgs {
  const out: AlertsArgs = {
    ...ALERTS_DEFAULTS,
    keep: false,
    reuse: false,
    record: undefined,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i];
    switch (a) {
      case '--profiles':
        out.profiles = positiveInt(a, value());
        break;
      case '--milestone-people':
        out.milestonePeople = positiveInt(a, value());
        break;
      case '--vacancies':
        out.vacancies = positiveInt(a, value());
        break;
      case '--employers':
        out.employers = positiveInt(a, value());
        break;
      case '--officers':
        out.officersPerBapas = positiveInt(a, value());
        break;
      case '--mail-concurrency':
        out.mailConcurrency = positiveInt(a, value());
        break;
      case '--rounds':
        out.rounds = positiveInt(a, value());
        break;
      case '--keep':
        out.keep = true;
        break;
      case '--reuse':
        out.reuse = true;
        break;
      case '--record':
        out.record = true;
        break;
      case '--no-record':
        out.record = false;
        break;
      case '--verbose':
        out.verbose = true;
        break;
      case '--help':
      case '-h':
        throw new Error(ALERTS_USAGE);
      default:
        throw new Error(`unknown option ${a}\n${ALERTS_USAGE}`);
    }
  }
  if (out.milestonePeople > out.profiles)
    throw new Error(`--milestone-people (${out.milestonePeople}) exceeds --profiles (${out.profiles})`);
  return out;
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
