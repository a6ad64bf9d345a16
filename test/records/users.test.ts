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
  TEST_PASSWORD,
  type TestUser,
  uniq,
} from '../support/factories.js';
import { api, clientIp, errorPaths } from './helpers.js';

const email = () => `${uniq('akun-')}@test.bekalkerja.local`;

describe('records: users', () => {
  settleAfterSuite();
  let app: Express;
  let admin: TestUser;
  let places: Places;
  let employerId: string;
  let candidate: CandidateFull;
  before(async () => {
    app = await testApp();
    admin = await buildUser({ role: 'admin' });
    places = await buildPlaces();
    employerId = (await buildEmployer()).id;
    candidate = await buildCandidate(places);
  });

  const create = (body: Record<string, unknown>) =>
    api(app, 'post', '/users', admin.auth).send({
      email: email(),
      password: TEST_PASSWORD,
      name: 'Akun Uji',
      ...body,
    });

  it('when an admin creates an account for each role bound to the right record, then 201 and no password comes back', async () => {
    const cases: Record<string, unknown>[] = [
      { role: 'admin' },
      { role: 'officer', facilityId: places.bapas.id },
      { role: 'facility_staff', facilityId: places.lapas.id },
      { role: 'trainer', facilityId: places.blk.id },
      { role: 'employer', employerId },
      { role: 'candidate', candidateId: candidate.id },
    ];
    for (const c of cases) {
      const res = await create(c);
      assert.equal(res.status, 201, `${c.role}: ${res.text}`);
      assert.equal(res.body.role, c.role);
      assert.equal(res.body.status, 'active');
      for (const k of ['facilityId', 'employerId', 'candidateId'] as const) assert.equal(res.body[k], c[k]);
      assert.ok(!/password|tokenVersion/i.test(res.text), `${c.role}: ${res.text}`);
    }
  });

  it('when a role is bound to the wrong kind of record or to nothing, then 400 names the binding field', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ role: 'officer' }, ['body.facilityId']],
      [{ role: 'officer', facilityId: places.lapas.id }, ['body.facilityId']],
      [{ role: 'facility_staff', facilityId: places.bapas.id }, ['body.facilityId']],
      [{ role: 'trainer', facilityId: places.lapas.id }, ['body.facilityId']],
      [{ role: 'trainer', facilityId: '0123456789abcdef01234567' }, ['body.facilityId']],
      [{ role: 'employer' }, ['body.employerId']],
      [{ role: 'employer', employerId: '0123456789abcdef01234567' }, ['body.employerId']],
      [{ role: 'candidate' }, ['body.candidateId']],
      [{ role: 'candidate', candidateId: '0123456789abcdef01234567' }, ['body.candidateId']],
      [{ role: 'admin', facilityId: places.bapas.id }, ['body.facilityId']],
      [{ role: 'officer', facilityId: places.bapas.id, employerId }, ['body.employerId']],
      [{ role: 'employer', employerId, candidateId: candidate.id }, ['body.candidateId']],
    ];
    for (const [body, paths] of cases) {
      const res = await create(body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.deepEqual(errorPaths(res.body), paths, JSON.stringify(body));
    }
  });

  it('when the email is taken (in another case), then 409 names body.email', async () => {
    const address = email();
    assert.equal((await create({ role: 'admin', email: address })).status, 201);
    const dup = await create({ role: 'admin', email: address.toUpperCase() });
    assert.equal(dup.status, 409, dup.text);
    assert.deepEqual(errorPaths(dup.body), ['body.email']);
  });

  it('when the email, password or role is malformed, then 400 names each', async () => {
    const res = await api(app, 'post', '/users', admin.auth).send({
      email: 'bukan-email',
      password: 'pendek',
      name: 'A',
      role: 'kepala',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(errorPaths(res.body), ['body.email', 'body.name', 'body.password', 'body.role']);
  });

  it('when a new account signs in, then the token works and /users/me shows its binding', async () => {
    const address = email();
    const created = await create({ role: 'officer', facilityId: places.bapas.id, email: address });
    assert.equal(created.status, 201);
    const login = await api(app, 'post', '/auth/login')
      .set('X-Forwarded-For', clientIp())
      .send({ email: address, password: TEST_PASSWORD });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.user.id, created.body.id);
    const me = await api(app, 'get', '/users/me', { Authorization: `Bearer ${login.body.token}` });
    assert.equal(me.status, 200);
    assert.equal(me.body.facilityId, places.bapas.id);
    assert.equal(me.body.passwordHash, undefined);
    assert.ok(me.body.lastLoginAt);
  });

  it('when someone other than an admin creates or lists accounts, then 403', async () => {
    for (const role of ['officer', 'facility_staff', 'trainer', 'employer', 'candidate'] as const) {
      const u = await buildUser({ role });
      const post = await api(app, 'post', '/users', u.auth).send({
        email: email(),
        password: TEST_PASSWORD,
        name: 'Penyusup',
        role: 'admin',
      });
      assert.equal(post.status, 403, role);
      assert.equal((await api(app, 'get', '/users', u.auth)).status, 403, role);
    }
  });

  it('when an admin lists accounts by role, then no row carries a password hash', async () => {
    const res = await api(app, 'get', '/users?role=admin&limit=100', admin.auth);
    assert.equal(res.status, 200);
    assert.ok(res.body.items.length > 0);
    assert.ok(res.body.items.every((u: { role: string }) => u.role === 'admin'));
    assert.ok(!/passwordHash|tokenVersion/.test(res.text));
  });
});
