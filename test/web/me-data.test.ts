import assert from 'node:assert/strict';
import { candidateRepository } from '../../server/candidates/repository.js';
import { userRepository } from '../../server/users/repository.js';
import { buildUser } from '../support/factories.js';
import { assertPageRules } from './me-page-checks.js';
import { buildPerson, signIn } from './me-support.js';
import { csrfOf } from './support.js';

describe('web: a person’s data and consent', () => {
  it('when a person unticks sharing, then their profile no longer consents and the page says it is saved', async () => {
    const { person, account } = await buildPerson();
    const agent = await signIn(account.user.email);
    const page = await agent.get('/app/me');
    assert.equal(page.status, 200);
    assertPageRules(page.text, 'my data');
    assert.match(page.text, /name="shareWithEmployers" value="true" checked/);
    assert.ok(page.text.includes(person.publicId));
    assert.match(page.text, /Apa yang dilihat pemberi kerja/);
    for (const hidden of [person.offenceCategory ?? '', person.notes ?? '', person.registrationNumber])
      assert.ok(!page.text.includes(hidden), `shows ${hidden}`);
    const saved = await agent
      .post('/app/me/consent')
      .type('form')
      .send({ _csrf: csrfOf(page.text), contactByEmail: 'true' });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/app/me?saved=consent');
    const after = await candidateRepository.findById(person.id);
    assert.equal(after?.consent.shareWithEmployers, false);
    assert.equal(after?.consent.contactByEmail, true);
    const again = await agent.get(saved.headers.location);
    assert.match(again.text, /Persetujuan Anda tersimpan/);
    assert.ok(!/name="shareWithEmployers" value="true" checked/.test(again.text));
  });

  it('when a person turns off job check-ins, then their account and profile stop them', async () => {
    const { person, account } = await buildPerson();
    const agent = await signIn(account.user.email);
    const page = await agent.get('/app/me');
    const res = await agent
      .post('/app/me/notifications')
      .type('form')
      .send({ _csrf: csrfOf(page.text), candidate_alert: 'true' });
    assert.equal(res.status, 303);
    const user = await userRepository.findById(account.user.id);
    assert.equal(user?.notificationPreferences.checkin_candidate, false);
    assert.equal(user?.notificationPreferences.candidate_alert, true);
    const profile = await candidateRepository.findById(person.id);
    assert.ok(profile?.emailOptOut?.includes('checkin_candidate'));
    assert.ok(!profile?.emailOptOut?.includes('candidate_alert'));
  });

  it('when a person edits contact and preferences, then mistakes are shown on the form and good values are saved', async () => {
    const { person, account } = await buildPerson();
    const agent = await signIn(account.user.email);
    const page = await agent.get('/app/me');
    const bad = await agent
      .post('/app/me/profile')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        'contact.email': 'bukan-email',
        'contact.phone': '0812 1111 2222',
        'preferences.regencies': 'Bone, Makassar',
      });
    assert.equal(bad.status, 400);
    assertPageRules(bad.text, 'my data with errors');
    assert.match(bad.text, /class="error-summary"/);
    assert.match(bad.text, /href="#f-contact-email"/);
    assert.match(bad.text, /value="bukan-email"/, 'the value is kept');
    const good = await agent
      .post('/app/me/profile')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfOf(page.text))}&contact.email=&contact.phone=0812+1111+2222` +
          '&preferences.sectors=construction&preferences.sectors=automotive' +
          '&preferences.regencies=Bone%2C+Makassar&preferences.willingToRelocate=true',
      );
    assert.equal(good.status, 303, good.text.slice(0, 500));
    const after = await candidateRepository.findById(person.id);
    assert.equal(after?.contact.phone, '0812 1111 2222');
    assert.equal(after?.contact.email, undefined);
    assert.deepEqual(after?.preferences.sectors, ['construction', 'automotive']);
    assert.deepEqual(after?.preferences.regencies, ['Bone', 'Makassar']);
    assert.equal(after?.preferences.willingToRelocate, true);
    assert.equal(after?.preferences.nightShiftOk, false);
    assert.equal(after?.fullName, person.fullName, 'nothing else changes');
  });

  it('when a person downloads their data, then a JSON file holds their profile', async () => {
    const { person, account } = await buildPerson();
    const agent = await signIn(account.user.email);
    const res = await agent.get('/app/me/export');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="bekal-kerja-data-saya-/);
    const data = JSON.parse(res.text) as { profile: { id: string; publicId: string; fullName: string } };
    assert.equal(data.profile.id, person.id);
    assert.equal(data.profile.publicId, person.publicId);
    assert.equal(data.profile.fullName, person.fullName);
  });

  it('when an account has no profile, then the person screens are not found', async () => {
    const orphan = await buildUser({ role: 'candidate' });
    const agent = await signIn(orphan.user.email);
    for (const path of ['/app/me', '/app/me/jobs', '/app/me/export'])
      assert.equal((await agent.get(path)).status, 404, path);
  });
});
