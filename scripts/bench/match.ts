/**
 * Vacancy → top-20 candidates: our matching (index retrieval, every hard rule on the MongoDB profile,
 * scoring and explanations), called in-process as the route handler calls it, against what a team
 * would otherwise build: a MongoDB `$text` search over the candidates' skill words with the vacancy's
 * title and skill labels, the obvious hard filters in the query (consent, status, free in time), top
 * 20 by text score, then the 20 profiles loaded for display.
 */
import mongoose from 'mongoose';
import type { Actor } from '../../server/auth/actor.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import type { Deps } from '../../server/deps.js';
import { LATE_START_DAYS } from '../../server/matching/rules.js';
import { matchCandidatesForVacancy } from '../../server/matching/service.js';
import { searchSyncRepository } from '../../server/search/repository.js';
import { getSkill, listVocations } from '../../server/skills/service.js';
import { type VacancyRecord, vacancyRepository } from '../../server/vacancies/repository.js';
import { type LatencySummary, nowMs, summarise } from './stats.js';

const DAY = 24 * 3600 * 1000;
/** The baseline's own copy of every profile's searchable words and filter fields. */
export const BASELINE_COLLECTION = 'bench_baseline_candidates';

const vocations = new Map(listVocations().map((v) => [v.code, v]));

/** The words a profile can be found by: its skills' labels and synonyms and their trades' names. */
function skillWords(codes: string[]): string {
  const words = new Set<string>();
  for (const code of codes) {
    const s = getSkill(code);
    if (!s) continue;
    for (const w of [s.label.id, s.label.en, ...s.synonyms]) words.add(w);
    const v = vocations.get(s.vocation);
    if (v) for (const w of [v.label.id, v.label.en, ...v.synonyms]) words.add(w);
  }
  return [...words].join(' ');
}

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected to MongoDB');
  return db.collection(BASELINE_COLLECTION);
}

/**
 * Fills the baseline collection from the profiles (unless it already holds one row per profile) and
 * gives it a text index. Returns the row count and how long building took.
 */
export async function buildBaseline(): Promise<{ rows: number; ms: number; reused: boolean }> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected to MongoDB');
  const profiles = await db.collection('candidates').countDocuments({ status: { $ne: 'erased' } });
  const coll = collection();
  const t0 = nowMs();
  if ((await coll.estimatedDocumentCount()) === profiles && profiles > 0) {
    return { rows: profiles, ms: 0, reused: true };
  }
  await coll.drop().catch(() => undefined);
  let batch: Record<string, unknown>[] = [];
  let rows = 0;
  for await (const { record: c } of searchSyncRepository.candidateVersions()) {
    batch.push({
      _id: new mongoose.Types.ObjectId(c.id),
      publicId: c.publicId,
      text: skillWords(c.skills.map((s) => s.code)),
      shareWithEmployers: c.consent.shareWithEmployers,
      status: c.status,
      availableFrom:
        c.status === 'released' && c.release.actualDate ? c.release.actualDate : c.release.expectedDate,
    });
    if (batch.length === 5000) {
      await coll.insertMany(batch, { ordered: false });
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length) await coll.insertMany(batch, { ordered: false });
  rows += batch.length;
  // Indonesian has no stemmer in MongoDB: words are matched as typed.
  await coll.createIndex({ text: 'text' }, { default_language: 'none', name: 'text' });
  return { rows, ms: nowMs() - t0, reused: false };
}

/** The baseline for one vacancy: the `$text` top 20 with hard filters, then their profiles. */
async function baselineMatch(vacancyId: string, limit: number): Promise<number> {
  const v = await vacancyRepository.findById(vacancyId);
  if (!v) throw new Error(`vacancy ${vacancyId} is gone`);
  const words = [v.title, ...v.skills.flatMap((s) => Object.values(getSkill(s.code)?.label ?? {}))].join(' ');
  const latest = new Date(v.startDate.getTime() + LATE_START_DAYS * DAY);
  const top = await collection()
    .find(
      {
        $text: { $search: words },
        shareWithEmployers: true,
        status: { $in: ['in_custody', 'released'] },
        availableFrom: { $lte: latest },
      },
      { projection: { publicId: 1, score: { $meta: 'textScore' } } },
    )
    .sort({ score: { $meta: 'textScore' } })
    .limit(limit)
    .toArray();
  const profiles = await candidateRepository.findByPublicIds(top.map((t) => String(t.publicId)));
  return profiles.length;
}

/** `n` open vacancies spread evenly over the data set (by their generated order), plus `warm` more. */
export async function pickVacancies(now: Date, n: number, warm: number): Promise<VacancyRecord[]> {
  const open = await vacancyRepository.findMany({ openAt: now }, 1_000_000);
  open.sort((a, b) => Number(a.externalRef?.slice(3)) - Number(b.externalRef?.slice(3)));
  const want = Math.min(open.length, n + warm);
  const step = open.length / Math.max(1, want);
  return Array.from({ length: want }, (_, i) => open[Math.floor(i * step)]!);
}

export interface MatchComparison {
  vacancies: number;
  ours: LatencySummary;
  baseline: LatencySummary;
  /** Average number of results each side returned (ours may return fewer: every hard rule applies). */
  oursResults: number;
  baselineResults: number;
}

/**
 * Times ours and the baseline on the same vacancies, alternating which goes first. Stops early (and
 * says so through `vacancies`) once `budgetMs` is spent, so a slow baseline cannot stretch the run.
 */
export async function compareMatching(
  deps: Pick<Deps, 'search'>,
  vacancies: VacancyRecord[],
  warm: number,
  now: Date,
  budgetMs: number,
): Promise<MatchComparison> {
  const actorFor = (v: VacancyRecord): Actor => ({
    userId: '000000000000000000000001',
    role: 'employer',
    email: 'employer@bench.bekalkerja.local',
    name: 'Rekruter Benchmark',
    employerId: v.employerId,
  });
  const runOurs = async (v: VacancyRecord) => {
    const t0 = nowMs();
    const res = await matchCandidatesForVacancy(deps.search, actorFor(v), v.id, 20, now);
    return { ms: nowMs() - t0, n: res.items.length };
  };
  const runBaseline = async (v: VacancyRecord) => {
    const t0 = nowMs();
    const n = await baselineMatch(v.id, 20);
    return { ms: nowMs() - t0, n };
  };
  for (const v of vacancies.slice(0, warm)) {
    await runOurs(v);
    await runBaseline(v);
  }
  const oursMs: number[] = [];
  const baseMs: number[] = [];
  let oursN = 0;
  let baseN = 0;
  const deadline = nowMs() + budgetMs;
  for (const [i, v] of vacancies.slice(warm).entries()) {
    if (nowMs() > deadline) break;
    const first = i % 2 === 0 ? runOurs : runBaseline;
    const second = i % 2 === 0 ? runBaseline : runOurs;
    const a = await first(v);
    const b = await second(v);
    const [o, base] = i % 2 === 0 ? [a, b] : [b, a];
    oursMs.push(o.ms);
    baseMs.push(base.ms);
    oursN += o.n;
    baseN += base.n;
  }
  return {
    vacancies: oursMs.length,
    ours: summarise(oursMs),
    baseline: summarise(baseMs),
    oursResults: oursN / Math.max(1, oursMs.length),
    baselineResults: baseN / Math.max(1, baseMs.length),
  };
}
