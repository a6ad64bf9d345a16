/**
 * Where a benchmark run writes: its own database, index prefix and queue prefix, derived from the
 * configuration the same way the test runner derives a test run's, and removed again at the end.
 */
import { Redis } from 'ioredis';
import { Meilisearch } from 'meilisearch';
import mongoose from 'mongoose';
import type { Config } from '../../config/index.js';

export interface BenchTarget {
  /** The MongoDB database name. */
  database: string;
  indexPrefix: string;
  queuePrefix: string;
  /** The configuration every part of the benchmark runs with. */
  config: Config;
}

/** The run's configuration: the given one pointed at `name` (database, `name_` index prefix, queue prefix). */
export function benchTarget(base: Config, name: string, logLevel: Config['LOG_LEVEL']): BenchTarget {
  const uri = new URL(base.MONGODB_URI);
  uri.pathname = `/${name}`;
  const indexPrefix = `${name}_`;
  const config: Config = Object.freeze({
    ...base,
    MONGODB_URI: uri.toString(),
    MEILI_INDEX_PREFIX: indexPrefix,
    QUEUE_PREFIX: name,
    LOG_LEVEL: logLevel,
  });
  return { database: name, indexPrefix, queuePrefix: name, config };
}

/** Drops the run's database, deletes its indexes and its queue keys; reports what could not be removed. */
export async function cleanupTarget(t: BenchTarget, log: (m: string) => void): Promise<void> {
  await mongoose
    .createConnection(t.config.MONGODB_URI, { serverSelectionTimeoutMS: 5000 })
    .asPromise()
    .then(async (conn) => {
      await conn.dropDatabase();
      await conn.close();
    })
    .catch((err: Error) => log(`could not drop database ${t.database}: ${err.message}`));
  try {
    const meili = new Meilisearch({ host: t.config.MEILI_URL, apiKey: t.config.MEILI_MASTER_KEY });
    const { results } = await meili.getIndexes({ limit: 1000 });
    for (const idx of results.filter((i) => i.uid.startsWith(t.indexPrefix))) {
      await meili.deleteIndex(idx.uid).waitTask({ timeout: 120_000 });
    }
  } catch (err) {
    log(`could not delete indexes ${t.indexPrefix}*: ${(err as Error).message}`);
  }
  const redis = new Redis(t.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch (err) {
    log(`could not delete queue keys ${t.queuePrefix}:*: ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
