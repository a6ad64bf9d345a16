/** Command-line flags of `npm run bench:search`. */

export interface BenchArgs {
  candidates: number;
  vacancies: number;
  employers: number;
  /** Profiles in the import comparison (ours and raw index the same documents). */
  sample: number;
  searchRequests: number;
  matchVacancies: number;
  keep: boolean;
  reuse: boolean;
  /** Write the results into docs/benchmarks.md (default: only for a complete full-size run). */
  record: boolean | undefined;
  verbose: boolean;
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

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw?.replace(/_/g, ''));
  if (!raw || !Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a positive whole number\n${USAGE}`);
  return n;
}

/** Parses the flags; throws with the usage text on anything unknown. */
export function parseArgs(argv: string[]): BenchArgs {
  const out: BenchArgs = {
    ...DEFAULTS,
    keep: false,
    reuse: false,
    record: undefined,
    verbose: false,
  };
  let sampleGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i];
    switch (a) {
      case '--candidates':
        out.candidates = positiveInt(a, value());
        break;
      case '--vacancies':
        out.vacancies = positiveInt(a, value());
        break;
      case '--employers':
        out.employers = positiveInt(a, value());
        break;
      case '--sample':
        out.sample = positiveInt(a, value());
        sampleGiven = true;
        break;
      case '--requests':
        out.searchRequests = positiveInt(a, value());
        break;
      case '--matches':
        out.matchVacancies = positiveInt(a, value());
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
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  if (!sampleGiven || out.sample > out.candidates) out.sample = Math.min(out.sample, out.candidates);
  return out;
}
