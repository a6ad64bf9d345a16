/**
 * `npm run bench:alerts`: the release-alert pipeline under load. Brings the local stack up (or reuses
 * it), writes into its own database, index prefix and queue prefix (`bench_alerts`), generates
 * 300,000 profiles of whom 10,000 are at a release milestone on the sweep's day, then measures
 *
 *   - the release sweep over every profile in all three time zones (goal: under 60 s), and
 *   - emails per second through our delivery pipeline against raw pooled SMTP to the same sink, in
 *     the same run, with the same messages (goal: ratio ≥ 0.5),
 *
 * prints the results and records them in the "Alerts" section of docs/benchmarks.md, then removes
 * its data (unless --keep) and stops only the servers it started.
 *
 *   npm run bench:alerts                                              the full size
 *   npm run bench:alerts -- --profiles 20000 --milestone-people 1000  a smoke run (docs untouched)
 *   npm run bench:alerts -- --keep   then   -- --reuse                 measure again without generating
 */
import os from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import mongoose from 'mongoose';
import { config } from '../config/index.js';
import { createDeps, type Deps } from '../server/deps.js';
import { createWriteHooks } from '../server/hooks.js';
import { NotificationModel } from '../server/notifications/model.js';
import { runReleaseSweep } from '../server/notifications/sweep.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../server/search/documents.js';
import { ensureSearchIndexes } from '../server/search/sync.js';
import { ALERTS_USAGE, type AlertsArgs, isFullSize, parseAlertsArgs } from './bench/alerts/args.js';
import {
  type DatasetMeta,
  type GenerationTimings,
  generateDataset,
  reusable,
} from './bench/alerts/dataset.js';
import {
  type AlertsResults,
  alertsSection,
  formatAlertsTable,
  overallRate,
  RATIO_GOAL,
  SWEEP_GOAL_MS,
} from './bench/alerts/report.js';
import { type Sink, startPrivateSink } from './bench/alerts/sink.js';
import {
  averageSize,
  type OursRound,
  oursRound,
  prerender,
  type RoundResult,
  rawRound,
} from './bench/alerts/throughput.js';
import { benchTarget, cleanupTarget } from './bench/env.js';
import { describeMachine, recordSection } from './bench/report.js';
import { cpuSince, cpuSnapshot, fmtCpu, fmtDuration, nowMs, startMemorySampler } from './bench/stats.js';
import { runCommand } from './stack/errors.js';
import { type StackHandle, upStack } from './stack/stack.js';

const BENCH_NAME = 'bench_alerts';
/** Longest a delivery round may take before the run gives up. */
const ROUND_TIMEOUT_MS = 60 * 60_000;

const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);
const int = (n: number) => n.toLocaleString('en-US');
const load1 = () => os.loadavg()[0] ?? 0;

async function serverVersions(deps: Deps, meili: Meilisearch) {
  const db = mongoose.connection.db;
  const info = db ? ((await db.admin().serverInfo()) as { version?: string }) : {};
  const version = await meili.getVersion().catch(() => ({ pkgVersion: 'unknown' }));
  const redisInfo = await deps.redis.info('server').catch(() => '');
  return {
    mongodb: info.version ?? 'unknown',
    meilisearch: version.pkgVersion,
    redis: /redis_version:([^\r\n]+)/.exec(redisInfo)?.[1] ?? 'unknown',
  };
}

/** Empties the ledger and the mail queue, so the sweep plans and queues everything afresh. */
async function clearAlerts(deps: Deps): Promise<void> {
  await NotificationModel.deleteMany({});
  await deps.queues.queue('mail').obliterate({ force: true });
}

