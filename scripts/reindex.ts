/**
 * `npm run reindex`: repairs the search indexes from MongoDB (missing, stale and orphan documents).
 * `npm run reindex -- --rebuild` drops both indexes first and rebuilds them from scratch (settings
 * included) — use after changing index settings in a way that needs a clean index.
 */
import { parseArgs } from 'node:util';
import { config } from '../config/index.js';
import { createDeps } from '../server/deps.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../server/search/documents.js';
import { reconcileFull } from '../server/search/sync.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false } } });
  const deps = await createDeps(config, 'script');
  const started = Date.now();
  try {
    if (values.rebuild) {
      process.stdout.write('dropping indexes…\n');
      await deps.search.dropIndex(CANDIDATES_INDEX);
      await deps.search.dropIndex(VACANCIES_INDEX);
    }
    const reports = await reconcileFull(deps.search, deps.clock.now());
    for (const r of reports) {
      process.stdout.write(
        `${r.kind.padEnd(10)} expected ${r.expected}, were indexed ${r.indexed}: missing ${r.missing}, stale ${r.stale}, orphans ${r.orphans} — repaired\n`,
      );
    }
    process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await deps.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`reindex failed: ${(err as Error).message}\n`);
  process.exit(1);
});
