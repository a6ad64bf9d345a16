import assert from 'node:assert/strict';
import type { Express } from 'express';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testApp } from '../support/context.js';
import { buildUser, type TestUser, uniq } from '../support/factories.js';
import { api, errorPaths } from './helpers.js';

function facilityBody(overrides: Record<string, unknown> = {}) {
  return {
    code: uniq('lapas-'),
    name: `Lapas Uji ${uniq()}`,
    kind: 'lapas',
    province: 'Sulawesi Selatan',
    regency: 'Bone',
    location: { lat: -4.5386, lng: 120.3279 },
    timezone: 'Asia/Makassar',
    ...overrides,
  };
}

describe('records: facilities', () => {
  settleAfterSuite();
  let app: Express;
  let admin: TestUser;
  before(async () => {
    app = await testApp();
    admin = await buildUser({ role: 'admin' });
  });

  it('when an admin registers a facility, then 201 returns it with the code upper-cased', async () => {
    const body = facilityBody();
    const res = await api(app, 'post', '/facilities', admin.auth).send(body);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.code, body.code.toUpperCase());
    assert.equal(res.body.kind, 'lapas');
    assert.equal(res.body.timezone, 'Asia/Makassar');
    assert.deepEqual(res.body.location, body.location);
    const one = await api(app, 'get', `/facilities/${res.body.id}`, admin.auth);
    assert.equal(one.status, 200);
    assert.equal(one.body.name, body.name);
  });

  it('when the same code is registered twice (in any case), then 409 names the code', async () => {
    const code = uniq('blk-');
    const first = await api(app, 'post', '/facilities', admin.auth).send(facilityBody({ code, kind: 'blk' }));
    assert.equal(first.status, 201, first.text);
    const dup = await api(app, 'post', '/facilities', admin.auth).send(
      facilityBody({ code: code.toUpperCase(), kind: 'blk' }),
    );
    assert.equal(dup.status, 409, dup.text);
    assert.equal(dup.body.error.code, 'conflict');
    assert.deepEqual(errorPaths(dup.body), ['body.code'], dup.text);
  });

  it('when lat, lng, timezone and kind are wrong, then one 400 names each field and nothing is written', async () => {
    const code = uniq('bad-');
    const res = await api(app, 'post', '/facilities', admin.auth).send(
      facilityBody({ code, kind: 'penjara', location: { lat: 91, lng: -181 }, timezone: 'Asia/Singapore' }),
    );
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(errorPaths(res.body), [
      'body.kind',
      'body.location.lat',
      'body.location.lng',
      'body.timezone',
    ]);
    const list = await api(app, 'get', '/facilities', admin.auth);
    assert.ok(!list.body.some((f: { code: string }) => f.code === code.toUpperCase()));
  });

  it('when the code has spaces or the name is missing, then 400 names them', async () => {
    const res = await api(app, 'post', '/facilities', admin.auth).send(
      facilityBody({ code: 'ada spasi', name: undefined }),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(errorPaths(res.body), ['body.code', 'body.name']);
  });

  it('when facilities are listed by kind and regency, then only matching ones return, whatever the regency spelling', async () => {
    const name = `Uji ${uniq()}`;
    for (const kind of ['lapas', 'bapas', 'blk']) {
      const res = await api(app, 'post', '/facilities', admin.auth).send(
        facilityBody({ code: uniq(`${kind}-`), kind, regency: `Kabupaten ${name}` }),
      );
      assert.equal(res.status, 201, res.text);
    }
    const staff = await buildUser({ role: 'employer' });
    const all = await api(
      app,
      'get',
      `/facilities?regency=${encodeURIComponent(`Kab. ${name}`)}`,
      staff.auth,
    );
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.map((f: { kind: string }) => f.kind).sort(), ['bapas', 'blk', 'lapas']);
    const blk = await api(app, 'get', `/facilities?kind=blk&regency=${encodeURIComponent(name)}`, staff.auth);
    assert.deepEqual(
      blk.body.map((f: { kind: string }) => f.kind),
      ['blk'],
    );
    const wrongKind = await api(app, 'get', '/facilities?kind=penjara', staff.auth);
    assert.equal(wrongKind.status, 400);
    assert.deepEqual(errorPaths(wrongKind.body), ['query.kind']);
  });

  it('when someone other than an admin registers a facility, then 403 and an unknown id is 404', async () => {
    const officer = await buildUser({ role: 'officer' });
    const res = await api(app, 'post', '/facilities', officer.auth).send(facilityBody());
    assert.equal(res.status, 403);
    const missing = await api(app, 'get', '/facilities/0123456789abcdef01234567', officer.auth);
    assert.equal(missing.status, 404);
    const malformed = await api(app, 'get', '/facilities/not-an-id', officer.auth);
    assert.equal(malformed.status, 400);
    assert.deepEqual(errorPaths(malformed.body), ['params.id']);
  });
});
