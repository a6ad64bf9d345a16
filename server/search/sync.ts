import type { CandidateRecord } from '../candidates/types.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../infra/logger.js';
import { type DbSession, withTransaction } from '../infra/mongo.js';
import { jobId } from '../infra/queue.js';
import type { SearchEngine } from '../infra/search.js';
import type { JobHandler } from '../jobs/handler.js';
import { outboxJob, recordJobs } from '../outbox/service.js';
import { type VacancyRecord, vacancyRepository } from '../vacancies/repository.js';
import { CANDIDATES_INDEX, candidateDocument, VACANCIES_INDEX, vacancyDocument } from './documents.js';
import { searchSyncRepository as repo, type SweepPosition } from './repository.js';
import { candidateIndexSettings, vacancyIndexSettings } from './settings.js';

/** Creates both indexes if missing and applies the settings that live in code. */
export async function ensureSearchIndexes(search: SearchEngine): Promise<void> {
  await search.ensureIndex(CANDIDATES_INDEX, 'publicId', candidateIndexSettings());
  await search.ensureIndex(VACANCIES_INDEX, 'id', vacancyIndexSettings());
}

/** At process start: apply settings, but never refuse to start because the engine is down. */
export async function ensureSearchIndexesSoft(search: SearchEngine, log: Logger): Promise<boolean> {
  try {
    await ensureSearchIndexes(search);
    return true;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'search indexes not ready; the reconcile job will retry');
    return false;
  }
}

// ---------------------------------------------------------------- write hooks

/** Outbox job for a person's index sync, recorded in the write's transaction. */
export function candidateSyncJobs(
  c: Pick<CandidateRecord, 'id' | 'version'>,
  session: DbSession,
): Promise<string[]> {
  return recordJobs(
    [outboxJob('search.syncCandidate', { candidateId: c.id }, jobId('search-cand', c.id, `v${c.version}`))],
    session,
  );
}

export function vacancySyncJobs(
  v: Pick<VacancyRecord, 'id' | 'version'>,
  session: DbSession,
): Promise<string[]> {
  return recordJobs(
    [outboxJob('search.syncVacancy', { vacancyId: v.id }, jobId('search-vac', v.id, `v${v.version}`))],
    session,
  );
}

// ---------------------------------------------------------------- sync

/** Syncs one person: upsert the projection, or delete it when they may no longer be shown. */
export async function syncCandidate(
  search: SearchEngine,
  candidateId: string,
  now: Date,
): Promise<'upserted' | 'removed' | 'missing'> {
  const state = await repo.candidate(candidateId);
  if (!state) return 'missing';
  const result = await applyCandidates(search, [state], now);
  return result.upserted ? 'upserted' : 'removed';
}

/**
 * Sends one batch to the engine and, once it confirmed, marks the records clean at the version read.
 * The documents are built and sent synchronously up front; while the engine works only ids and versions
 * are held, so a pipelined sweep can keep many batches in flight cheaply.
 */
function applyCandidates(
  search: SearchEngine,
  states: Awaited<ReturnType<typeof repo.dirtyCandidates>>,
  now: Date,
): Promise<{ upserted: number; removed: number; marked: number }> {
  const upserts: Record<string, unknown>[] = [];
  const removals: string[] = [];
  for (const s of states) {
    if (s.erased) {
      if (s.pendingIndexRemoval) removals.push(s.pendingIndexRemoval);
      continue;
    }
    const doc = candidateDocument(s.record, now);
    if (doc) upserts.push(doc);
    else removals.push(s.record.publicId);
  }
  return confirmThenMark(
    // Only after the engine confirms both tasks are the records marked clean.
    search.apply(CANDIDATES_INDEX, 'publicId', upserts, removals),
    states.map((s) => ({ id: s.record.id, version: s.record.version })),
    { upserted: upserts.length, removed: removals.length },
    (entries) => repo.markCandidatesClean(entries),
  );
}

