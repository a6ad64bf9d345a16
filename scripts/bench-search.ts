/**
 * `npm run bench:search`: measured speed of search, matching and bulk import, each against a baseline
 * run in the same process. Brings the local stack up (or reuses it), writes into its own database,
 * index prefix and queue prefix (`bench_search`), prints a results table and records it in the
 * "Speed" section of docs/benchmarks.md, then removes its data (unless --keep) and stops only the
 * servers it started.
 *
 *   npm run bench:search                                          full size: 300,000 profiles, 30,000 vacancies
 *   npm run bench:search -- --candidates 20000 --vacancies 2000   a smoke run (docs/benchmarks.md untouched)
 *   npm run bench:search -- --keep   then   -- --reuse             re-measure search and matching without regenerating
 */
import os from 'node:os';
import { Meilisearch } from 'meilisearch';
import mongoose from 'mongoose';
import { config } from '../config/index.js';
import { createDeps, type Deps } from '../server/deps.js';
import { createWriteHooks } from '../server/hooks.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../server/search/documents.js';
import { searchSyncRepository } from '../server/search/repository.js';
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
} from './bench/import.js';
import { buildBaseline, compareMatching, pickVacancies } from './bench/match.js';
import {
  type BenchResults,
  describeMachine,
  formatTable,
  type ImportResults,
  recordSection,
  speedSection,
} from './bench/report.js';
import { compareSearch, searchMix } from './bench/search.js';
import {
  cpuSince,
  cpuSnapshot,
  fmtCpu,
  fmtDuration,
  fmtMs,
  fmtRate,
  nowMs,
  startMemorySampler,
} from './bench/stats.js';
import { BENCH_LOGIN, buildWorld } from './bench/world.js';
import { runCommand } from './stack/errors.js';
import { type StackHandle, upStack } from './stack/stack.js';

const BENCH_NAME = 'bench_search';
/** Profiles handed to one bulkCreateCandidates call, as an import streams its file. */
const SLICE = 10_000;
/** Timed passes over the search mix (each side). */
const SEARCH_ROUNDS = 2;
/** Vacancies used only to warm the matching comparison up. */
const MATCH_WARM_UP = 10;
/** Time the timed matching pairs may take at most; the baseline slows with data size and machine load. */
const MATCH_BUDGET_MS = 8 * 60_000;

const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);
const int = (n: number) => n.toLocaleString('en-US');

/** Slices of generated inputs [from, to), generated lazily so the whole set never sits in memory. */
function* slices<T>(from: number, to: number, make: (i: number) => T, size = SLICE): Generator<T[]> {
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    yield Array.from({ length: end - start }, (_, k) => make(start + k));
  }
}

async function countRecords(): Promise<{ candidates: number; vacancies: number }> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected to MongoDB');
  const [candidates, vacancies] = await Promise.all([
    db.collection('candidates').countDocuments(),
    db.collection('vacancies').countDocuments(),
  ]);
  return { candidates, vacancies };
}

async function serverVersions(meili: Meilisearch): Promise<{ mongodb: string; meilisearch: string }> {
  const db = mongoose.connection.db;
  const info = db ? ((await db.admin().serverInfo()) as { version?: string }) : {};
  const version = await meili.getVersion().catch(() => ({ pkgVersion: 'unknown' }));
  return { mongodb: info.version ?? 'unknown', meilisearch: version.pkgVersion };
}

