import assert from 'node:assert/strict';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testApp } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  dayFromNow,
  type Places,
  TEST_PASSWORD,
  type TestUser,
} from '../support/factories.js';
import { api, clientIp } from './helpers.js';

/** The stored document as MongoDB holds it, bypassing every repository and presenter. */
async function rawCandidate(id: string): Promise<Record<string, unknown> | null> {
  const db = mongoose.connection.db;
  assert.ok(db, 'connected');
  return db.collection('candidates').findOne({ _id: new mongoose.Types.ObjectId(id) });
}

describe('records: erasure', () => {
  settleAfterSuite();
  let app: Express;
  let places: Places;
  let admin: TestUser;
  before(async () => {
    app = await testApp();
    places = await buildPlaces();
    admin = await buildUser({ role: 'admin' });
  });

  it('when an admin erases a person, then 204, nobody finds them, their login is gone and only an anonymous tombstone stays', async () => {
    const c = await buildCandidate(places, {
      skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }],
    });
    const person = await buildUser({ role: 'candidate', candidateId: c.id });
    const trainer = await buildUser({ role: 'trainer', facilityId: places.blk.id });
    const training = await api(app, 'post', `/candidates/${c.id}/trainings`, trainer.auth).send({
      provider: places.blk.id,
      programme: 'Pengelasan SMAW 3G',
      startDate: dayFromNow(-60),
      endDate: dayFromNow(-20),
      hours: 160,
      result: 'passed',
      skills: ['welding.smaw'],
    });
    assert.equal(training.status, 201, training.text);
    const readers = {
      admin,
      officer: await buildUser({ role: 'officer', facilityId: places.bapas.id }),
      facility_staff: await buildUser({ role: 'facility_staff', facilityId: places.lapas.id }),
      trainer,
      employer: await buildUser({ role: 'employer', employerId: (await buildEmployer()).id }),
    };
    for (const [role, u] of Object.entries(readers)) {
      assert.equal((await api(app, 'get', `/candidates/${c.id}`, u.auth)).status, 200, `${role} before`);
    }

    const del = await api(app, 'delete', `/candidates/${c.id}`, admin.auth);
    assert.equal(del.status, 204, del.text);
    assert.equal(del.text, '');

    for (const [role, u] of Object.entries(readers)) {
      assert.equal((await api(app, 'get', `/candidates/${c.id}`, u.auth)).status, 404, `${role} after`);
    }
    assert.equal(
      (await api(app, 'get', `/candidates/public/${c.publicId}`, readers.employer.auth)).status,
      404,
    );
    assert.equal((await api(app, 'get', `/candidates/${c.id}/export`, admin.auth)).status, 404);
    const list = await api(app, 'get', `/candidates?q=${c.registrationNumber}`, admin.auth);
    assert.equal(list.body.total, 0);
    // The person's account is deleted: the old token and the password both stop working.
    assert.equal((await api(app, 'get', '/users/me', person.auth)).status, 401);
    const login = await api(app, 'post', '/auth/login')
      .set('X-Forwarded-For', clientIp())
      .send({ email: person.user.email, password: TEST_PASSWORD });
    assert.equal(login.status, 401);

    const doc = await rawCandidate(c.id);
    assert.ok(doc, 'a tombstone stays');
    for (const field of [
      'fullName',
      'nameKey',
      'registrationNumber',
      'birthDate',
      'gender',
      'contact',
      'offenceCategory',
      'restrictions',
      'notes',
      'domicile',
      'workHistory',
    ]) {
      const v = doc[field];
      assert.ok(
        v === undefined || (Array.isArray(v) && v.length === 0),
        `${field} must be gone: ${JSON.stringify(v)}`,
      );
    }
    assert.deepEqual(doc.history, []);
    const text = JSON.stringify(doc);
    for (const value of [
      c.fullName,
      c.registrationNumber,
      c.contact.email,
      c.offenceCategory,
      c.notes,
      c.birthDate,
      c.contact.phone,
    ]) {
      assert.ok(value && !text.includes(value), `${value} still stored`);
    }
    assert.equal(doc.status, 'erased');
    assert.equal((doc.release as { type: string }).type, 'pb');
    assert.deepEqual(
      (doc.skills as { code: string }[]).map((s) => s.code),
      ['welding.smaw'],
    );
    assert.equal((doc.trainings as unknown[]).length, 1);

    const audit = await api(app, 'get', `/audit?candidateId=${c.id}&action=erase`, admin.auth);
    assert.equal(audit.body.total, 1);

    const again = await api(app, 'delete', `/candidates/${c.id}`, admin.auth);
    assert.equal(again.status, 404);
  });

  it('when anyone but an admin erases, then 403 and the person stays', async () => {
    const c = await buildCandidate(places);
    for (const u of [
      await buildUser({ role: 'officer', facilityId: places.bapas.id }),
      await buildUser({ role: 'facility_staff', facilityId: places.lapas.id }),
      await buildUser({ role: 'candidate', candidateId: c.id }),
    ]) {
      assert.equal((await api(app, 'delete', `/candidates/${c.id}`, u.auth)).status, 403);
    }
    assert.equal((await api(app, 'get', `/candidates/${c.id}`, admin.auth)).status, 200);
  });
});