async function confirmThenMark(
  sent: Promise<void>,
  entries: { id: string; version: number }[],
  counts: { upserted: number; removed: number },
  markClean: (entries: { id: string; version: number }[]) => Promise<number>,
): Promise<{ upserted: number; removed: number; marked: number }> {
  await sent;
  return { ...counts, marked: await markClean(entries) };
}

export async function syncVacancy(
  search: SearchEngine,
  vacancyId: string,
  now: Date,
): Promise<'upserted' | 'removed' | 'missing'> {
  const state = await repo.vacancy(vacancyId);
  if (!state) {
    await search.remove(VACANCIES_INDEX, [vacancyId]);
    return 'missing';
  }
  const result = await applyVacancies(search, [state], now);
  return result.upserted ? 'upserted' : 'removed';
}

function applyVacancies(
  search: SearchEngine,
  states: Awaited<ReturnType<typeof repo.dirtyVacancies>>,
  now: Date,
): Promise<{ upserted: number; removed: number; marked: number }> {
  const upserts: Record<string, unknown>[] = [];
  const removals: string[] = [];
  for (const s of states) {
    const doc = vacancyDocument(s.record, s.employer, now);
    if (doc) upserts.push(doc);
    else removals.push(s.record.id);
  }
  return confirmThenMark(
    search.apply(VACANCIES_INDEX, 'id', upserts, removals),
    states.map((s) => ({ id: s.record.id, version: s.record.version })),
    { upserted: upserts.length, removed: removals.length },
    (entries) => repo.markVacanciesClean(entries),
  );
}

export interface SyncDirtyOptions {
  batchSize?: number;
  olderThanMs?: number;
  maxBatches?: number;
}

/**
 * Batches one sweep keeps in flight. The engine merges whatever is queued into one indexing run, so
 * this is about twice what one run takes: the next run's batches are queued while one is indexed.
 */
export const SWEEP_DEPTH = 12;
/** Records per batch of a sweep (the engine merges queued batches into larger indexing runs). */
export const SWEEP_BATCH = 2000;

/**
 * Indexes every dirty record of a kind in batches; returns how many were processed.
 *
 * Batches are pipelined: up to SWEEP_DEPTH batches are in flight (read, sent to the engine, waiting for
 * its task) and each read continues after the previous one, so the engine can merge queued tasks into
 * larger indexing runs instead of idling between them. A record is still marked clean only after the
 * engine confirmed its own batch, and only if it has not changed since it was read. Calls for the same kind and options that arrive while a sweep runs in this process share
 * one follow-up sweep that starts when the running one ends (a bulk import enqueues one job per chunk,
 * and parallel sweeps would index the same records several times).
 */
export function syncDirty(
  search: SearchEngine,
  kind: 'candidates' | 'vacancies',
  now: Date,
  opts: SyncDirtyOptions = {},
): Promise<number> {
  const key = JSON.stringify([
    kind,
    opts.batchSize ?? SWEEP_BATCH,
    opts.olderThanMs ?? 0,
    opts.maxBatches ?? null,
  ]);
  let sweeps = runningSweeps.get(search);
  if (!sweeps) {
    sweeps = new Map();
    runningSweeps.set(search, sweeps);
  }
  return coalesce(sweeps, key, now, (at) => sweepDirty(search, kind, at, opts));
}

interface SweepState {
  /** The follow-up sweep callers share while one is running, with the latest `now` asked for. */
  next: { promise: Promise<number>; now: Date; resolve(n: number): void; reject(err: unknown): void } | null;
}

const runningSweeps = new WeakMap<SearchEngine, Map<string, SweepState>>();

function coalesce(
  sweeps: Map<string, SweepState>,
  key: string,
  now: Date,
  run: (now: Date) => Promise<number>,
): Promise<number> {
  const state = sweeps.get(key);
  if (state) {
    if (state.next) {
      if (now > state.next.now) state.next.now = now;
      return state.next.promise;
    }
    let resolve!: (n: number) => void;
    let reject!: (err: unknown) => void;
    const promise = new Promise<number>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    state.next = { promise, now, resolve, reject };
    return promise;
  }
  const fresh: SweepState = { next: null };
  sweeps.set(key, fresh);
  const start = (at: Date): Promise<number> => {
    const p = run(at);
    void p.then(advance, advance);
    return p;
  };
  const advance = () => {
    const next = fresh.next;
    if (!next) {
      sweeps.delete(key);
      return;
    }
    fresh.next = null;
    start(next.now).then(next.resolve, next.reject);
  };
  return start(now);
}

