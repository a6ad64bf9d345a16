import type { Deps } from '../../server/deps.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../../server/search/documents.js';
import { syncDirty } from '../../server/search/sync.js';

/** Indexes every dirty record now (what the worker does), so a test can query the real engine. */
export async function indexNow(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await syncDirty(deps.search, 'candidates', now);
  await syncDirty(deps.search, 'vacancies', now);
}

export async function indexedCandidate(deps: Deps, publicId: string) {
  return deps.search.getDocument(CANDIDATES_INDEX, publicId);
}

export async function indexedVacancy(deps: Deps, id: string) {
  return deps.search.getDocument(VACANCIES_INDEX, id);
}

export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