async function main(): Promise<number> {
  let args: AlertsArgs;
  try {
    args = parseAlertsArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return (err as Error).message === ALERTS_USAGE ? 0 : 2;
  }
  const started = nowMs();
  const startedAt = new Date();
  const loadAtStart = load1();
  const memory = startMemorySampler(100);
  const base = benchTarget(config, BENCH_NAME, args.verbose ? 'info' : 'warn');
  const skipped: string[] = [];
  let stack: StackHandle | null = null;
  let sink: Sink | null = null;
  let deps: Deps | null = null;
  let results: AlertsResults | null = null;
  try {
    stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });
    sink = await startPrivateSink(path.join(config.LOCAL_DATA_DIR, 'logs'), 100_000);
    const privateSink = sink;
    // An interrupted run still ends its own sink (the stack's servers are adopted by the next run).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        privateSink.kill();
        process.exit(130);
      });
    }
    const target = {
      ...base,
      config: Object.freeze({ ...base.config, SMTP_URL: sink.smtpUrl, MAIL_SINK_HTTP_PORT: sink.httpPort }),
    };
    log(
      `database ${target.database}, index prefix ${target.indexPrefix}, queue prefix ${target.queuePrefix}, mail sink ${sink.smtpUrl}`,
    );
    log(
      `load average at the start: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (${os.cpus().length} cores)`,
    );
    if (!args.reuse) await cleanupTarget(target, log);
    deps = await createDeps(target.config, 'worker');
    const meili = new Meilisearch({ host: target.config.MEILI_URL, apiKey: target.config.MEILI_MASTER_KEY });

    // ------------------------------------------------------------ data set
    let meta: DatasetMeta | null = args.reuse ? await reusable(args) : null;
    let generation: GenerationTimings | undefined;
    if (meta) {
      log(`--reuse: using the kept data set generated ${meta.generatedAt} (asOf ${meta.asOf})`);
      skipped.push('generation (--reuse kept the data set of an earlier run)');
    } else {
      if (args.reuse) {
        log('--reuse: no kept data set of the requested size; generating afresh');
        await deps.close();
        await cleanupTarget(target, log);
        deps = await createDeps(target.config, 'worker');
      }
      await ensureSearchIndexes(deps.search);
      const now = new Date();
      const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      log('generating the data set…');
      const t = nowMs();
      const generated = await generateDataset(deps, meili, createWriteHooks(deps), args, today, log);
      meta = generated.meta;
      generation = generated.timings;
      log(`generated in ${fmtDuration(nowMs() - t)}`);
    }
    // The writes queued one index job per chunk and per release; the batch sync above covered them all.
    await deps.queues.queue('search').obliterate({ force: true });
    await clearAlerts(deps);

    // ------------------------------------------------------------ the sweep
    log(`sweep: runReleaseSweep over all three time zones, asOf ${meta.asOf}…`);
    let cpu = cpuSnapshot();
    const t0 = nowMs();
    const sweep = await runReleaseSweep(deps, { now: new Date(), asOf: meta.asOf });
    const sweepMs = nowMs() - t0;
    const sweepCpu = cpuSince(cpu);
    log(
      `  ${(sweepMs / 1000).toFixed(1)} s (goal < ${SWEEP_GOAL_MS / 1000} s): ${int(sweep.candidates)} people, ${int(sweep.planned)} entries ${JSON.stringify(sweep.byKind)}, ${int(sweep.batches)} batches; ${fmtCpu(sweepCpu)}; load ${load1().toFixed(1)}`,
    );
    if (sweep.deliveriesDeferred) throw new Error('the sweep could not queue its deliveries');

    // ------------------------------------------------------------ email throughput, ours and raw
    const ours: OursRound[] = [];
    const raw: RoundResult[] = [];
    let mails: ReturnType<typeof prerender> = [];
    let order = 0;
    const runOurs = async (round: number) => {
      log(`ours #${round}: ${int(sweep.batches)} delivery jobs, worker concurrency ${args.mailConcurrency}…`);
      const { result, messages } = await oursRound(
        deps!,
        sink!,
        round,
        args.mailConcurrency,
        ROUND_TIMEOUT_MS,
      );
      result.order = order++;
      result.load = load1();
      ours.push(result);
      log(
        `  ${int(result.messages)} messages in ${(result.ms / 1000).toFixed(1)} s = ${result.perSecond.toFixed(1)} emails/s; ledger ${JSON.stringify(result.ledger)}; ${int(result.keys)} keys, ${result.duplicateKeys} delivered twice; failed jobs ${result.failedJobs}; ${fmtCpu(result.cpu)}; load ${result.load.toFixed(1)}`,
      );
      if (result.duplicateKeys > 0)
        throw new Error(`${result.duplicateKeys} ledger keys were delivered twice`);
      if (round === 1) mails = prerender(messages);
    };
    const runRaw = async (round: number) => {
      log(`raw #${round}: ${int(mails.length)} pre-rendered messages, pool ${target.config.SMTP_POOL_SIZE}…`);
      const result = await rawRound(target.config, sink!, round, mails, ROUND_TIMEOUT_MS);
      result.order = order++;
      result.load = load1();
      raw.push(result);
      log(
        `  ${(result.ms / 1000).toFixed(1)} s = ${result.perSecond.toFixed(1)} emails/s; ${fmtCpu(result.cpu)}; load ${result.load.toFixed(1)}`,
      );
    };
    // ours, raw, raw, ours, ours, raw…: drifting machine load falls on both sides alike.
    for (let r = 1; r <= args.rounds; r++) {
      if (r % 2 === 1) {
        await runOurs(r);
        await runRaw(r);
      } else {
        await runRaw(r);
        await runOurs(r);
      }
    }
    const ratio = overallRate(ours) / overallRate(raw);
    log(
      `emails/s: ours ${overallRate(ours).toFixed(1)}, raw ${overallRate(raw).toFixed(1)}, ratio ${ratio.toFixed(2)} (goal ≥ ${RATIO_GOAL})`,
    );

    const versions = await serverVersions(deps, meili);
    cpu = cpuSnapshot();
    results = {
      startedAt,
      machine: {
        ...describeMachine(versions.mongodb, versions.meilisearch, loadAtStart),
        redis: versions.redis,
      },
      dataset: {
        ...meta,
        indexedCandidates: await deps.search.count(CANDIDATES_INDEX),
        indexedVacancies: await deps.search.count(VACANCIES_INDEX),
      },
      generation,
      sweep: { ms: sweepMs, result: sweep, cpu: sweepCpu, load: load1() },
      delivery: {
        concurrency: args.mailConcurrency,
        poolSize: target.config.SMTP_POOL_SIZE,
        messageBytes: averageSize(mails),
        ours,
        raw,
      },
      memory: memory.peak(),
      durationMs: 0,
      skipped,
    };
    if (args.keep) {
      log(`kept ${target.database} (database, ${target.indexPrefix}* indexes, ${target.queuePrefix}:* keys)`);
    }
  } finally {
    await deps?.close().catch(() => undefined);
    await sink?.stop().catch(() => undefined);
    if (stack) {
      if (!args.keep) await cleanupTarget(base, log);
      await stack.stop();
    }
  }
  if (!results) return 1;
  results.memory = memory.stop();
  results.durationMs = nowMs() - started;
  results.machine.load[1] = load1();
  process.stdout.write(`\n${formatAlertsTable(results)}\n`);
  const record = args.record ?? (isFullSize(args) && !args.reuse);
  recordSection(record, 'Alerts', alertsSection(results), log);
  return 0;
}

runCommand('bench:alerts', main);
