import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { createWriteHooks } from '../../server/hooks.js';
import { OutboxModel } from '../../server/outbox/model.js';
import { VACANCIES_INDEX } from '../../server/search/documents.js';
import { syncDirty } from '../../server/search/sync.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { bulkCreateVacancies } from '../../server/vacancies/service.js';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testDeps } from '../support/context.js';
import { buildEmployer, uniq, vacancyInput } from '../support/factories.js';

describe('records: bulk vacancy creation', () => {
  settleAfterSuite();

  it('when vacancies are created in bulk, then each row is checked like a single post, good rows land, and one index job is recorded per chunk', async () => {
    const deps = await testDeps();
    const employer = await buildEmployer();
    const inputs = [
      vacancyInput(employer.id, { title: `Juru Las ${uniq()}` }),
      vacancyInput(employer.id, { employerId: '000000000000000000000000' }),
      vacancyInput(employer.id, { skills: [{ code: 'welding.smaw', required: false }] }),
      vacancyInput(employer.id, {
        skills: [{ name: 'las listrik', required: true }],
        externalRef: uniq('V-'),
      }),
    ];
    const res = await bulkCreateVacancies(
      SYSTEM_ACTOR,
      inputs,
      { now: new Date() },
      createWriteHooks(deps).vacancies,
    );
    assert.deepEqual(
      res.created.map((c) => c.index),
      [0, 3],
    );
    assert.deepEqual(
      res.failed.map((f) => [f.index, f.error.details?.map((d) => d.path)]),
      [
        [1, ['body.employerId']],
        [2, ['body.skills']],
      ],
    );
    const stored = await vacancyRepository.findById(res.created[1]!.id);
    assert.deepEqual(
      stored?.skills.map((s) => s.code),
      ['welding.smaw'],
    );
    const jobs = await OutboxModel.find({ jobId: `search-dirty-vac.${res.created[0]!.id}.2` }).lean();
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.jobName, 'search.syncDirty');
    await syncDirty(deps.search, 'vacancies', new Date());
    for (const { id } of res.created) assert.ok(await deps.search.getDocument(VACANCIES_INDEX, id));
  });

  it('when a chunk holds a duplicate external reference, then the other rows still land', async () => {
    const deps = await testDeps();
    const employer = await buildEmployer();
    const ref = uniq('V-');
    const hooks = createWriteHooks(deps).vacancies;
    await bulkCreateVacancies(
      SYSTEM_ACTOR,
      [vacancyInput(employer.id, { externalRef: ref })],
      { now: new Date() },
      hooks,
    );
    const res = await bulkCreateVacancies(
      SYSTEM_ACTOR,
      [vacancyInput(employer.id), vacancyInput(employer.id, { externalRef: ref }), vacancyInput(employer.id)],
      { now: new Date() },
      hooks,
    );
    assert.deepEqual(
      res.created.map((c) => c.index),
      [0, 2],
    );
    assert.deepEqual(
      res.failed.map((f) => [f.index, f.error.status, f.error.details?.[0]?.path]),
      [[1, 409, 'body.externalRef']],
    );
  });
});
