/**
 * `npm run eval:matching`: measures matching quality on the labelled evaluation set
 * (test/fixtures/matching-eval). Loads the set into a database, index prefix and queue prefix of its
 * own (derived from the configuration, as `npm test` does), ranks every vacancy with our matcher and
 * with a MongoDB `$text` baseline, prints precision@10 and nDCG@10 for both, and removes everything it
 * wrote. Exits non-zero when ours is not at least 0.2 nDCG@10 ahead of the baseline, when any of our
 * top-20 results breaks a hard rule, or when a closed vacancy returns anyone.
 *
 *   npm run eval:matching               evaluate and compare with recorded.json
 *   npm run eval:matching -- --record   also write the figures to test/fixtures/matching-eval/recorded.json
 */
import { randomBytes } from 'node:crypto';
import { config } from '../config/index.js';
import { createDeps, type Deps } from '../server/deps.js';
import {
  evaluateMatching,
  figuresOf,
  formatReport,
  qualityProblems,
  TOLERANCE,
} from './eval/matching/evaluate.js';
import { configFor, dropNamespace, type Namespace } from './eval/matching/namespace.js';
import { readEvalSet, readQrels, readRecorded, writeRecorded } from './eval/matching/set.js';
import { runCommand } from './stack/errors.js';
import { type StackHandle, upStack } from './stack/stack.js';

const log = (m: string) => process.stdout.write(`[eval] ${m}\n`);

async function main(): Promise<number> {
  const record = process.argv.includes('--record');
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const ns: Namespace = {
    database: `bk_eval_${runId}`,
    indexPrefix: `e${runId}_`,
    queuePrefix: `bke${runId}`,
  };
  let stack: StackHandle | null = null;
  let deps: Deps | null = null;
  try {
    stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });
    log(
      `run ${runId}: database ${ns.database}, index prefix ${ns.indexPrefix}, queue prefix ${ns.queuePrefix}`,
    );
    deps = await createDeps(configFor(config, ns, { LOG_LEVEL: 'warn' }), 'script');
    const started = Date.now();
    const result = await evaluateMatching(deps, readEvalSet(), readQrels());
    process.stdout.write(`\n${formatReport(result)}\n`);
    log(`evaluated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const problems = qualityProblems(result);
    const recorded = readRecorded();
    const drops = qualityProblems(result, recorded).filter((p) => !problems.includes(p));
    if (record) {
      const figures = figuresOf(result, new Date().toISOString().slice(0, 10));
      writeRecorded(figures);
      log(`recorded: ours P@10 ${figures.ours.precisionAt10}, nDCG@10 ${figures.ours.ndcgAt10}`);
    } else if (drops.length) {
      log(`below the recorded figures of ${recorded.date} (tolerance ${TOLERANCE}): ${drops.join('; ')}`);
    } else {
      log(`at or above the recorded figures of ${recorded.date}`);
    }
    for (const p of problems) process.stderr.write(`[eval] FAIL: ${p}\n`);
    return problems.length || (!record && drops.length) ? 1 : 0;
  } finally {
    if (deps) {
      await dropNamespace(deps, ns).catch((err: Error) => log(`could not clean up: ${err.message}`));
      await deps.close();
    }
    await stack?.stop();
  }
}

runCommand('eval:matching', main);
