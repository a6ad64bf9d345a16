/** Command-line flags of `npm run bench:search`. */

export interface BenchArgs extends CommonBenchFlags {
  candidates: number;
  vacancies: number;
  employers: number;
  /** Profiles in the import comparison (ours and raw index the same documents). */
  sample: number;
  searchRequests: number;
  matchVacancies: number;
}

export const DEFAULTS = {
  candidates: 300_000,
  vacancies: 30_000,
  employers: 400,
  sample: 50_000,
  searchRequests: 300,
  matchVacancies: 100,
} as const;

export const USAGE = `usage: npm run bench:search -- [options]
  --candidates N     profiles to generate (default ${DEFAULTS.candidates})
  --vacancies M      vacancies to generate (default ${DEFAULTS.vacancies})
  --employers E      employers (default ${DEFAULTS.employers})
  --sample S         profiles in the import comparison (default ${DEFAULTS.sample}, at most N)
  --requests R       search requests in the mix (default ${DEFAULTS.searchRequests})
  --matches V        vacancies in the matching comparison (default ${DEFAULTS.matchVacancies})
  --keep             keep the benchmark database, indexes and queue keys
  --reuse            skip generation when a kept data set of the same size exists
  --record           write docs/benchmarks.md even for a partial or scaled-down run
  --no-record        never write docs/benchmarks.md
  --verbose          show the app's and workers' logs`;

/** The switches every benchmark takes. */
export interface CommonBenchFlags {
  keep: boolean;
  reuse: boolean;
  /** Write the results into docs/benchmarks.md (default: only for a complete full-size run). */
  record: boolean | undefined;
  verbose: boolean;
}

/**
 * Parses a benchmark's command line: `numeric` maps each flag that takes a positive whole number to
 * its field; the common switches are handled here. Throws with `usage` on anything unknown.
 */
export function parseBenchFlags<T extends CommonBenchFlags>(
  argv: string[],
  defaults: Omit<T, keyof CommonBenchFlags>,
  numeric: Record<string, keyof Omit<T, keyof CommonBenchFlags>>,
  usage: string,
): { args: T; given: Set<string> } {
  const args = { ...defaults, keep: false, reuse: false, record: undefined, verbose: false } as T;
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const field = numeric[a];
    if (field !== undefined) {
      const raw = argv[++i];
      const n = Number(raw?.replace(/_/g, ''));
      if (!raw || !Number.isInteger(n) || n < 1)
        throw new Error(`${a} needs a positive whole number\n${usage}`);
      (args as Record<keyof T, unknown>)[field] = n;
      given.add(a);
      continue;
    }
    switch (a) {
      case '--keep':
        args.keep = true;
        break;
      case '--reuse':
        args.reuse = true;
        break;
      case '--record':
        args.record = true;
        break;
      case '--no-record':
        args.record = false;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--help':
      case '-h':
        throw new Error(usage);
      default:
        throw new Error(`unknown option ${a}\n${usage}`);
    }
  }
  return { args, given };
}

/** Parses the flags; throws with the usage text on anything unknown. */
export function parseArgs(argv: string[]): BenchArgs {
  const { args, given } = parseBenchFlags<BenchArgs>(
    argv,
    DEFAULTS,
    {
      '--candidates': 'candidates',
      '--vacancies': 'vacancies',
      '--employers': 'employers',
      '--sample': 'sample',
      '--requests': 'searchRequests',
      '--matches': 'matchVacancies',
    },
    USAGE,
  );
  if (!given.has('--sample') || args.sample > args.candidates)
    args.sample = Math.min(args.sample, args.candidates);
  return args;
}
