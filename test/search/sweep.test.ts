import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { CandidateModel } from '../../server/candidates/model.js';
import { bulkCreateCandidates } from '../../server/candidates/service.js';
import { createWriteHooks } from '../../server/hooks.js';
import { CANDIDATES_INDEX } from '../../server/search/documents.js';
import { syncDirty } from '../../server/search/sync.js';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testDeps } from '../support/context.js';
import { buildPlaces, candidateInput, type Places, uniq } from '../support/factories.js';

async function createDirty(places: Places, n: number) {
  const deps = await testDeps();
  const res = await bulkCreateCandidates(
    SYSTEM_ACTOR,
    Array.from({ length: n }, (_, i) =>
      candidateInput(places, { consent: { shareWithEmployers: i % 3 !== 0, contactByEmail: false } }),
    ),
    { now: new Date() },
    createWriteHooks(deps).candidates,
  );
  assert.equal(res.failed.length, 0);
  return res.created;
}

async function assertSynced(created: { id: string; publicId: string }[]) {
  const deps = await testDeps();
  const docs = await CandidateModel.find({ _id: { $in: created.map((c) => c.id) } })
    .select({ searchDirty: 1, searchIndexedVersion: 1, consent: 1, publicId: 1 })
    .lean();
  assert.equal(docs.length, created.length);
  for (const d of docs) {
    assert.equal(d.searchDirty, undefined, `${d.publicId} is marked clean`);
    assert.equal(d.searchIndexedVersion, 1);
    const indexed = await deps.search.getDocument(CANDIDATES_INDEX, d.publicId);
    assert.equal(
      indexed !== null,
      d.consent?.shareWithEmployers,
      `${d.publicId} is in the index only with consent`,
    );
  }
}

describe('search: dirty-record sweep', () => {
  settleAfterSuite();
  let places: Places;
  before(async () => {
    places = await buildPlaces(`Kab Sweep ${uniq()}`);
    // Start from a clean slate: earlier suites leave records dirty (no worker runs there).
    const deps = await testDeps();
    await syncDirty(deps.search, 'candidates', new Date());
  });

  it('when more records are dirty than one batch holds, then one sweep indexes them all in pipelined batches', async () => {
    const deps = await testDeps();
    const created = await createDirty(places, 11);
    const processed = await syncDirty(deps.search, 'candidates', new Date(), { batchSize: 2 });
    assert.ok(processed >= created.length, `processed ${processed}`);
    await assertSynced(created);
  });

  it('when sweeps are asked for while one runs, then the later calls share one follow-up sweep and all finish', async () => {
    const deps = await testDeps();
    const created = await createDirty(places, 7);
    const opts = { batchSize: 3 };
    const [first, second, third] = await Promise.all([
      syncDirty(deps.search, 'candidates', new Date(), opts),
      syncDirty(deps.search, 'candidates', new Date(), opts),
      syncDirty(deps.search, 'candidates', new Date(), opts),
    ]);
    assert.ok(first >= created.length, `the running sweep processed ${first}`);
    // The follow-up found nothing left, and both waiting callers got its answer.
    assert.equal(second, 0);
    assert.equal(third, 0);
    await assertSynced(created);
  });
});
