import assert from 'node:assert/strict';
import request from 'supertest';
import { AuditModel } from '../../server/audit/model.js';
import { NotificationModel } from '../../server/notifications/model.js';
import { scheduleCheckins } from '../../server/placements/checkins.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  dayFromNow,
  uniq,
} from '../support/factories.js';

describe('placement flow', () => {
  it('when an officer proposes, the person consents, the officer introduces and the employer hires, then every effect follows', async () => {
    const app = await testApp();
    const places = await buildPlaces(`Kab Place ${uniq()}`);
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id });
    const person = await buildCandidate(places, {
      officerId: officer.user.id,
      release: { expectedDate: new Date(`${dayFromNow(-3)}T00:00:00Z`), type: 'pb' },
    });
    const me = await buildUser({ role: 'candidate', candidateId: person.id });
    const employer = await buildEmployer();
    const boss = await buildUser({ role: 'employer', employerId: employer.id });
    const vacancy = await buildVacancy(employer.id, { openings: 1 });

    const created = await request(app)
      .post('/api/v1/placements')
      .set(officer.auth)
      .send({ candidateId: person.id, vacancyId: vacancy.id, note: 'Cocok' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.state, 'proposed');
    const id = created.body.id;

    // Before the introduction the employer sees no identity.
    const early = await request(app).get(`/api/v1/placements/${id}`).set(boss.auth);
    assert.equal(early.status, 200);
    assert.equal(early.body.identity, undefined);
    assert.ok(!JSON.stringify(early.body).includes(person.fullName));

    // Skipping consent is illegal and names the allowed moves.
    const skip = await request(app)
      .post(`/api/v1/placements/${id}/transitions`)
      .set(officer.auth)
      .send({ to: 'introduced' });
    assert.equal(skip.status, 409);
    assert.deepEqual(skip.body.error.details[0].allowed.sort(), [
      'candidate_consented',
      'declined',
      'withdrawn',
    ]);

    const consent = await request(app)
      .post(`/api/v1/placements/${id}/transitions`)
      .set(me.auth)
      .send({ to: 'candidate_consented' });
    assert.equal(consent.status, 200, JSON.stringify(consent.body));
    const intro = await request(app)
      .post(`/api/v1/placements/${id}/transitions`)
      .set(officer.auth)
      .send({ to: 'introduced' });
    assert.equal(intro.status, 200, JSON.stringify(intro.body));
    const audits = await AuditModel.find({ candidateId: person.id, action: 'disclose_identity' }).lean();
    assert.equal(audits.length, 1);

    const seen = await request(app).get(`/api/v1/placements/${id}`).set(boss.auth);
    assert.equal(seen.body.identity.fullName, person.fullName);
    assert.equal(seen.body.identity.contact.email, person.contact.email);
    assert.equal(seen.body.identity.offenceCategory, undefined);

    for (const [to, who] of [
      ['interviewing', boss],
      ['offered', boss],
    ] as const) {
      const r = await request(app).post(`/api/v1/placements/${id}/transitions`).set(who.auth).send({ to });
      assert.equal(r.status, 200, `${to}: ${JSON.stringify(r.body)}`);
    }
    const hired = await request(app)
      .post(`/api/v1/placements/${id}/transitions`)
      .set(boss.auth)
      .send({ to: 'hired' });
    assert.equal(hired.status, 200, JSON.stringify(hired.body));

    const profile = await request(app).get(`/api/v1/candidates/${person.id}`).set(officer.auth);
    assert.equal(profile.body.status, 'placed');
    const v = await request(app).get(`/api/v1/vacancies/${vacancy.id}`).set(boss.auth);
    assert.equal(v.body.openings, 0);
    assert.equal(v.body.status, 'filled');

    const deps = await testDeps();
    await scheduleCheckins(deps, id, new Date());
    const entries = await NotificationModel.find({ placementId: id }).lean();
    assert.deepEqual([...new Set(entries.map((e) => e.milestone))].sort(), ['D180', 'D30', 'D90']);
    const officerD30 = entries.find((e) => e.kind === 'checkin_officer' && e.milestone === 'D30');
    assert.equal(officerD30?.dueAt?.toISOString().slice(0, 10), dayFromNow(30));
    // Scheduling twice plans nothing new.
    assert.equal(await scheduleCheckins(deps, id, new Date()), 0);

    const early30 = await request(app)
      .post(`/api/v1/placements/${id}/transitions`)
      .set(officer.auth)
      .send({ to: 'retained_30' });
    assert.equal(early30.status, 409);

    const mine = await request(app).get('/api/v1/placements').set(me.auth);
    assert.equal(mine.body.items[0].state, 'hired');
    assert.equal(JSON.stringify(mine.body).includes('Cocok'), false, 'no internal notes for the person');
  });
});
