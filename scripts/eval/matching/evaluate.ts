/**
 * The matching evaluation, shared by `npm run eval:matching` and the quality test: load the labelled
 * set through the write path, rank every vacancy with our matcher and with the `$text` baseline, and
 * score both rankings against the labels.
 */
import { SYSTEM_ACTOR } from '../../../server/auth/actor.js';
import { candidateRepository } from '../../../server/candidates/repository.js';
import type { CandidateRecord } from '../../../server/candidates/types.js';
import type { Deps } from '../../../server/deps.js';
import { violations } from '../../../server/matching/rules.js';
import { matchCandidatesForVacancy } from '../../../server/matching/service.js';
import { vacancyRepository } from '../../../server/vacancies/repository.js';
import { buildBaseline, searchBaseline } from './baseline.js';
import { type LoadedSet, loadEvalSet } from './load.js';
import { mean, ndcgAt, precisionAt } from './metrics.js';
import { asOfDate, type EvalSet, type Qrel, type RecordedFigures } from './set.js';

/** How many results each ranking returns (and is checked for hard-rule violations). */
export const RESULT_LIMIT = 20;
/** Cut-off of the quality metrics. */
export const CUTOFF = 10;
/** How far ahead of the baseline our nDCG@10 must stay. */
export const REQUIRED_GAIN = 0.2;
/** Slack for float noise when comparing with the recorded figures. */
export const TOLERANCE = 0.005;

export interface RankingScore {
  precisionAt10: number;
  ndcgAt10: number;
  /** Results in the top 20 that break a hard rule by `violations()` on the stored records. */
  violations: number;
  /** Results in the top 20 that the labels call a hard-rule break (an independent check). */
  labelledViolations: number;
  /** Fixture keys of the top 20, best first. */
  top: string[];
}

export interface VacancyOutcome {
  key: string;
  title: string;
  vocation: string;
  /** Candidates labelled 2 or 3. */
  relevant: number;
  ours: RankingScore;
  baseline: RankingScore;
}

export interface EvalResult {
  asOf: string;
  candidates: number;
  labels: { 3: number; 2: number; 1: number };
  vacancies: VacancyOutcome[];
  /** Vacancies that are closed or past their closing day, with how many results each ranking gave. */
  closed: { key: string; ours: number; baseline: number }[];
  ours: { precisionAt10: number; ndcgAt10: number; violations: number; labelledViolations: number };
  baseline: { precisionAt10: number; ndcgAt10: number; violations: number; labelledViolations: number };
}

async function scoreRanking(
  keys: string[],
  records: Map<string, CandidateRecord>,
  vacancy: Parameters<typeof violations>[0]['vacancy'],
  now: Date,
  grades: Map<string, number>,
  hardRule: Set<string>,
): Promise<RankingScore> {
  let broken = 0;
  for (const key of keys) {
    const candidate = records.get(key);
    if (!candidate) throw new Error(`result ${key} has no stored record`);
    if (violations({ candidate, vacancy, now, employerFacing: true }).length > 0) broken++;
  }
  return {
    precisionAt10: precisionAt(CUTOFF, keys, grades),
    ndcgAt10: ndcgAt(CUTOFF, keys, grades),
    violations: broken,
    labelledViolations: keys.filter((k) => hardRule.has(k)).length,
    top: keys,
  };
}

function summarise(rows: RankingScore[]) {
  return {
    precisionAt10: mean(rows.map((r) => r.precisionAt10)),
    ndcgAt10: mean(rows.map((r) => r.ndcgAt10)),
    violations: rows.reduce((n, r) => n + r.violations, 0),
    labelledViolations: rows.reduce((n, r) => n + r.labelledViolations, 0),
  };
}

/**
 * Loads `set` into the database `deps` points at (which must be the evaluation's own) and ranks every
 * vacancy with our matcher (as an admin, limit 20, now = asOf) and with the baseline.
 */
