import assert from 'node:assert/strict';
import request from 'supertest';
import { testApp } from '../support/context.js';
import {
  buildCandidate,
  buildPlaces,
  buildUser,
  candidateInput,
  dayFromNow,
  type Places,
  uniq,
} from '../support/factories.js';

function body(places: Places, overrides: Record<string, unknown> = {}) {
  const input = candidateInput(places);
  return {
    ...input,
    birthDate: '1990-05-17',
    release: { expectedDate: dayFromNow(45), type: 'pb' },
    ...overrides,
  };
}

describe('candidate profiles', () => {
  let places: Places;
  before(async () => {
    places = await buildPlaces();
  });

  it('when Lapas staff register a profile with skill names, then names become codes and the full profile is returned', async () => {
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const res = await request(await testApp())
      .post('/api/v1/candidates')
      .set(staff.auth)
      .send(
        body(places, {
          skills: [
            { name: 'las listrik', level: 'basic' },
            { code: 'automotive.motorcycle-efi', level: 'advanced' },
          ],
        }),
      );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'in_custody');
    assert.match(res.body.publicId, /^BK-[0-9A-Z]{8}$/);
    assert.deepEqual(
      res.body.skills.map((s: { code: string }) => s.code),
      ['welding.smaw', 'automotive.motorcycle-efi'],
    );
    assert.equal(res.body.skills[0].label.id.length > 0, true);
  });

  it('when the input is wrong in many ways, then one 400 names each field and nothing is written', async () => {
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const regNo = uniq('REG-');
    const res = await request(await testApp())
      .post('/api/v1/candidates')
      .set(staff.auth)
      .send(
        body(places, {
          registrationNumber: regNo,
          birthDate: '1990-13-45',
          release: { expectedDate: 'besok', type: 'parole' },
          domicile: { province: 'Sulawesi Selatan', regency: 'Bone', location: { lat: 95, lng: 120 } },
          contact: { email: 'bukan-email' },
        }),
      );
    assert.equal(res.status, 400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    for (const p of [
      'body.birthDate',
      'body.release.expectedDate',
      'body.release.type',
      'body.domicile.location.lat',
      'body.contact.email',
    ]) {
      assert.ok(paths.includes(p), `missing ${p} in ${paths.join(',')}`);
    }
    const list = await request(await testApp())
      .get('/api/v1/candidates')
      .query({ q: regNo })
      .set(staff.auth);
    assert.equal(list.body.total, 0);
  });

  it('when a skill name is unknown, then 400 names the item and suggests close skills', async () => {
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const res = await request(await testApp())
      .post('/api/v1/candidates')
      .set(staff.auth)
      .send(
        body(places, {
          skills: [
            { code: 'welding.smaw', level: 'basic' },
            { name: 'las lisrik', level: 'basic' },
          ],
        }),
      );
    assert.equal(res.status, 400);
    const d = res.body.error.details.find((x: { path: string }) => x.path === 'body.skills.1.name');
    assert.ok(d, JSON.stringify(res.body.error.details));
    assert.equal(d.suggestions[0].code, 'welding.smaw');
  });

  it('when the same registration number is registered twice in a facility, then 409', async () => {
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const b = body(places);
    const app = await testApp();
    assert.equal((await request(app).post('/api/v1/candidates').set(staff.auth).send(b)).status, 201);
    const dup = await request(app).post('/api/v1/candidates').set(staff.auth).send(b);
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.details[0].path, 'body.registrationNumber');
  });

  it('when the facility or Bapas id is unknown, then 400 names the field', async () => {
    const staff = await buildUser({ role: 'admin' });
    const res = await request(await testApp())
      .post('/api/v1/candidates')
      .set(staff.auth)
      .send(body(places, { facilityId: places.blk.id, bapasId: places.lapas.id }));
    assert.equal(res.status, 400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.deepEqual(paths, ['body.bapasId', 'body.facilityId']);
  });

  it('when the expected release date changes (remisi), then it is kept in the history', async () => {
    const c = await buildCandidate(places);
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id });
    const newDate = dayFromNow(10);
    const res = await request(await testApp())
      .patch(`/api/v1/candidates/${c.id}`)
      .set(officer.auth)
      .send({ release: { expectedDate: newDate } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.release.expectedDate, newDate);
    assert.equal(res.body.release.type, 'pb');
    const h = res.body.history.find((e: { field: string }) => e.field === 'release.expectedDate');
    assert.equal(h.from, c.release.expectedDate);
    assert.equal(h.to, newDate);
    assert.equal(h.role, 'officer');
  });

  it('when a trainer records a passed 160-hour course, then the skill gains training evidence and level', async () => {
    const c = await buildCandidate(places, { skills: [] });
    const trainer = await buildUser({ role: 'trainer', facilityId: places.blk.id });
    const res = await request(await testApp())
      .post(`/api/v1/candidates/${c.id}/trainings`)
      .set(trainer.auth)
      .send({
        provider: places.blk.id,
        programme: 'Pengelasan SMAW 3G',
        startDate: dayFromNow(-60),
        endDate: dayFromNow(-20),
        hours: 160,
        result: 'passed',
        skills: ['las listrik', { code: 'welding.safety' }],
      });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const smaw = res.body.skills.find((s: { code: string }) => s.code === 'welding.smaw');
    assert.equal(smaw.level, 'intermediate');
    assert.equal(smaw.evidence, 'training');
    assert.equal(res.body.offenceCategory, undefined, 'trainer view has no case data');
    assert.equal(res.body.contact, undefined);
  });

  it('when a certification is recorded, then the covered skill becomes certified and never drops', async () => {
    const c = await buildCandidate(places, {
      skills: [{ code: 'welding.smaw', level: 'advanced', evidence: 'experience' }],
    });
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const res = await request(await testApp())
      .post(`/api/v1/candidates/${c.id}/certifications`)
      .set(staff.auth)
      .send({
        scheme: 'Juru Las SMAW 3G',
        number: uniq('CERT-'),
        issuer: 'LSP Las Indonesia',
        issuedAt: dayFromNow(-5),
        skills: ['welding.smaw'],
      });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const smaw = res.body.skills.find((s: { code: string }) => s.code === 'welding.smaw');
    assert.equal(smaw.level, 'advanced');
    assert.equal(smaw.evidence, 'certification');
  });

  it('when the actual release is recorded, then status becomes released; a second time is 409; a future date 400', async () => {
    const c = await buildCandidate(places);
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const app = await testApp();
    const future = await request(app)
      .post(`/api/v1/candidates/${c.id}/release`)
      .set(staff.auth)
      .send({ releasedAt: dayFromNow(3) });
    assert.equal(future.status, 400);
    assert.equal(future.body.error.details[0].path, 'body.releasedAt');
    const ok = await request(app)
      .post(`/api/v1/candidates/${c.id}/release`)
      .set(staff.auth)
      .send({ releasedAt: dayFromNow(0) });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.status, 'released');
    assert.equal(ok.body.release.actualDate, dayFromNow(0));
    const again = await request(app)
      .post(`/api/v1/candidates/${c.id}/release`)
      .set(staff.auth)
      .send({ releasedAt: dayFromNow(0) });
    assert.equal(again.status, 409);
  });
});
