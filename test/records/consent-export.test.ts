import assert from 'node:assert/strict';
import type { Express } from 'express';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testApp } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  type CandidateFull,
  type Places,
  type TestUser,
} from '../support/factories.js';
import { api, clientIp, errorPaths } from './helpers.js';

interface HistoryRow {
  field: string;
  from: unknown;
  to: unknown;
  role: string;
  by: string;
}

describe('records: consent and export', () => {
  settleAfterSuite();
  let app: Express;
  let places: Places;
  before(async () => {
    app = await testApp();
    places = await buildPlaces();
  });

  async function person(): Promise<{ c: CandidateFull; me: TestUser }> {
    const c = await buildCandidate(places);
    const me = await buildUser({ role: 'candidate', candidateId: c.id, name: 'Pemilik Data' });
    return { c, me };
  }

  it('when the person withdraws consent, then it is stored with history entries and employers stop seeing them', async () => {
    const { c, me } = await person();
    const employer = await buildUser({ role: 'employer', employerId: (await buildEmployer()).id });
    assert.equal((await api(app, 'get', `/candidates/public/${c.publicId}`, employer.auth)).status, 200);
    const res = await api(app, 'put', `/candidates/${c.id}/consent`, me.auth).send({
      shareWithEmployers: false,
      contactByEmail: true,
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      { share: res.body.consent.shareWithEmployers, email: res.body.consent.contactByEmail },
      { share: false, email: true },
    );
    assert.ok(Date.parse(res.body.consent.updatedAt) > Date.now() - 60_000);
    const changes = (res.body.history as HistoryRow[])
      .filter((h) => h.field.startsWith('consent.'))
      .map((h) => [h.field, h.from, h.to, h.role, h.by]);
    assert.deepEqual(changes, [['consent.shareWithEmployers', true, false, 'candidate', me.user.id]]);
    assert.equal((await api(app, 'get', `/candidates/public/${c.publicId}`, employer.auth)).status, 404);
    assert.equal((await api(app, 'get', `/candidates/${c.id}`, employer.auth)).status, 404);

    const again = await api(app, 'put', `/candidates/${c.id}/consent`, me.auth).send({
      shareWithEmployers: true,
      contactByEmail: false,
    });
    assert.equal(again.status, 200);
    const fields = (again.body.history as HistoryRow[]).filter((h) => h.field.startsWith('consent.'));
    assert.deepEqual(
      fields.map((h) => [h.field, h.from, h.to]),
      [
        ['consent.shareWithEmployers', true, false],
        ['consent.shareWithEmployers', false, true],
        ['consent.contactByEmail', true, false],
      ],
    );
    assert.equal((await api(app, 'get', `/candidates/public/${c.publicId}`, employer.auth)).status, 200);
  });

  it('when the consent body is incomplete, then 400 names the missing field', async () => {
    const { c, me } = await person();
    const res = await api(app, 'put', `/candidates/${c.id}/consent`, me.auth).send({
      shareWithEmployers: false,
    });
    assert.equal(res.status, 400);
    assert.deepEqual(errorPaths(res.body), ['body.contactByEmail']);
  });

  it('when the person exports, then the export holds the profile, their accounts and every read before it, including the export', async () => {
    const { c, me } = await person();
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id, name: 'PK Pembaca' });
    const staff = await buildUser({
      role: 'facility_staff',
      facilityId: places.lapas.id,
      name: 'Staf Pembaca',
    });
    assert.equal((await api(app, 'get', `/candidates/${c.id}`, officer.auth)).status, 200);
    assert.equal((await api(app, 'get', `/candidates/${c.id}`, staff.auth)).status, 200);
    const res = await api(app, 'get', `/candidates/${c.id}/export`, me.auth).set(
      'X-Forwarded-For',
      clientIp(),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.profile.id, c.id);
    assert.equal(res.body.profile.fullName, c.fullName);
    assert.equal(
      res.body.profile.offenceCategory,
      c.offenceCategory,
      'the person sees everything held on them',
    );
    assert.ok(res.body.notice.id && res.body.notice.en);
    assert.deepEqual(
      res.body.accounts.map((a: { email: string; role: string; status: string }) => [
        a.email,
        a.role,
        a.status,
      ]),
      [[me.user.email, 'candidate', 'active']],
    );
    const log = (res.body.accessLog as { action: string; by: string; role: string; at: string }[]).map(
      (a) => [a.action, a.by, a.role],
    );
    for (const row of [
      ['read_profile', 'PK Pembaca', 'officer'],
      ['read_profile', 'Staf Pembaca', 'facility_staff'],
      ['export', 'Pemilik Data', 'candidate'],
    ]) {
      assert.ok(
        log.some((l) => JSON.stringify(l) === JSON.stringify(row)),
        `${row.join(' ')} missing: ${JSON.stringify(log)}`,
      );
    }
    assert.ok(
      log.some((l) => l[0] === 'create'),
      'the registration itself is in the log',
    );
    assert.ok(Date.parse(res.body.generatedAt) > Date.now() - 60_000);
  });

  it("when the officer exports on the person's behalf, then 200; trainers and employers get 403", async () => {
    const { c } = await person();
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id });
    assert.equal((await api(app, 'get', `/candidates/${c.id}/export`, officer.auth)).status, 200);
    const trainer = await buildUser({ role: 'trainer', facilityId: places.blk.id });
    assert.equal((await api(app, 'get', `/candidates/${c.id}/export`, trainer.auth)).status, 403);
    const employer = await buildUser({ role: 'employer', employerId: (await buildEmployer()).id });
    assert.equal((await api(app, 'get', `/candidates/${c.id}/export`, employer.auth)).status, 403);
  });

  it('when the person edits their profile, then only contact and preferences may change', async () => {
    const { c, me } = await person();
    const ok = await api(app, 'patch', `/candidates/${c.id}`, me.auth).send({
      contact: { phone: '+62 811 0000 1111' },
      preferences: { willingToRelocate: true },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.contact.phone, '+62 811 0000 1111');
    assert.equal(ok.body.contact.email, c.contact.email);
    assert.equal(ok.body.preferences.willingToRelocate, true);
    assert.equal(ok.body.preferences.nightShiftOk, true);
    const no = await api(app, 'patch', `/candidates/${c.id}`, me.auth).send({
      notes: 'saya bersih',
      offenceCategory: null,
      contact: { email: null },
    });
    assert.equal(no.status, 403);
    assert.deepEqual(errorPaths(no.body), ['body.notes', 'body.offenceCategory']);
  });
});
