import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { EmployerView } from '../../server/employers/schemas.js';
import type { VacancyView } from '../../server/vacancies/schemas.js';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testApp } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  dayFromNow,
  type TestUser,
  uniq,
} from '../support/factories.js';
import { api, errorPaths } from './helpers.js';

function vacancyBody(overrides: Record<string, unknown> = {}) {
  return {
    title: `Juru Las ${uniq()}`,
    sector: 'manufacturing',
    description: 'Pengelasan rangka baja untuk bengkel konstruksi di Watampone.',
    skills: [{ code: 'welding.smaw', required: true, minLevel: 'basic' }],
    location: { province: 'Sulawesi Selatan', regency: 'Bone', lat: -4.54, lng: 120.33 },
    openings: 2,
    startDate: dayFromNow(40),
    wage: { min: 2_500_000, max: 3_500_000, period: 'month' },
    ...overrides,
  };
}

describe('records: vacancies', () => {
  settleAfterSuite();
  let app: Express;
  let employer: EmployerView;
  let hr: TestUser;
  before(async () => {
    app = await testApp();
    employer = await buildEmployer();
    hr = await buildUser({ role: 'employer', employerId: employer.id });
  });

  it('when an employer posts with skill names, then they become codes and the vacancy is its own', async () => {
    const res = await api(app, 'post', '/vacancies', hr.auth).send(
      vacancyBody({
        skills: [
          { name: 'las listrik', required: true },
          { code: 'welding.safety', required: false },
        ],
      }),
    );
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.employerId, employer.id);
    assert.equal(res.body.status, 'open');
    assert.deepEqual(
      res.body.skills.map((s: { code: string; required: boolean }) => [s.code, s.required]),
      [
        ['welding.smaw', true],
        ['welding.safety', false],
      ],
    );
    assert.ok(res.body.skills[0].label.id.length > 0);
    assert.equal(res.body.employer.name, employer.name);
  });

  it('when the same skill is listed twice (by code and by name), then 400 names the second item', async () => {
    const res = await api(app, 'post', '/vacancies', hr.auth).send(
      vacancyBody({
        skills: [
          { code: 'welding.smaw', required: true },
          { name: 'las listrik', required: false },
        ],
      }),
    );
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(errorPaths(res.body), ['body.skills.1']);
    assert.equal(res.body.error.details[0].code, 'duplicate_skill');
  });

  it('when no skill is required, then 400 names body.skills', async () => {
    const res = await api(app, 'post', '/vacancies', hr.auth).send(
      vacancyBody({ skills: [{ code: 'welding.smaw', required: false }] }),
    );
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(errorPaths(res.body), ['body.skills']);
    assert.equal(res.body.error.details[0].code, 'no_required_skill');
  });

  it('when the maximum wage is below the minimum, then 400 names body.wage.max', async () => {
    const res = await api(app, 'post', '/vacancies', hr.auth).send(
      vacancyBody({ wage: { min: 3_000_000, max: 2_000_000, period: 'month' } }),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(errorPaths(res.body), ['body.wage.max']);
  });

  it('when lat is given without lng, then 400 names body.location.lng', async () => {
    const res = await api(app, 'post', '/vacancies', hr.auth).send(
      vacancyBody({ location: { province: 'Sulawesi Selatan', regency: 'Bone', lat: -4.5 } }),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(errorPaths(res.body), ['body.location.lng']);
  });

  it('when a vacancy is open, closed, filled or past its closing time, then only admins, officers and its employer see the non-open ones', async () => {
    const open = await buildVacancy(employer.id);
    const closed = await buildVacancy(employer.id, { status: 'closed' });
    const expired = await buildVacancy(employer.id, { closesAt: new Date(Date.now() - 3600_000) });
    const toFill = await buildVacancy(employer.id);
    const filled = await api(app, 'patch', `/vacancies/${toFill.id}`, hr.auth).send({ status: 'filled' });
    assert.equal(filled.status, 200, filled.text);
    assert.equal(filled.body.status, 'filled');

    const places = await buildPlaces();
    const person = await buildCandidate(places);
    const readers: Record<string, TestUser> = {
      admin: await buildUser({ role: 'admin' }),
      officer: await buildUser({ role: 'officer', facilityId: places.bapas.id }),
      owner: hr,
      otherEmployer: await buildUser({ role: 'employer', employerId: (await buildEmployer()).id }),
      facility_staff: await buildUser({ role: 'facility_staff', facilityId: places.lapas.id }),
      trainer: await buildUser({ role: 'trainer', facilityId: places.blk.id }),
      candidate: await buildUser({ role: 'candidate', candidateId: person.id }),
    };
    const vacancies: Record<string, VacancyView | { id: string }> = { open, closed, expired, filled: toFill };
    const expected: Record<string, Record<string, number>> = {
      admin: { open: 200, closed: 200, expired: 200, filled: 200 },
      officer: { open: 200, closed: 200, expired: 200, filled: 200 },
      owner: { open: 200, closed: 200, expired: 200, filled: 200 },
      otherEmployer: { open: 404, closed: 404, expired: 404, filled: 404 },
      facility_staff: { open: 200, closed: 404, expired: 404, filled: 404 },
      trainer: { open: 200, closed: 404, expired: 404, filled: 404 },
      candidate: { open: 200, closed: 404, expired: 404, filled: 404 },
    };
    const wrong: string[] = [];
    for (const [who, user] of Object.entries(readers)) {
      for (const [state, v] of Object.entries(vacancies)) {
        const res = await api(app, 'get', `/vacancies/${v.id}`, user.auth);
        if (res.status !== expected[who]![state]) wrong.push(`${who} ${state}: ${res.status}`);
      }
      const list = await api(app, 'get', `/vacancies?employerId=${employer.id}&limit=100`, user.auth);
      const ids = new Set(list.body.items.map((v: { id: string }) => v.id));
      for (const [state, v] of Object.entries(vacancies)) {
        if (ids.has(v.id) !== (expected[who]![state] === 200))
          wrong.push(`${who} list ${state}: ${ids.has(v.id)}`);
      }
    }
    assert.deepEqual(wrong, []);
    const candidateClosed = await api(app, 'get', '/vacancies?status=closed', readers.candidate!.auth);
    assert.equal(candidateClosed.body.total, 0);
  });

  it('when another employer patches a vacancy, then 404 and nothing changes', async () => {
    const v = await buildVacancy(employer.id);
    const other = await buildUser({ role: 'employer', employerId: (await buildEmployer()).id });
    const res = await api(app, 'patch', `/vacancies/${v.id}`, other.auth).send({ title: 'Diambil alih' });
    assert.equal(res.status, 404);
    const after = await api(app, 'get', `/vacancies/${v.id}`, hr.auth);
    assert.equal(after.body.title, v.title);
    assert.equal(after.body.version, v.version);
  });

  it('when an employer posts for another employer, then 404; an admin must name a known employer', async () => {
    const other = await buildEmployer();
    const res = await api(app, 'post', '/vacancies', hr.auth).send(vacancyBody({ employerId: other.id }));
    assert.equal(res.status, 404);
    const admin = await buildUser({ role: 'admin' });
    const none = await api(app, 'post', '/vacancies', admin.auth).send(vacancyBody());
    assert.equal(none.status, 400);
    assert.deepEqual(errorPaths(none.body), ['body.employerId']);
    const ok = await api(app, 'post', '/vacancies', admin.auth).send(vacancyBody({ employerId: other.id }));
    assert.equal(ok.status, 201);
    assert.equal(ok.body.employerId, other.id);
  });

  it('when the owner patches skills and reopens with no openings, then skills replace and 400 names body.openings', async () => {
    const v = await buildVacancy(employer.id);
    const res = await api(app, 'patch', `/vacancies/${v.id}`, hr.auth).send({
      skills: [{ name: 'las listrik', required: true }, { code: 'welding.safety' }],
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.skills.map((s: { code: string }) => s.code),
      ['welding.smaw', 'welding.safety'],
    );
    assert.equal(res.body.version, v.version + 1);
    const reopen = await api(app, 'patch', `/vacancies/${v.id}`, hr.auth).send({
      status: 'open',
      openings: 0,
    });
    assert.equal(reopen.status, 400);
    assert.deepEqual(errorPaths(reopen.body), ['body.openings']);
  });
});
