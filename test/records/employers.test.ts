import assert from 'node:assert/strict';
import type { Express } from 'express';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testApp } from '../support/context.js';
import { buildEmployer, buildUser, type TestUser, uniq } from '../support/factories.js';
import { api, errorPaths } from './helpers.js';

function employerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `CV Rekan Kerja ${uniq()}`,
    sector: 'construction',
    province: 'Sulawesi Selatan',
    regency: 'Bone',
    location: { lat: -4.54, lng: 120.33 },
    contactEmail: `${uniq('hr-')}@test.bekalkerja.local`,
    fairChancePledge: true,
    ...overrides,
  };
}

describe('records: employers', () => {
  settleAfterSuite();
  let app: Express;
  let admin: TestUser;
  let officer: TestUser;
  before(async () => {
    app = await testApp();
    admin = await buildUser({ role: 'admin' });
    officer = await buildUser({ role: 'officer' });
  });

  it('when an officer registers an employer, then 201 and it starts unverified', async () => {
    const body = employerBody();
    const res = await api(app, 'post', '/employers', officer.auth).send(body);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.name, body.name);
    assert.equal(res.body.verified, false);
    assert.equal(res.body.verifiedAt, undefined);
    assert.equal(res.body.fairChancePledge, true);
  });

  it('when an officer tries to set verified, on create or update, then 403 names body.verified', async () => {
    for (const verified of [true, false]) {
      const res = await api(app, 'post', '/employers', officer.auth).send(employerBody({ verified }));
      assert.equal(res.status, 403, res.text);
      assert.deepEqual(errorPaths(res.body), ['body.verified']);
    }
    const e = await buildEmployer({ verified: false });
    const patch = await api(app, 'patch', `/employers/${e.id}`, officer.auth).send({ verified: true });
    assert.equal(patch.status, 403);
  });

  it('when an admin verifies an employer, then verified and verifiedAt are set', async () => {
    const e = await buildEmployer({ verified: false });
    const res = await api(app, 'patch', `/employers/${e.id}`, admin.auth).send({ verified: true });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.verified, true);
    assert.ok(Date.parse(res.body.verifiedAt) > Date.now() - 60_000);
  });

  it('when an employer user edits its own record, then the change is kept and fields not sent stay as they were', async () => {
    const e = await buildEmployer({ fairChancePledge: true, verified: true });
    const hr = await buildUser({ role: 'employer', employerId: e.id });
    const name = `CV Nama Baru ${uniq()}`;
    const res = await api(app, 'patch', `/employers/${e.id}`, hr.auth).send({ name, regency: 'Kab. Wajo' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.name, name);
    assert.equal(res.body.regency, 'Kab. Wajo');
    assert.equal(res.body.fairChancePledge, true, 'a patch without the pledge must not reset it');
    assert.equal(res.body.verified, true);
    const verify = await api(app, 'patch', `/employers/${e.id}`, hr.auth).send({ verified: true });
    assert.equal(verify.status, 403);
    assert.deepEqual(errorPaths(verify.body), ['body.verified']);
    const empty = await api(app, 'patch', `/employers/${e.id}`, hr.auth).send({});
    assert.equal(empty.status, 400);
  });

  it('when an employer user reads or edits another employer, then 404 and nothing changes', async () => {
    const [mine, theirs] = await Promise.all([buildEmployer(), buildEmployer()]);
    const hr = await buildUser({ role: 'employer', employerId: mine.id });
    const read = await api(app, 'get', `/employers/${theirs.id}`, hr.auth);
    assert.equal(read.status, 404);
    const patch = await api(app, 'patch', `/employers/${theirs.id}`, hr.auth).send({ name: 'Diambil alih' });
    assert.equal(patch.status, 404);
    const after = await api(app, 'get', `/employers/${theirs.id}`, admin.auth);
    assert.equal(after.body.name, theirs.name);
  });

  it('when employers are listed, then an employer user sees only its own and officers filter by regency', async () => {
    const regency = `Kabupaten Daftar ${uniq()}`;
    const [one, two] = await Promise.all([buildEmployer({ regency }), buildEmployer({ regency })]);
    const hr = await buildUser({ role: 'employer', employerId: one.id });
    const own = await api(app, 'get', '/employers?limit=100', hr.auth);
    assert.equal(own.status, 200);
    assert.deepEqual(
      own.body.items.map((e: { id: string }) => e.id),
      [one.id],
    );
    assert.equal(own.body.total, 1);
    const filtered = await api(app, 'get', `/employers?regency=${encodeURIComponent(regency)}`, officer.auth);
    assert.deepEqual(filtered.body.items.map((e: { id: string }) => e.id).sort(), [one.id, two.id].sort());
    const staff = await buildUser({ role: 'facility_staff' });
    assert.equal((await api(app, 'get', '/employers', staff.auth)).status, 403);
  });

  it('when the body is wrong, then 400 names each field', async () => {
    const res = await api(app, 'post', '/employers', admin.auth).send(
      employerBody({ name: 'X', sector: 'crime', contactEmail: 'nope', location: { lat: 100, lng: 0 } }),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(errorPaths(res.body), [
      'body.contactEmail',
      'body.location.lat',
      'body.name',
      'body.sector',
    ]);
  });
});