async function sweepDirty(
  search: SearchEngine,
  kind: 'candidates' | 'vacancies',
  now: Date,
  opts: SyncDirtyOptions,
): Promise<number> {
  const batchSize = opts.batchSize ?? SWEEP_BATCH;
  const olderThan = opts.olderThanMs ? new Date(now.getTime() - opts.olderThanMs) : undefined;
  const maxBatches = opts.maxBatches ?? Number.POSITIVE_INFINITY;
  if (kind === 'candidates') {
    return pipeline(
      (after) => repo.dirtyCandidates(batchSize, olderThan, after),
      (s) => s.record,
      (batch) => applyCandidates(search, batch, now),
      batchSize,
      maxBatches,
    );
  }
  return pipeline(
    (after) => repo.dirtyVacancies(batchSize, olderThan, after),
    (s) => s.record,
    (batch) => applyVacancies(search, batch, now),
    batchSize,
    maxBatches,
  );
}

/**
 * Reads and applies batches, up to SWEEP_DEPTH at once. While batches are in flight the next read
 * continues after the last one (by change time), so nothing in flight is read twice; with nothing in
 * flight it reads from the start, exactly like one batch after another. It ends, like that plain loop,
 * when a read from the start comes back short.
 */
async function pipeline<T>(
  read: (after?: SweepPosition) => Promise<T[]>,
  keyOf: (item: T) => { id: string; updatedAt: Date },
  apply: (batch: T[]) => Promise<unknown>,
  batchSize: number,
  maxBatches: number,
): Promise<number> {
  const inFlight: Promise<unknown>[] = [];
  let position: SweepPosition | undefined;
  let processed = 0;
  let failure: { err: unknown } | null = null;
  const drain = async () => {
    while (inFlight.length) await inFlight.shift();
  };
  try {
    for (let i = 0; i < maxBatches; i++) {
      const fromStart = inFlight.length === 0;
      if (fromStart) position = undefined;
      const batch = await read(position);
      if (batch.length > 0) {
        const done = apply(batch);
        // Awaited below; this only keeps a failure from counting as unhandled in the meantime.
        done.catch(() => undefined);
        inFlight.push(done);
        processed += batch.length;
        for (const item of batch) {
          const { id, updatedAt } = keyOf(item);
          if (!position || updatedAt > position.updatedAt) position = { updatedAt, ids: [id] };
          else if (updatedAt.getTime() === position.updatedAt.getTime()) position.ids.push(id);
        }
      }
      if (batch.length < batchSize) {
        if (fromStart) break;
        // Caught up with what was there as the sweep passed: wait, then look again from the start.
        await drain();
      } else if ((position?.ids.length ?? 0) > 4 * batchSize) {
        // Many changes at one instant (a bulk re-mark) would make the skip list long: read afresh.
        await drain();
      } else if (inFlight.length >= SWEEP_DEPTH) {
        await inFlight.shift();
      }
    }
  } catch (err) {
    failure = { err };
  }
  // Every batch already sent settles before the sweep returns or fails.
  const settled = await Promise.allSettled(inFlight);
  if (failure) throw failure.err;
  const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return processed;
}

export interface DriftReport {
  kind: 'candidates' | 'vacancies';
  expected: number;
  indexed: number;
  missing: number;
  stale: number;
  orphans: number;
}

/**
 * Full drift check: compares what MongoDB says should be indexed (and at which version) with what the
 * index holds. Missing and stale records are marked dirty and re-synced; orphans are deleted.
 */
