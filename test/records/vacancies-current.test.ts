import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { updateVacancy } from '../../server/vacancies/service.js';
import { buildEmployer, buildVacancy } from '../support/factories.js';

describe('current vacancy records (process copy checked by version)', () => {
  it('when a vacancy changes after it was read, then the next read returns the change', async () => {
    const employer = await buildEmployer();
    const a = await buildVacancy(employer.id, { title: 'Juru Las A' });
    const b = await buildVacancy(employer.id, { title: 'Juru Las B' });
    const first = await vacancyRepository.findCurrentByIds([b.id, a.id, 'not-an-id', b.id]);
    assert.deepEqual(
      first.map((v) => v.title),
      ['Juru Las B', 'Juru Las A'],
      'in the order asked, each once, invalid ids left out',
    );
    const again = await vacancyRepository.findCurrentByIds([a.id]);
    assert.equal(again[0], first[1], 'an unchanged record is served from the copy');

    await updateVacancy(
      SYSTEM_ACTOR,
      a.id,
      { status: 'closed', title: 'Juru Las A (tutup)' },
      { now: new Date() },
    );
    const [changed] = await vacancyRepository.findCurrentByIds([a.id]);
    assert.equal(changed?.status, 'closed');
    assert.equal(changed?.title, 'Juru Las A (tutup)');
    assert.equal(changed?.version, (first[1]?.version ?? 0) + 1);
  });
});
