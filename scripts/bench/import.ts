/**
 * Bulk import through the platform's own write path (MongoDB transaction per chunk with audit entries
 * and an outbox job, then the worker's index sync) against the plain engine call a team would make
 * without MongoDB at all: `addDocuments` of the very same search documents.
 */
import type { Meilisearch } from 'meilisearch';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import type { CreateCandidateInput } from '../../server/candidates/schemas.js';
import { bulkCreateCandidates, type CandidateHooks } from '../../server/candidates/service.js';
import type { Deps } from '../../server/deps.js';
import { outboxRepository } from '../../server/outbox/repository.js';
import { candidateDocument } from '../../server/search/documents.js';
import { searchSyncRepository } from '../../server/search/repository.js';
import { candidateIndexSettings } from '../../server/search/settings.js';
import type { CreateVacancyInput } from '../../server/vacancies/schemas.js';
import { bulkCreateVacancies, type VacancyWriteHooks } from '../../server/vacancies/service.js';
import { nowMs } from './stats.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Who the benchmark writes as: the system, named so its audit entries are recognisable. */
export const BENCH_ACTOR = { ...SYSTEM_ACTOR, name: 'Sistem (benchmark)' };

export interface ImportRun {
  /** Documents the index received. */
  docs: number;
  ms: number;
  perSecond: number;
}

export interface WriteRun {
  /** Records written to MongoDB (every one, shareable with employers or not). */
  written: number;
  /** From the first write until the index holds everything. */
  ms: number;
  /** From the first write until the last write committed. */
  writesMs: number;
  ids: string[];
}

/** Waits until the engine has no enqueued or processing task left for the index. */
export async function waitEngineIdle(meili: Meilisearch, indexUid: string, timeoutMs = 60 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await meili.tasks.getTasks({
      indexUids: [indexUid],
      statuses: ['enqueued', 'processing'],
      limit: 1,
    });
    if (open.results.length === 0) return;
    if (Date.now() > deadline) throw new Error(`index ${indexUid} still busy after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Waits until the write path is done: no outbox entry waiting for the queue, no record of the kind
 * still marked dirty (the sync marks records clean only after the engine confirmed their task), and no
 * engine task left for the index.
 */
export async function waitUntilIndexed(
  meili: Meilisearch,
  indexUid: string,
  kind: 'candidates' | 'vacancies',
  timeoutMs = 60 * 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const dirty = () =>
    kind === 'candidates'
      ? searchSyncRepository.countDirtyCandidates()
      : searchSyncRepository.countDirtyVacancies();
  for (;;) {
    const [pending, left] = await Promise.all([outboxRepository.countPending(), dirty()]);
    if (pending === 0 && left === 0) break;
    if (Date.now() > deadline) throw new Error(`${left} ${kind} still dirty after ${timeoutMs} ms`);
    await sleep(100);
  }
  await waitEngineIdle(meili, indexUid, Math.max(1000, deadline - Date.now()));
}

/**
 * Our path for candidates: bulkCreateCandidates in slices (as an import streams its file) with the
 * shared write hooks, then wait until the worker has indexed every eligible profile. Returns the wall
 * time from the first write to the last engine task, and the ids written.
 */
export async function importCandidatesOurs(
  deps: Pick<Deps, 'clock'>,
  meili: Meilisearch,
  indexUid: string,
  hooks: CandidateHooks,
  slices: Iterable<CreateCandidateInput[]>,
): Promise<WriteRun> {
  const ids: string[] = [];
  const t0 = nowMs();
  for (const slice of slices) {
    const res = await bulkCreateCandidates(BENCH_ACTOR, slice, { now: deps.clock.now() }, hooks);
    for (const c of res.created) ids.push(c.id);
    if (res.failed.length) {
      const first = res.failed[0]!;
      throw new Error(
        `generated candidate ${first.index} was refused: ${JSON.stringify(first.error.details)}`,
      );
    }
  }
  const writesMs = nowMs() - t0;
  await waitUntilIndexed(meili, indexUid, 'candidates');
  return { written: ids.length, ms: nowMs() - t0, writesMs, ids };
}

/** Our path for vacancies: bulkCreateVacancies with the shared hooks, then wait for the index. */
export async function importVacanciesOurs(
  deps: Pick<Deps, 'clock'>,
  meili: Meilisearch,
  indexUid: string,
  hooks: VacancyWriteHooks,
  slices: Iterable<CreateVacancyInput[]>,
): Promise<WriteRun> {
  const ids: string[] = [];
  const t0 = nowMs();
  for (const slice of slices) {
    const res = await bulkCreateVacancies(BENCH_ACTOR, slice, { now: deps.clock.now() }, hooks);
    for (const v of res.created) ids.push(v.id);
    if (res.failed.length) {
      const first = res.failed[0]!;
      throw new Error(`generated vacancy ${first.index} was refused: ${JSON.stringify(first.error.details)}`);
    }
  }
  const writesMs = nowMs() - t0;
  await waitUntilIndexed(meili, indexUid, 'vacancies');
  return { written: ids.length, ms: nowMs() - t0, writesMs, ids };
}

/** Deletes an index if it exists and waits for the deletion. */
export async function dropIndexIfPresent(meili: Meilisearch, uid: string): Promise<void> {
  const { results } = await meili.getIndexes({ limit: 1000 });
  if (results.some((i) => i.uid === uid)) await meili.deleteIndex(uid).waitTask({ timeout: 120_000 });
}

/** The search documents of the given profiles, built exactly as the sync builds them. */
export async function candidateDocuments(ids: string[], now: Date): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += 2000) {
    const records = await candidateRepository.findByIds(ids.slice(i, i + 2000));
    for (const r of records) {
      const doc = candidateDocument(r, now);
      if (doc) docs.push(doc);
    }
  }
  return docs;
}

/**
 * The baseline: `addDocuments` of prepared documents into an empty scratch index with the same
 * settings, in batches of `batchSize`, all enqueued at once (the engine batches them), then wait
 * for the last task.
 */
export async function importRaw(
  deps: Pick<Deps, 'search'>,
  meili: Meilisearch,
  scratchBase: string,
  docs: Record<string, unknown>[],
  batchSize: number,
): Promise<ImportRun> {
  const uid = deps.search.indexName(scratchBase);
  await dropIndexIfPresent(meili, uid);
  await deps.search.ensureIndex(scratchBase, 'publicId', candidateIndexSettings());
  const index = meili.index(uid);
  const t0 = nowMs();
  const tasks: number[] = [];
  for (let i = 0; i < docs.length; i += batchSize) {
    tasks.push((await index.addDocuments(docs.slice(i, i + batchSize), { primaryKey: 'publicId' })).taskUid);
  }
  await waitEngineIdle(meili, uid);
  const ms = nowMs() - t0;
  const failed = await meili.tasks.getTasks({ uids: tasks, statuses: ['failed', 'canceled'], limit: 1 });
  if (failed.results.length)
    throw new Error(`raw addDocuments task failed: ${JSON.stringify(failed.results[0])}`);
  const count = (await index.getStats()).numberOfDocuments;
  if (count !== docs.length) throw new Error(`raw index holds ${count} documents, expected ${docs.length}`);
  return { docs: docs.length, ms, perSecond: (docs.length / ms) * 1000 };
}
