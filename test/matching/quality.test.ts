import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../../config/index.js';
import { type EvalResult, REQUIRED_GAIN, TOLERANCE } from '../../scripts/eval/matching/evaluate.js';
import { qualityNamespace } from '../../scripts/eval/matching/namespace.js';
import { flattenQrels, readEvalSet, readQrels, readRecorded } from '../../scripts/eval/matching/set.js';
import { labelSet } from '../fixtures/matching-eval/label.js';

const CHILD = fileURLToPath(new URL('../../scripts/eval/matching/child.ts', import.meta.url));

/** Runs the evaluation core in its own process (see child.ts) and returns its result. */
async function evaluateInChild(): Promise<EvalResult> {
  const out = path.join(config.LOCAL_DATA_DIR, `${qualityNamespace(config).database}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const code = await new Promise<number>((resolve) => {
    // The child inherits this run's environment, hence its database, index and queue names.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
  if (code !== 0) throw new Error(`the evaluation process exited with ${code}`);
  try {
    return JSON.parse(fs.readFileSync(out, 'utf8')) as EvalResult;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

/**
 * The evaluation of `npm run eval:matching`, inside the test run: the labelled set
 * (test/fixtures/matching-eval) ranked by our matcher and by the MongoDB `$text` baseline.
 */
describe('matching quality on the labelled evaluation set', function () {
  this.timeout(180_000);

  const recorded = readRecorded();
  let result: EvalResult;

  before(async () => {
    // In a process of its own, in this run's names plus a `quality` suffix: people other suites create
    // would otherwise join the rankings, and a process has only one database connection to give.
    result = await evaluateInChild();
  });

  it('when the labels are derived again from the rubric, then they equal qrels.json', () => {
    const derived = flattenQrels(labelSet(readEvalSet()));
    const stored = readQrels();
    const key = (q: { vacancy: string; candidate: string; grade: number }) =>
      `${q.vacancy}/${q.candidate}=${q.grade}`;
    assert.deepEqual(stored.map(key).sort(), derived.map(key).sort());
  });

  it('when our matcher ranks the set, then P@10 and nDCG@10 stay at or above the recorded figures', () => {
    assert.ok(
      result.ours.ndcgAt10 >= recorded.ours.ndcgAt10 - TOLERANCE,
      `nDCG@10 ${result.ours.ndcgAt10.toFixed(3)} < recorded ${recorded.ours.ndcgAt10} (${recorded.date})`,
    );
    assert.ok(
      result.ours.precisionAt10 >= recorded.ours.precisionAt10 - TOLERANCE,
      `P@10 ${result.ours.precisionAt10.toFixed(3)} < recorded ${recorded.ours.precisionAt10} (${recorded.date})`,
    );
  });

  it(`when compared with the MongoDB $text baseline, then ours leads by at least ${REQUIRED_GAIN} nDCG@10`, () => {
    const gain = result.ours.ndcgAt10 - result.baseline.ndcgAt10;
    assert.ok(
      gain >= REQUIRED_GAIN,
      `ours ${result.ours.ndcgAt10.toFixed(3)} vs baseline ${result.baseline.ndcgAt10.toFixed(3)}`,
    );
  });

  it('when every top-20 result is checked against the hard rules, then none breaks one', () => {
    const broken = result.vacancies.filter((v) => v.ours.violations > 0 || v.ours.labelledViolations > 0);
    assert.deepEqual(
      broken.map(
        (v) => `${v.key}: ${v.ours.violations} by the rules, ${v.ours.labelledViolations} by the labels`,
      ),
      [],
    );
    // The baseline shows what the rules hold back.
    assert.ok(result.baseline.violations > 0);
  });

  it('when a vacancy is closed or past its closing day, then nobody is matched to it', () => {
    assert.ok(result.closed.length > 0);
    assert.deepEqual(
      result.closed.filter((c) => c.ours > 0),
      [],
    );
  });
});
