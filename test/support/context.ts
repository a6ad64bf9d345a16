import type { Express } from 'express';
import { config } from '../../config/index.js';
import { createApp } from '../../server/app.js';
import { createDeps, type Deps } from '../../server/deps.js';
import { ensureSearchIndexes } from '../../server/search/sync.js';

let depsPromise: Promise<Deps> | null = null;
let app: Express | null = null;

/** Real connections to this run's database, indexes and queues, shared by all tests in the run. */
export function testDeps(): Promise<Deps> {
  depsPromise ??= createDeps(config, 'api').then(async (deps) => {
    await ensureSearchIndexes(deps.search);
    return deps;
  });
  return depsPromise;
}

/** The app built in-process over the shared deps. */
export async function testApp(): Promise<Express> {
  const deps = await testDeps();
  app ??= createApp(deps);
  return app;
}

export async function closeTestDeps(): Promise<void> {
  if (!depsPromise) return;
  const deps = await depsPromise;
  depsPromise = null;
  app = null;
  await deps.close();
}
