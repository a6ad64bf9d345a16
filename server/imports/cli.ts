// The command line shared by `npm run import:candidates` and `npm run import:vacancies`.

import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/index.js';
import { createDeps } from '../deps.js';
import { createWriteHooks } from '../hooks.js';
import { importCandidates } from './candidates.js';
import { consoleProgress } from './progress.js';
import { formatSummary, IMPORT_ACTOR, ImportSetupError, type ImportSummary } from './runner.js';
import { importVacancies } from './vacancies.js';

/** Exit codes, for cron and CI. */
export const EXIT = {
  /** Every row was created, updated or unchanged. */
  ok: 0,
  /** The import could not run or stopped early (bad arguments, unknown facility, bad header…). */
  fatal: 1,
  /** The file was processed, but some rows failed: see the error report. */
  rowsFailed: 2,
} as const;

const USAGE = {
  candidates: [
    'Pemakaian (usage): npm run import:candidates -- FILE.csv --facility KODE [--concurrency 8]',
    '  Mengimpor profil WBP ke satu Lapas/Rutan/LPKA (imports WBP profiles into one facility).',
  ],
  vacancies: [
    'Pemakaian (usage): npm run import:vacancies -- FILE.csv [--concurrency 8]',
    '  Mengimpor lowongan kerja (imports vacancies).',
  ],
};

/** Exit code for a finished import. */
export function exitCodeFor(s: ImportSummary): number {
  if (s.fatal || s.stopped) return EXIT.fatal;
  return s.failed ? EXIT.rowsFailed : EXIT.ok;
}

/** Runs one import from the command line and returns the process exit code. */
export async function runImportCli(
  kind: 'candidates' | 'vacancies',
  argv: string[],
  config: Config,
): Promise<number> {
  const err = (id: string, en: string) => process.stderr.write(`${id}\n${en}\n`);
  const usage = () => process.stderr.write(`${USAGE[kind].join('\n')}\nLihat (see) docs/import.md\n`);
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      allowPositionals: true,
      options: {
        facility: { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    err(`Argumen tidak valid: ${(e as Error).message}`, `Invalid arguments: ${(e as Error).message}`);
    usage();
    return EXIT.fatal;
  }
  if (args.values.help) {
    usage();
    return EXIT.ok;
  }
  const [file, ...extra] = args.positionals;
  if (!file || extra.length) {
    err('Sebutkan tepat satu berkas CSV', 'Give exactly one CSV file');
    usage();
    return EXIT.fatal;
  }
  const facilityCode = args.values.facility?.trim();
  if (kind === 'candidates' && !facilityCode) {
    err(
      '--facility KODE wajib: Lapas/Rutan/LPKA tempat WBP ditahan',
      '--facility CODE is required: the facility holding the people',
    );
    usage();
    return EXIT.fatal;
  }
  if (kind === 'vacancies' && facilityCode) {
    err('--facility tidak dipakai untuk lowongan', '--facility does not apply to vacancies');
    return EXIT.fatal;
  }
  const concurrency = args.values.concurrency === undefined ? 8 : Number(args.values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    err('--concurrency harus bilangan bulat 1–64', '--concurrency must be a whole number 1–64');
    return EXIT.fatal;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    err(`Berkas tidak ditemukan: ${file}`, `File not found: ${file}`);
    return EXIT.fatal;
  }

  const deps = await createDeps(config, 'script');
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nMenghentikan: baris yang sedang ditulis diselesaikan dulu (Ctrl-C lagi untuk keluar paksa)\n' +
        'Stopping: rows in flight finish first (Ctrl-C again to force)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const hooks = createWriteHooks(deps);
    const opts = { file, concurrency, progress: consoleProgress(), signal: controller.signal };
    const summary =
      kind === 'candidates'
        ? await importCandidates(
            { hooks: hooks.candidates, clock: deps.clock, actor: IMPORT_ACTOR },
            { ...opts, facilityCode: facilityCode ?? '' },
          )
        : await importVacancies({ hooks: hooks.vacancies, clock: deps.clock, actor: IMPORT_ACTOR }, opts);
    process.stdout.write(
      formatSummary(
        summary,
        kind === 'candidates' ? { id: 'kandidat', en: 'Candidate' } : { id: 'lowongan', en: 'Vacancy' },
      ),
    );
    return exitCodeFor(summary);
  } catch (e) {
    if (e instanceof ImportSetupError) {
      err(e.message, e.messageEn);
      return EXIT.fatal;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await deps.close();
  }
}
