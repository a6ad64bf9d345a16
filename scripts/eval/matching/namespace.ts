/**
 * A private namespace for one evaluation run: its own database, index prefix and queue prefix derived
 * from the process configuration (as `npm test` does for a test run), so loading the set never touches
 * anyone else's data and nothing else's data disturbs the figures.
 */
import mongoose from 'mongoose';
import type { Config } from '../../../config/index.js';
import type { Deps } from '../../../server/deps.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../../../server/search/documents.js';

export interface Namespace {
  database: string;
  indexPrefix: string;
  queuePrefix: string;
}

/** The database name a MongoDB URI points at. */
export function databaseOf(uri: string): string {
  return new URL(uri).pathname.replace(/^\//, '') || 'test';
}

/**
 * The namespace the quality test evaluates in: the test run's own names plus a `quality` suffix, so it
 * lives and dies with the run and never shares a database with other suites.
 */
export function qualityNamespace(
  config: Pick<Config, 'MONGODB_URI' | 'MEILI_INDEX_PREFIX' | 'QUEUE_PREFIX'>,
): Namespace {
  return {
    database: `${databaseOf(config.MONGODB_URI)}_quality`,
    indexPrefix: `${config.MEILI_INDEX_PREFIX}quality_`,
    queuePrefix: `${config.QUEUE_PREFIX}quality`,
  };
}

/** A copy of `config` pointing at `ns` (same servers, other database, index and queue names). */
export function configFor(config: Config, ns: Namespace, overrides: Partial<Config> = {}): Config {
  const uri = new URL(config.MONGODB_URI);
  uri.pathname = `/${ns.database}`;
  return Object.freeze({
    ...config,
    MONGODB_URI: uri.toString(),
    MEILI_INDEX_PREFIX: ns.indexPrefix,
    QUEUE_PREFIX: ns.queuePrefix,
    ...overrides,
  });
}

/**
 * Removes everything the run wrote: its database, its two indexes and its queues. Refuses to drop a
 * database other than the namespace's own, whatever the connection points at.
 */
export async function dropNamespace(deps: Deps, ns: Namespace): Promise<void> {
  if (deps.mongo.dbName !== ns.database) {
    throw new Error(`refusing to drop ${deps.mongo.dbName}: the evaluation owns only ${ns.database}`);
  }
  await mongoose.connection.dropDatabase();
  await deps.search.dropIndex(CANDIDATES_INDEX);
  await deps.search.dropIndex(VACANCIES_INDEX);
  for (const queue of deps.queues.all()) await queue.obliterate({ force: true });
}