export async function evaluateMatching(deps: Deps, set: EvalSet, qrels: Qrel[]): Promise<EvalResult> {
  const now = asOfDate(set);
  const loaded: LoadedSet = await loadEvalSet(deps, set);
  const stored = await candidateRepository.findByIds([...loaded.candidateIds.values()]);
  const byKey = new Map(stored.map((c) => [loaded.keyByPublicId.get(c.publicId)!, c]));
  await buildBaseline(stored);
  const keyOf = (publicId: string) => {
    const key = loaded.keyByPublicId.get(publicId);
    if (!key) throw new Error(`unknown public id ${publicId}`);
    return key;
  };

  const outcomes: VacancyOutcome[] = [];
  const closed: EvalResult['closed'] = [];
  for (const v of set.vacancies) {
    const record = await vacancyRepository.findById(loaded.vacancyIds.get(v.key)!);
    if (!record) throw new Error(`vacancy ${v.key} was not stored`);
    const ours = (
      await matchCandidatesForVacancy(deps.search, SYSTEM_ACTOR, record.id, RESULT_LIMIT, now)
    ).items.map((m) => keyOf(m.candidate.publicId));
    const baseline = (await searchBaseline(record, RESULT_LIMIT)).map(keyOf);
    const isClosed = v.status !== 'open' || (v.closesInDays !== undefined && v.closesInDays < 0);
    if (isClosed) {
      closed.push({ key: v.key, ours: ours.length, baseline: baseline.length });
      continue;
    }
    const labels = qrels.filter((q) => q.vacancy === v.key);
    const grades = new Map(labels.map((q) => [q.candidate, q.grade as number]));
    const hardRule = new Set(labels.filter((q) => q.reason.startsWith('hard rule')).map((q) => q.candidate));
    outcomes.push({
      key: v.key,
      title: v.title,
      vocation: v.vocation,
      relevant: labels.filter((q) => q.grade >= 2).length,
      ours: await scoreRanking(ours, byKey, record, now, grades, hardRule),
      baseline: await scoreRanking(baseline, byKey, record, now, grades, hardRule),
    });
  }
  const open = new Set(outcomes.map((o) => o.key));
  const judged = qrels.filter((q) => open.has(q.vacancy));
  return {
    asOf: set.asOf,
    candidates: set.candidates.length,
    labels: {
      3: judged.filter((q) => q.grade === 3).length,
      2: judged.filter((q) => q.grade === 2).length,
      1: judged.filter((q) => q.grade === 1).length,
    },
    vacancies: outcomes,
    closed,
    ours: summarise(outcomes.map((o) => o.ours)),
    baseline: summarise(outcomes.map((o) => o.baseline)),
  };
}

/**
 * What is wrong with a result: ours too close to the baseline, any hard-rule break in our top 20,
 * results for closed vacancies, or (given recorded figures) a drop below them. Empty means it passes.
 */
export function qualityProblems(r: EvalResult, recorded?: RecordedFigures): string[] {
  const problems: string[] = [];
  const gain = r.ours.ndcgAt10 - r.baseline.ndcgAt10;
  if (gain < REQUIRED_GAIN) {
    problems.push(
      `nDCG@10 gain over the baseline is ${gain.toFixed(3)}, below the required ${REQUIRED_GAIN}`,
    );
  }
  if (r.ours.violations > 0) problems.push(`${r.ours.violations} of our top-20 results break a hard rule`);
  if (r.ours.labelledViolations > 0) {
    problems.push(`${r.ours.labelledViolations} of our top-20 results are labelled as hard-rule breaks`);
  }
  for (const c of r.closed.filter((x) => x.ours > 0)) {
    problems.push(`closed vacancy ${c.key} returned ${c.ours} results`);
  }
  if (recorded) {
    if (r.ours.ndcgAt10 < recorded.ours.ndcgAt10 - TOLERANCE) {
      problems.push(
        `nDCG@10 ${r.ours.ndcgAt10.toFixed(3)} dropped below the recorded ${recorded.ours.ndcgAt10}`,
      );
    }
    if (r.ours.precisionAt10 < recorded.ours.precisionAt10 - TOLERANCE) {
      problems.push(
        `P@10 ${r.ours.precisionAt10.toFixed(3)} dropped below the recorded ${recorded.ours.precisionAt10}`,
      );
    }
  }
  return problems;
}