export async function reconcileFull(search: SearchEngine, now: Date): Promise<DriftReport[]> {
  await ensureSearchIndexes(search);
  const reports: DriftReport[] = [];

  const expectedCandidates = new Map<string, number>();
  for await (const row of repo.candidateVersions()) {
    if (candidateDocument(row.record, now)) expectedCandidates.set(row.publicId, row.version);
  }
  reports.push(
    await compare(search, CANDIDATES_INDEX, 'publicId', expectedCandidates, 'candidates', (ids) =>
      repo.markCandidatesDirty(ids),
    ),
  );
  await syncDirty(search, 'candidates', now);

  const expectedVacancies = new Map<string, number>();
  for await (const row of repo.vacancyVersions()) {
    if (
      row.record.status === 'open' &&
      (!row.record.closesAt || row.record.closesAt >= now) &&
      row.record.openings > 0
    ) {
      expectedVacancies.set(row.id, row.version);
    }
  }
  reports.push(
    await compare(search, VACANCIES_INDEX, 'id', expectedVacancies, 'vacancies', (ids) =>
      repo.markVacanciesDirty(ids),
    ),
  );
  await syncDirty(search, 'vacancies', now);
  return reports;
}

async function compare(
  search: SearchEngine,
  index: string,
  key: string,
  expected: Map<string, number>,
  kind: DriftReport['kind'],
  markDirty: (ids: string[]) => Promise<void>,
): Promise<DriftReport> {
  const seen = new Set<string>();
  const orphans: string[] = [];
  const stale: string[] = [];
  for await (const page of search.allDocuments(index, [key, 'version'])) {
    for (const doc of page) {
      const id = String(doc[key]);
      seen.add(id);
      const want = expected.get(id);
      if (want === undefined) orphans.push(id);
      else if (Number(doc.version ?? 0) < want) stale.push(id);
    }
  }
  const missing = [...expected.keys()].filter((id) => !seen.has(id));
  await search.remove(index, orphans);
  await markDirty([...missing, ...stale]);
  return {
    kind,
    expected: expected.size,
    indexed: seen.size,
    missing: missing.length,
    stale: stale.length,
    orphans: orphans.length,
  };
}

/** Closes open vacancies whose closing time has passed (a normal write, so the index follows). */
export async function closeExpiredVacancies(deps: Pick<Deps, 'outbox'>, now: Date): Promise<number> {
  const ids = await repo.expiredOpenVacancyIds(now, 500);
  let closed = 0;
  for (const id of ids) {
    const v = await vacancyRepository.findById(id);
    if (!v || v.status !== 'open') continue;
    const outboxIds = await withTransaction(async (session) => {
      const updated = await vacancyRepository.update(id, { status: 'closed' }, v.version, session);
      return updated ? vacancySyncJobs(updated, session) : [];
    });
    if (outboxIds.length) closed++;
    await deps.outbox.dispatch(outboxIds);
  }
  return closed;
}

// ---------------------------------------------------------------- job handlers

export const handleSyncCandidate: JobHandler<'search.syncCandidate'> = async ({ candidateId }, ctx) =>
  syncCandidate(ctx.deps.search, candidateId, ctx.deps.clock.now());

export const handleSyncVacancy: JobHandler<'search.syncVacancy'> = async ({ vacancyId }, ctx) =>
  syncVacancy(ctx.deps.search, vacancyId, ctx.deps.clock.now());

export const handleSyncDirty: JobHandler<'search.syncDirty'> = async ({ kind, olderThanMs }, ctx) =>
  syncDirty(ctx.deps.search, kind, ctx.deps.clock.now(), { olderThanMs });

export const handleReconcile: JobHandler<'search.reconcile'> = async ({ full }, ctx) => {
  const { search, clock } = ctx.deps;
  const now = clock.now();
  await ensureSearchIndexes(search);
  const closed = await closeExpiredVacancies(ctx.deps, now);
  if (full) {
    const reports = await reconcileFull(search, now);
    ctx.log.info({ reports, closed }, 'search reconcile (full)');
    return { closed, reports };
  }
  // Records whose own sync job is probably lost (dirty for over 30 s) are swept in batches.
  const candidates = await syncDirty(search, 'candidates', now, { olderThanMs: 30_000 });
  const vacancies = await syncDirty(search, 'vacancies', now, { olderThanMs: 30_000 });
  return { closed, candidates, vacancies };
};