async function main(): Promise<number> {
  const args: BenchArgs = parseArgs(process.argv.slice(2));
  const started = nowMs();
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const memory = startMemorySampler(100);
  const target = benchTarget(config, BENCH_NAME, args.verbose ? 'info' : 'warn');
  const skipped: string[] = [];
  let stack: StackHandle | null = null;
  let deps: Deps | null = null;
  let pool: WorkerPool | null = null;
  let stopRelay: (() => Promise<void>) | null = null;
  let results: BenchResults | null = null;
  try {
    stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });
    log(
      `database ${target.database}, index prefix ${target.indexPrefix}, queue prefix ${target.queuePrefix}`,
    );
    if (!args.reuse) await cleanupTarget(target, log);
    deps = await createDeps(target.config, 'api');
    const meili = new Meilisearch({ host: target.config.MEILI_URL, apiKey: target.config.MEILI_MASTER_KEY });
    const candUid = deps.search.indexName(CANDIDATES_INDEX);
    const vacUid = deps.search.indexName(VACANCIES_INDEX);

    let reuse = false;
    if (args.reuse) {
      const have = await countRecords();
      const dirty = await searchSyncRepository.countDirtyCandidates();
      reuse = have.candidates === args.candidates && have.vacancies === args.vacancies && dirty === 0;
      if (!reuse) {
        log(
          `--reuse: found ${int(have.candidates)} profiles and ${int(have.vacancies)} vacancies (${int(dirty)} not indexed), not the requested data set; generating afresh`,
        );
        await deps.close();
        await cleanupTarget(target, log);
        deps = await createDeps(target.config, 'api');
      } else {
        log(`--reuse: using the kept ${int(have.candidates)} profiles and ${int(have.vacancies)} vacancies`);
      }
    }
    await ensureSearchIndexes(deps.search);
    pool = startWorkers(deps, { concurrency: target.config.WORKER_CONCURRENCY });
    stopRelay = deps.outbox.startRelay(1000);
    const hooks = createWriteHooks(deps);
    const now = new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const world = await buildWorld(deps, args.employers, today);

    // ------------------------------------------------------------ bulk import
    let importResults: ImportResults | undefined;
    if (reuse) {
      skipped.push('bulk import (--reuse kept the data set of an earlier run)');
    } else {
      log(`import: ${int(args.sample)} profiles through our write path…`);
      let cpu = cpuSnapshot();
      const ours = await importCandidatesOurs(
        deps,
        meili,
        candUid,
        hooks.candidates,
        slices(0, args.sample, (i) => candidateInput(i, world.candidates)),
      );
      const oursCpu = cpuSince(cpu);
      const docs = await candidateDocuments(ours.ids, deps.clock.now());
      log(
        `  ours: ${int(ours.written)} written, ${int(docs.length)} indexed in ${fmtDuration(ours.ms)} (writes done after ${fmtDuration(ours.writesMs)}) = ${fmtRate((docs.length / ours.ms) * 1000)}; ${fmtCpu(oursCpu)}`,
      );
      log(`import: the same ${int(docs.length)} documents raw (addDocuments into a scratch index)…`);
      cpu = cpuSnapshot();
      const raw = await importRaw(deps, meili, 'raw_candidates', docs, 1000);
      const rawCpu = cpuSince(cpu);
      log(`  raw: ${fmtDuration(raw.ms)} = ${fmtRate(raw.perSecond)}; ${fmtCpu(rawCpu)}`);
      log(`  ratio ours/raw ${(raw.ms / ours.ms).toFixed(2)} (goal ≥ 0.6)`);
      await dropIndexIfPresent(meili, deps.search.indexName('raw_candidates'));
      importResults = {
        sample: args.sample,
        docs: docs.length,
        ours: { ms: ours.ms, writesMs: ours.writesMs, cpu: oursCpu },
        raw: { ms: raw.ms, cpu: rawCpu },
        vacancies: { written: 0, ms: 0 },
      };
      if (args.candidates > args.sample) {
        log(`import: the remaining ${int(args.candidates - args.sample)} profiles…`);
        const rest = await importCandidatesOurs(
          deps,
          meili,
          candUid,
          hooks.candidates,
          slices(args.sample, args.candidates, (i) => candidateInput(i, world.candidates)),
        );
        log(
          `  ${int(rest.written)} written and indexed in ${fmtDuration(rest.ms)} (writes done after ${fmtDuration(rest.writesMs)})`,
        );
        importResults.rest = { written: rest.written, ms: rest.ms, writesMs: rest.writesMs };
      }
      log(`import: ${int(args.vacancies)} vacancies…`);
      const vac = await importVacanciesOurs(
        deps,
        meili,
        vacUid,
        hooks.vacancies,
        slices(0, args.vacancies, (i) => vacancyInput(i, world.employers, today)),
      );
      log(`  ${int(vac.written)} written and indexed in ${fmtDuration(vac.ms)}`);
      importResults.vacancies = { written: vac.written, ms: vac.ms };
    }

    // ------------------------------------------------------------ search API against raw Meilisearch
    const cases = searchMix(args.searchRequests, today);
    log(`search: ${cases.length} requests, warm-up, then ${SEARCH_ROUNDS} timed passes per side…`);
    const search = await compareSearch(deps, cases, BENCH_LOGIN, SEARCH_ROUNDS);
    log(
      `  ours p50 ${fmtMs(search.ours.p50)} p95 ${fmtMs(search.ours.p95)}; raw p50 ${fmtMs(search.raw.p50)} p95 ${fmtMs(search.raw.p95)}; ratio p50 ${(search.ours.p50 / search.raw.p50).toFixed(2)}, p95 ${(search.ours.p95 / search.raw.p95).toFixed(2)} (goal ≤ 1.3)`,
    );

    // ------------------------------------------------------------ matching against a MongoDB $text baseline
    log('match: baseline collection with a text index…');
    const baseline = await buildBaseline();
    log(
      baseline.reused
        ? `  reused (${int(baseline.rows)} rows)`
        : `  ${int(baseline.rows)} rows in ${fmtDuration(baseline.ms)}`,
    );
    const vacancies = await pickVacancies(deps.clock.now(), args.matchVacancies, MATCH_WARM_UP);
    log(`match: ${vacancies.length - MATCH_WARM_UP} vacancies (after ${MATCH_WARM_UP} for warm-up)…`);
    const match = await compareMatching(deps, vacancies, MATCH_WARM_UP, deps.clock.now(), MATCH_BUDGET_MS);
    if (match.vacancies < vacancies.length - MATCH_WARM_UP) {
      log(
        `  stopped after ${match.vacancies} vacancies: the ${fmtDuration(MATCH_BUDGET_MS)} budget was spent`,
      );
    }
    log(
      `  ours p50 ${fmtMs(match.ours.p50)} p95 ${fmtMs(match.ours.p95)}; baseline p50 ${fmtMs(match.baseline.p50)} p95 ${fmtMs(match.baseline.p95)}; speed-up p50 ${(match.baseline.p50 / match.ours.p50).toFixed(1)}×, p95 ${(match.baseline.p95 / match.ours.p95).toFixed(1)}× (goal ≥ 10×)`,
    );

    const counts = await countRecords();
    const versions = await serverVersions(meili);
    results = {
      startedAt,
      machine: describeMachine(versions.mongodb, versions.meilisearch, loadAtStart),
      data: {
        candidates: counts.candidates,
        indexedCandidates: await deps.search.count(CANDIDATES_INDEX),
        vacancies: counts.vacancies,
        indexedVacancies: await deps.search.count(VACANCIES_INDEX),
        employers: world.employers.length,
      },
      import: importResults,
      search,
      match,
      memory: memory.peak(),
      durationMs: 0,
      skipped,
    };
  } finally {
    await stopRelay?.().catch(() => undefined);
    await pool?.close().catch(() => undefined);
    await deps?.close().catch(() => undefined);
    if (stack) {
      if (args.keep)
        log(
          `kept ${target.database} (database, ${target.indexPrefix}* indexes, ${target.queuePrefix}:* keys)`,
        );
      else await cleanupTarget(target, log);
      await stack.stop();
    }
  }
  if (!results) return 1;
  results.memory = memory.stop();
  results.durationMs = nowMs() - started;
  process.stdout.write(`\n${formatTable(results)}\n`);
  const fullSize = args.candidates === DEFAULTS.candidates && args.vacancies === DEFAULTS.vacancies;
  const record = args.record ?? (fullSize && !args.reuse);
  recordSection(record, 'Speed', speedSection(results), log);
  return 0;
}

runCommand('bench:search', main);
