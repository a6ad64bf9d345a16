import { Meilisearch } from 'meilisearch';
import type { Config } from '../../config/index.js';

/**
 * The one module that wraps meilisearch-js. Index names carry the configured prefix so test runs and
 * environments sharing a server never collide.
 */
export interface SearchEngine {
  client: Meilisearch;
  indexName(base: string): string;
  health(): Promise<boolean>;
}

export function createSearchEngine(
  config: Pick<Config, 'MEILI_URL' | 'MEILI_MASTER_KEY' | 'MEILI_INDEX_PREFIX'>,
): SearchEngine {
  const client = new Meilisearch({
    host: config.MEILI_URL,
    apiKey: config.MEILI_MASTER_KEY,
    timeout: 5000,
  });
  return {
    client,
    indexName: (base) => `${config.MEILI_INDEX_PREFIX}${base}`,
    async health() {
      try {
        const res = await client.health();
        return res.status === 'available';
      } catch {
        return false;
      }
    },
  };
}