/** The figures to record (rounded to 3 decimals). */
export function figuresOf(r: EvalResult, date: string): RecordedFigures {
  const round = (x: number) => Number(x.toFixed(3));
  return {
    date,
    vacancies: r.vacancies.length,
    candidates: r.candidates,
    ours: { precisionAt10: round(r.ours.precisionAt10), ndcgAt10: round(r.ours.ndcgAt10) },
    baseline: { precisionAt10: round(r.baseline.precisionAt10), ndcgAt10: round(r.baseline.ndcgAt10) },
  };
}

const f3 = (x: number) => x.toFixed(3);

/** The printed report: one row per vacancy, one per vocation, then the summary lines. */
export function formatReport(r: EvalResult): string {
  const lines: string[] = [];
  const head = `${'vacancy'.padEnd(8)}${'vocation'.padEnd(14)}${'rel'.padStart(4)}  ${'ours P@10'.padStart(9)} ${'nDCG@10'.padStart(7)} ${'viol'.padStart(4)}  ${'base P@10'.padStart(9)} ${'nDCG@10'.padStart(7)} ${'viol'.padStart(4)}  title`;
  lines.push(head, '-'.repeat(head.length + 30));
  for (const o of r.vacancies) {
    lines.push(
      `${o.key.padEnd(8)}${o.vocation.padEnd(14)}${String(o.relevant).padStart(4)}  ${f3(o.ours.precisionAt10).padStart(9)} ${f3(o.ours.ndcgAt10).padStart(7)} ${String(o.ours.violations).padStart(4)}  ${f3(o.baseline.precisionAt10).padStart(9)} ${f3(o.baseline.ndcgAt10).padStart(7)} ${String(o.baseline.violations).padStart(4)}  ${o.title}`,
    );
  }
  lines.push(
    '',
    `${'vocation'.padEnd(14)}${'n'.padStart(3)}  ${'ours nDCG@10'.padStart(12)}  ${'base nDCG@10'.padStart(12)}`,
  );
  const vocations = [...new Set(r.vacancies.map((o) => o.vocation))];
  for (const voc of vocations) {
    const rows = r.vacancies.filter((o) => o.vocation === voc);
    lines.push(
      `${voc.padEnd(14)}${String(rows.length).padStart(3)}  ${f3(mean(rows.map((o) => o.ours.ndcgAt10))).padStart(12)}  ${f3(mean(rows.map((o) => o.baseline.ndcgAt10))).padStart(12)}`,
    );
  }
  const gain = r.ours.ndcgAt10 - r.baseline.ndcgAt10;
  lines.push(
    '',
    `set: ${r.vacancies.length} open vacancies (+${r.closed.length} closed) × ${r.candidates} candidates, as of ${r.asOf}; labels 3: ${r.labels[3]}, 2: ${r.labels[2]}, 1: ${r.labels[1]}`,
    `ours      P@10 ${f3(r.ours.precisionAt10)}  nDCG@10 ${f3(r.ours.ndcgAt10)}  hard-rule violations in top ${RESULT_LIMIT}: ${r.ours.violations} (by labels: ${r.ours.labelledViolations})`,
    `baseline  P@10 ${f3(r.baseline.precisionAt10)}  nDCG@10 ${f3(r.baseline.ndcgAt10)}  hard-rule violations in top ${RESULT_LIMIT}: ${r.baseline.violations} (by labels: ${r.baseline.labelledViolations})`,
    `nDCG@10 gain over the baseline: ${gain >= 0 ? '+' : ''}${f3(gain)} (required ≥ ${REQUIRED_GAIN})`,
    `closed vacancies: ours returned ${r.closed.reduce((n, c) => n + c.ours, 0)} results, baseline ${r.closed.reduce((n, c) => n + c.baseline, 0)}`,
  );
  return lines.join('\n');
}
