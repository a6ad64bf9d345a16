import assert from 'node:assert/strict';
import { indexNow } from '../search/support.js';
import { testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  uniq,
} from '../support/factories.js';
import { csrfOf, signedInAgent } from './support.js';

describe('web: employer candidate search', () => {
  it('when an employer searches, then cards show only the anonymised projection and filters stay in the URL', async () => {
    const regency = `Kab Web ${uniq()}`;
    const places = await buildPlaces(regency);
    const people = await Promise.all(
      [1, 2].map(() => buildCandidate(places, { domicile: { province: 'Sulawesi Selatan', regency } })),
    );
    await indexNow(await testDeps());
    const employer = await buildEmployer();
    await buildVacancy(employer.id);
    const { user } = await buildUser({ role: 'employer', employerId: employer.id });
    const agent = await signedInAgent(user.email);
    const res = await agent.get(
      `/app/search?q=las&regency=${encodeURIComponent(regency)}&skills=welding.smaw`,
    );
    assert.equal(res.status, 200);
    assert.match(res.text, /2 kandidat/);
    for (const p of people) {
      assert.ok(res.text.includes(p.publicId));
      for (const secret of [p.fullName, p.registrationNumber, p.offenceCategory ?? '', p.contact.email ?? ''])
        assert.ok(!res.text.includes(secret), `leaks ${secret}`);
    }
    assert.match(res.text, /name="skills" value="welding.smaw" checked/);
    // The htmx partial is only the results panel.
    const partial = await agent
      .get(`/app/search?q=las&regency=${encodeURIComponent(regency)}`)
      .set('HX-Request', 'true');
    assert.ok(!partial.text.includes('<html'));
    assert.match(partial.text, /id="results"/);
    // The profile offers "Minta perkenalan", which asks the officer.
    const profile = await agent.get(`/app/candidates/${people[0]!.publicId}`);
    assert.match(profile.text, /Minta perkenalan/);
    const asked = await agent
      .post(`/app/candidates/${people[0]!.publicId}/interest`)
      .type('form')
      .send({
        _csrf: csrfOf(profile.text),
        vacancyId: /name="vacancyId"[^>]*>\s*<option value="([0-9a-f]{24})"/.exec(profile.text)?.[1],
      });
    assert.equal(asked.status, 303);
  });
});