describe('records: audit', () => {
  settleAfterSuite();
  let app: Express;
  let places: Places;
  let admin: TestUser;
  before(async () => {
    app = await testApp();
    places = await buildPlaces();
    admin = await buildUser({ role: 'admin' });
  });

  it('when an officer reads a full profile, then GET /audit lists read_profile with actor, role, ip and time', async () => {
    const c = await buildCandidate(places);
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id, name: 'PK Audit' });
    const ip = clientIp();
    const before = Date.now();
    const read = await api(app, 'get', `/candidates/${c.id}`, officer.auth).set('X-Forwarded-For', ip);
    assert.equal(read.status, 200);
    const res = await api(app, 'get', `/audit?candidateId=${c.id}&action=read_profile`, admin.auth);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total, 1);
    const [entry] = res.body.items;
    assert.deepEqual(entry.actor, { id: officer.user.id, name: 'PK Audit', role: 'officer' });
    assert.equal(entry.candidateId, c.id);
    assert.equal(entry.action, 'read_profile');
    assert.equal(entry.ip, ip);
    assert.ok(entry.requestId, 'the request id ties the entry to the logs');
    const at = Date.parse(entry.at);
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000, entry.at);
    assert.ok(!res.text.includes(c.fullName), 'audit rows never hold the person’s data');
  });

  it('when a trainer reads skills and an employer reads the projection, then only the trainer is audited', async () => {
    const c = await buildCandidate(places);
    const trainer = await buildUser({ role: 'trainer', facilityId: places.blk.id });
    const employer = await buildUser({ role: 'employer', employerId: (await buildEmployer()).id });
    assert.equal((await api(app, 'get', `/candidates/${c.id}`, trainer.auth)).status, 200);
    assert.equal((await api(app, 'get', `/candidates/${c.id}`, employer.auth)).status, 200);
    const res = await api(app, 'get', `/audit?candidateId=${c.id}`, admin.auth);
    const actions = res.body.items.map((a: { action: string; actor: { id: string } }) => [
      a.action,
      a.actor.id,
    ]);
    assert.deepEqual(actions.sort(), [
      ['create', '000000000000000000000000'],
      ['read_skills', trainer.user.id],
    ]);
  });

  it('when a non-admin asks for the audit log, then 403', async () => {
    const c = await buildCandidate(places);
    for (const role of ['officer', 'facility_staff', 'trainer', 'employer', 'candidate'] as const) {
      const u = await buildUser({ role, ...(role === 'candidate' ? { candidateId: c.id } : {}) });
      const res = await api(app, 'get', `/audit?candidateId=${c.id}`, u.auth);
      assert.equal(res.status, 403, role);
    }
    assert.equal((await api(app, 'get', `/audit?candidateId=${c.id}`)).status, 401);
    const bad = await api(app, 'get', '/audit?candidateId=abc', admin.auth);
    assert.equal(bad.status, 400);
  });
});
