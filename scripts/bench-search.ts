/**
 * `npm run bench:search`: measured speed of search, matching and bulk import, each against a baseline
 * run in the same process. Brings the local stack up (or reuses it), writes into its own database,
 * index prefix and queue prefix (`bench_search`), prints a results table and records it in
 * docs/benchmarks.md, then removes its data (unless --keep) and stops only the servers it started.
 *
 *   npm run bench:search                                   full size: 300,000 profiles, 30,000 vacancies
 *   npm run bench:search -- --candidates 20000 --vacancies 2000   a smoke run
 *   npm run bench:search -- --keep   then   -- --reuse          re-measure without regenerating
 */
import { Meilisearch } from 'meilisearch';
import { config } from '../config/index.js';
import { createDeps, type Deps } from '../server/deps.js';
import { createWriteHooks } from '../server/hooks.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../server/search/documents.js';
import { ensureSearchIndexes } from '../server/search/sync.js';
import { startWorkers, type WorkerPool } from '../workers/runtime.js';
import { type BenchArgs, DEFAULTS, parseArgs } from './bench/args.js';
import { benchTarget, cleanupTarget } from './bench/env.js';
import { candidateInput, vacancyInput } from './bench/generate.js';
import {
  candidateDocuments,
  dropIndexIfPresent,
  importCandidatesOurs,
  importRaw,
  importVacanciesOurs,
  type WriteRun,
} from './bench/import.js';
import { fmtDuration, fmtRate, mib, nowMs, startMemorySampler } from './bench/stats.js';
import { buildWorld } from './bench/world.js';
import { StackError } from './stack/errors.js';
import { type StackHandle, upStack } from './stack/stack.js';

const BENCH_NAME = 'bench_search';
const SLICE = 10_000;

const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);

/** Slices of generated inputs [from, to), generated lazily so the whole set never sits in memory. */
function* slices<T>(from: number, to: number, make: (i: number) => T, size = SLICE): Generator<T[]> {
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    yield Array.from({ length: end - start }, (_, k) => make(start + k));
  }
}

async function main(): Promise<number> {
  const args: BenchArgs = parseArgs(process.argv.slice(2));
  const started = nowMs();
  const memory = startMemorySampler(100);
  const target = benchTarget(config, BENCH_NAME, args.verbose ? 'info' : 'warn');
  let stack: StackHandle | null = null;
  let deps: Deps | null = null;
  let pool: WorkerPool | null = null;
  let stopRelay: (() => Promise<void>) | null = null;
  try {
    stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });
    log(
      `database ${target.database}, index prefix ${target.indexPrefix}, queue prefix ${target.queuePrefix}`,
    );
    if (!args.reuse) await cleanupTarget(target, log);
    deps = await createDeps(target.config, 'api');
    const meili = new Meilisearch({ host: target.config.MEILI_URL, apiKey: target.config.MEILI_MASTER_KEY });
    await ensureSearchIndexes(deps.search);
    pool = startWorkers(deps, { concurrency: target.config.WORKER_CONCURRENCY });
    stopRelay = deps.outbox.startRelay(1000);
    const hooks = createWriteHooks(deps);
    const today = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()),
    );
    const world = await buildWorld(deps, args.employers, today);
    const candUid = deps.search.indexName(CANDIDATES_INDEX);
    const vacUid = deps.search.indexName(VACANCIES_INDEX);

    // ------------------------------------------------------------ import comparison
    log(`import: ${args.sample.toLocaleString('en-US')} profiles through our write path…`);
    const sampleInputs = [...slices(0, args.sample, (i) => candidateInput(i, world.candidates))];
    const ours: WriteRun = await importCandidatesOurs(deps, meili, candUid, hooks.candidates, sampleInputs);
    const docs = await candidateDocuments(ours.ids, deps.clock.now());
    log(
      `  ours: ${ours.written} written, ${docs.length} indexed in ${fmtDuration(ours.ms)} (writes ${fmtDuration(ours.writesMs)}) = ${fmtRate((docs.length / ours.ms) * 1000)}`,
    );
    log(`import: the same ${docs.length.toLocaleString('en-US')} documents raw (addDocuments)…`);
    const raw = await importRaw(deps, meili, 'raw_candidates', docs, 1000);
    log(
      `  raw: ${fmtDuration(raw.ms)} = ${fmtRate(raw.perSecond)}; ratio ours/raw ${(raw.ms / ours.ms).toFixed(2)}`,
    );
    await dropIndexIfPresent(meili, deps.search.indexName('raw_candidates'));

    if (args.candidates > args.sample) {
      log(`import: remaining ${(args.candidates - args.sample).toLocaleString('en-US')} profiles…`);
      const rest = await importCandidatesOurs(
        deps,
        meili,
        candUid,
        hooks.candidates,
        slices(args.sample, args.candidates, (i) => candidateInput(i, world.candidates)),
      );
      log(
        `  rest: ${rest.written} written in ${fmtDuration(rest.ms)} (writes ${fmtDuration(rest.writesMs)}) = ${fmtRate((rest.written / rest.ms) * 1000)}`,
      );
    }
    log(`import: ${args.vacancies.toLocaleString('en-US')} vacancies…`);
    const vac = await importVacanciesOurs(
      deps,
      meili,
      vacUid,
      hooks.vacancies,
      slices(0, args.vacancies, (i) => vacancyInput(i, world.employers, today)),
    );
    log(`  vacancies: ${vac.written} written in ${fmtDuration(vac.ms)}`);
    void DEFAULTS;
  } catch (err) {
    if (err instanceof StackError) {
      process.stderr.write(`\n[stack] ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await stopRelay?.().catch(() => undefined);
    await pool?.close().catch(() => undefined);
    await deps?.close().catch(() => undefined);
    if (stack) {
      if (!args.keep) await cleanupTarget(target, log);
      await stack.stop();
    }
    const peak = memory.stop();
    log(
      `peak RSS ${mib(peak.rssBytes)}, peak heap ${mib(peak.heapUsedBytes)}; total ${fmtDuration(nowMs() - started)}`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench:search failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
