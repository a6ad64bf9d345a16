import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { AuditModel } from '../../server/audit/model.js';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { CandidateModel } from '../../server/candidates/model.js';
import { bulkCreateCandidates, createCandidate } from '../../server/candidates/service.js';
import { createWriteHooks } from '../../server/hooks.js';
import { buildInsertDocs } from '../../server/infra/lean-insert.js';
import { OutboxModel } from '../../server/outbox/model.js';
import { VacancyModel } from '../../server/vacancies/model.js';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testDeps } from '../support/context.js';
import { buildPlaces, candidateInput, type Places, uniq } from '../support/factories.js';

/** A stored document as plain JSON, without the fields that differ between any two writes. */
function without(doc: unknown, keys: string[]): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  for (const k of keys) delete plain[k];
  return plain;
}

async function stored(id: string): Promise<Record<string, unknown>> {
  const doc = await CandidateModel.collection.findOne({ _id: new mongoose.Types.ObjectId(id) });
  assert.ok(doc, `profile ${id} is stored`);
  assert.equal(String(doc.createdAt), String(doc.updatedAt));
  return without(doc, ['_id', 'publicId', 'registrationNumber', 'createdAt', 'updatedAt']);
}

describe('candidates: bulk creation', () => {
  settleAfterSuite();
  let places: Places;
  before(async () => {
    places = await buildPlaces(`Kab Bulk ${uniq()}`);
  });

  it('when profiles are created in bulk, then each is stored exactly as a single create stores it', async () => {
    const hooks = createWriteHooks(await testDeps()).candidates;
    const now = new Date();
    const full = candidateInput(places);
    const minimal = candidateInput(places, {
      bapasId: undefined,
      domicile: { province: 'Sulawesi Selatan', regency: 'Bone' },
      skills: [],
      education: undefined,
      languages: undefined,
      workHistory: undefined,
      preferences: undefined,
      contact: undefined,
      offenceCategory: undefined,
      restrictions: undefined,
      notes: undefined,
    });
    for (const input of [full, minimal]) {
      const one = await createCandidate(SYSTEM_ACTOR, input, { now }, hooks);
      const twin = { ...input, registrationNumber: uniq('REG-') };
      const bulk = await bulkCreateCandidates(SYSTEM_ACTOR, [twin], { now }, hooks);
      assert.equal(bulk.failed.length, 0);
      assert.deepEqual(await stored(bulk.created[0]!.id), await stored(one.id));
      // The audit entry is stored the same way too.
      const audits = await AuditModel.find({ candidateId: { $in: [one.id, bulk.created[0]!.id] } }).lean();
      assert.equal(audits.length, 2);
      assert.deepEqual(
        without(audits[0], ['_id', 'candidateId']),
        without(audits[1], ['_id', 'candidateId']),
      );
    }
  });

  it('when a chunk holds a duplicate registration, then the good rows still land and the duplicate is reported', async () => {
    const hooks = createWriteHooks(await testDeps()).candidates;
    const taken = candidateInput(places);
    await createCandidate(SYSTEM_ACTOR, taken, { now: new Date() }, hooks);
    const inputs = [candidateInput(places), { ...taken, fullName: 'Orang Lain' }, candidateInput(places)];
    // Chunks of two, so two chunks are in flight and only the first one falls back to row by row.
    const res = await bulkCreateCandidates(SYSTEM_ACTOR, inputs, { now: new Date() }, hooks, 2);
    assert.deepEqual(
      res.created.map((c) => c.index),
      [0, 2],
    );
    assert.deepEqual(
      res.failed.map((f) => [f.index, f.error.status]),
      [[1, 409]],
    );
    // The row that landed one by one is indexed by a batch job, like its chunk would have been.
    const landed = res.created[0]!.id;
    assert.equal(await OutboxModel.countDocuments({ jobId: `search-dirty.${landed}.1` }), 1);
    assert.equal(await OutboxModel.countDocuments({ jobId: { $regex: `^search-cand\\.${landed}\\.` } }), 0);
  });

  it('when a row needs what mongoose alone does (a cast, a setter), then the lean builder steps aside', () => {
    const ok = buildInsertDocs(CandidateModel, [
      {
        publicId: 'BK-1',
        facilityId: places.lapas.id,
        release: { expectedDate: new Date(), type: 'pb' },
        consent: { shareWithEmployers: true, contactByEmail: false },
      },
    ]);
    assert.ok(ok);
    assert.equal(ok[0]!.version, 1);
    assert.equal(ok[0]!.status, 'in_custody');
    assert.deepEqual(ok[0]!.languages, []);
    const row = (overrides: Record<string, unknown>) => [
      {
        publicId: 'BK-2',
        facilityId: places.lapas.id,
        release: { expectedDate: new Date(), type: 'pb' },
        consent: { shareWithEmployers: true, contactByEmail: false },
        ...overrides,
      },
    ];
    assert.equal(buildInsertDocs(CandidateModel, row({ version: '2' })), null, 'a string for a number');
    assert.equal(buildInsertDocs(CandidateModel, row({ gender: 'other' })), null, 'outside the enum');
    assert.equal(buildInsertDocs(CandidateModel, row({ facilityId: 'not-an-id' })), null, 'a bad id');
    assert.equal(buildInsertDocs(CandidateModel, row({ publicId: undefined })), null, 'a missing required');
    assert.equal(buildInsertDocs(VacancyModel, [{ title: ' x ' }]), null, 'a schema with a trim setter');
  });
});
