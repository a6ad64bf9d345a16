import {
  type EnqueuedTaskPromise,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  type Settings,
  type Task,
} from 'meilisearch';
import type { Config } from '../../config/index.js';
import { errors } from '../http/errors.js';

/** A search hit with the engine's extras (formatted highlights, geo distance). */
export type SearchHit = Record<string, unknown> & {
  _formatted?: Record<string, unknown>;
  _geoDistance?: number;
};

export interface SearchRequest {
  q?: string;
  filter?: string;
  facets?: string[];
  sort?: string[];
  page?: number;
  hitsPerPage?: number;
  limit?: number;
  offset?: number;
  attributesToRetrieve?: string[];
  attributesToHighlight?: string[];
  highlightPreTag?: string;
  highlightPostTag?: string;
  matchingStrategy?: 'last' | 'all' | 'frequency';
}

export interface SearchResult {
  hits: SearchHit[];
  totalHits: number;
  facetDistribution: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

export type IndexSettings = Settings;

/**
 * The one module that wraps meilisearch-js. Index names carry the configured prefix so test runs and
 * environments sharing a server never collide. Every write waits for its engine task and throws when
 * the task failed, so callers only mark work done after it really is.
 */
export interface SearchEngine {
  indexName(base: string): string;
  health(): Promise<boolean>;
  /** Creates the index if missing and applies settings (idempotent). */
  ensureIndex(base: string, primaryKey: string, settings: IndexSettings): Promise<void>;
  upsert(base: string, docs: Record<string, unknown>[], primaryKey: string): Promise<void>;
  remove(base: string, ids: string[]): Promise<void>;
  /**
   * Sends the upserts, then the removals (disjoint sets), and waits for both tasks. Both are queued
   * before either is awaited, so the engine can index them in one batch.
   */
  apply(
    base: string,
    primaryKey: string,
    upserts: Record<string, unknown>[],
    removals: string[],
  ): Promise<void>;
  search(base: string, req: SearchRequest): Promise<SearchResult>;
  getDocument(base: string, id: string): Promise<Record<string, unknown> | null>;
  /** Pages through every document's selected fields (drift checks, tests). */
  allDocuments(base: string, fields?: string[], pageSize?: number): AsyncGenerator<Record<string, unknown>[]>;
  count(base: string): Promise<number>;
  dropIndex(base: string): Promise<void>;
}

const WAIT = { timeout: 120_000, interval: 50 };

/** Maps engine outages to a 503 naming the search service; other errors pass through. */
function unavailable(err: unknown): never {
  // Anything that is not an answer from the engine (refused, timed out, reset) means it is down.
  if (err instanceof MeilisearchRequestError || !(err instanceof MeilisearchApiError)) {
    throw errors.unavailable('pencarian (search)', err);
  }
  if (
    err instanceof MeilisearchApiError &&
    (err.cause as { code?: string } | undefined)?.code === 'index_not_found'
  ) {
    throw errors.unavailable('pencarian (search)', err);
  }
  throw err;
}

export function createSearchEngine(
  config: Pick<Config, 'MEILI_URL' | 'MEILI_MASTER_KEY' | 'MEILI_INDEX_PREFIX'>,
): SearchEngine {
  const client = new Meilisearch({
    host: config.MEILI_URL,
    apiKey: config.MEILI_MASTER_KEY,
    timeout: 10_000,
    // The engine sits next to the app: compressing every small answer costs more CPU than it saves.
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  });
  const name = (base: string) => `${config.MEILI_INDEX_PREFIX}${base}`;
  const index = (base: string) => client.index(name(base));

  // Every task being waited for is polled by one loop with one request per interval, however many
  // writes are in flight (a pipelined bulk sync waits for a dozen tasks at once).
  const waiting = new Map<number, { deadline: number; resolve(t: Task): void; reject(err: unknown): void }>();
  let polling = false;
  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      while (waiting.size > 0) {
        const uids = [...waiting.keys()];
        try {
          const { results } = await client.tasks.getTasks({ uids, limit: uids.length });
          for (const task of results) {
            if (task.status === 'enqueued' || task.status === 'processing') continue;
            waiting.get(task.uid)?.resolve(task);
            waiting.delete(task.uid);
          }
        } catch (err) {
          for (const w of waiting.values()) w.reject(err);
          waiting.clear();
        }
        for (const [uid, w] of waiting) {
          if (Date.now() <= w.deadline) continue;
          w.reject(new Error(`search engine task ${uid} not finished within ${WAIT.timeout} ms`));
          waiting.delete(uid);
        }
        if (waiting.size > 0) await new Promise((r) => setTimeout(r, WAIT.interval));
      }
    } finally {
      polling = false;
    }
  }
  function finished(taskUid: number): Promise<Task> {
    return new Promise<Task>((resolve, reject) => {
      waiting.set(taskUid, { deadline: Date.now() + WAIT.timeout, resolve, reject });
      void poll();
    });
  }

  /**
   * Queues the upserts, then the removals; awaiting each call only waits for the engine to queue the
   * task, which keeps them in order. Returns before the tasks run, so the documents can be let go.
   */
  async function enqueueInOrder(
    base: string,
    primaryKey: string,
    upserts: Record<string, unknown>[],
    removals: string[],
  ): Promise<EnqueuedTaskPromise[]> {
    const tasks: EnqueuedTaskPromise[] = [];
    if (upserts.length) {
      const task = index(base).addDocuments(upserts, { primaryKey });
      await task;
      tasks.push(task);
    }
    if (removals.length) {
      const task = index(base).deleteDocuments(removals);
      await task;
      tasks.push(task);
    }
    return tasks;
  }

  async function waitOk(p: EnqueuedTaskPromise) {
    const task = await finished((await p).taskUid);
    if (task.status !== 'succeeded') {
      throw new Error(`search engine task ${task.status}: ${JSON.stringify(task.error ?? null)}`);
    }
  }

  return {
    indexName: name,
    async health() {
      try {
        return (await client.health()).status === 'available';
      } catch {
        return false;
      }
    },
    async ensureIndex(base, primaryKey, settings) {
      try {
        await client.getIndex(name(base));
      } catch (err) {
        if (!(err instanceof MeilisearchApiError)) throw err;
        await waitOk(client.createIndex(name(base), { primaryKey }));
      }
      await waitOk(index(base).updateSettings(settings));
    },
    async upsert(base, docs, primaryKey) {
      if (docs.length === 0) return;
      await waitOk(index(base).addDocuments(docs, { primaryKey }));
    },
    async remove(base, ids) {
      if (ids.length === 0) return;
      await waitOk(index(base).deleteDocuments(ids));
    },
    async apply(base, primaryKey, upserts, removals) {
      const tasks = await enqueueInOrder(base, primaryKey, upserts, removals);
      await Promise.all(tasks.map((t) => waitOk(t)));
    },
    async search(base, req) {
      try {
        const { q, ...params } = req;
        const res = await index(base).search(q ?? '', params);
        return {
          hits: res.hits as SearchHit[],
          totalHits:
            (res as { totalHits?: number }).totalHits ??
            (res as { estimatedTotalHits?: number }).estimatedTotalHits ??
            res.hits.length,
          facetDistribution: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
          processingTimeMs: res.processingTimeMs,
        };
      } catch (err) {
        return unavailable(err);
      }
    },
    async getDocument(base, id) {
      try {
        return (await index(base).getDocument(id)) as Record<string, unknown>;
      } catch (err) {
        if (err instanceof MeilisearchApiError) return null;
        throw err;
      }
    },
    async *allDocuments(base, fields, pageSize = 1000) {
      let offset = 0;
      for (;;) {
        const page = await index(base).getDocuments({ offset, limit: pageSize, fields: fields as never });
        if (page.results.length === 0) return;
        yield page.results as Record<string, unknown>[];
        offset += page.results.length;
        if (page.results.length < pageSize) return;
      }
    },
    async count(base) {
      const stats = await index(base).getStats();
      return stats.numberOfDocuments;
    },
    async dropIndex(base) {
      try {
        await waitOk(client.deleteIndex(name(base)));
      } catch (err) {
        if (!(err instanceof MeilisearchApiError)) throw err;
      }
    },
  };
}
