import assert from 'node:assert/strict';
import request from 'supertest';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  type Places,
  uniq,
} from '../support/factories.js';
import { indexNow } from './support.js';

describe('employer candidate search', () => {
  let places: Places;
  let regency: string;
  before(async () => {
    regency = `Kabupaten Uji ${uniq()}`;
    places = await buildPlaces(regency);
  });

  it('when an employer searches "las", "welder" or "SMAW", then the same welders are found (synonyms)', async () => {
    const deps = await testDeps();
    const welder = await buildCandidate(places, {
      domicile: { province: 'Sulawesi Selatan', regency },
      skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }],
    });
    const cook = await buildCandidate(places, {
      domicile: { province: 'Sulawesi Selatan', regency },
      skills: [{ code: 'culinary.indonesian-cuisine', level: 'basic' }],
    });
    await indexNow(deps);
    const employer = await buildEmployer();
    const { auth } = await buildUser({ role: 'employer', employerId: employer.id });
    for (const q of ['las', 'welder', 'SMAW', 'las listrik']) {
      const res = await request(await testApp())
        .get('/api/v1/search/candidates')
        .query({ q, regency })
        .set(auth);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const ids = res.body.items.map((i: { publicId: string }) => i.publicId);
      assert.ok(ids.includes(welder.publicId), `${q} should find the welder`);
      if (cook) assert.ok(!ids.includes(cook.publicId), `${q} should not find the cook`);
    }
  });
});
