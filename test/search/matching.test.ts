import assert from 'node:assert/strict';
import request from 'supertest';
import type { CreateCandidateInput } from '../../server/candidates/schemas.js';
import type { CreateVacancyInput } from '../../server/vacancies/schemas.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  type CandidateFull,
  dayFromNow,
  type Places,
  uniq,
} from '../support/factories.js';
import { indexNow } from './support.js';

const date = (days: number) => new Date(`${dayFromNow(days)}T00:00:00Z`);

/**
 * Each case builds a vacancy and two people in a regency of its own: one who fits, and one who differs
 * only in the way that breaks the rule under test. Only the first may appear among the matches.
 */
describe('matching hard rules (vacancy → candidates)', () => {
  let places: Places;
  let regency: string;
  let employerAuth: { Authorization: string };
  let employerId: string;

  // Watampone; a second point ~70 km away (Sinjai), outside the default 50 km radius.
  const HOME = { lat: -4.54, lng: 120.33 };
  const FAR = { lat: -5.12, lng: 120.25 };

  before(async () => {
    regency = `Kab Uji ${uniq()}`;
    places = await buildPlaces(regency);
    const employer = await buildEmployer({ regency });
    employerId = employer.id;
    employerAuth = (await buildUser({ role: 'employer', employerId })).auth;
  });

  function person(overrides: Partial<CreateCandidateInput> = {}): Partial<CreateCandidateInput> {
    return {
      domicile: { province: 'Sulawesi Selatan', regency, location: HOME },
      release: { expectedDate: date(20), type: 'pb' },
      skills: [
        { code: 'welding.smaw', level: 'intermediate', evidence: 'training' },
        { code: 'welding.gmaw', level: 'basic' },
      ],
      consent: { shareWithEmployers: true, contactByEmail: false },
      restrictions: {},
      preferences: { willingToRelocate: false },
      ...overrides,
    };
  }

  function job(overrides: Partial<CreateVacancyInput> = {}): Partial<CreateVacancyInput> {
    return {
      skills: [
        { code: 'welding.smaw', required: true },
        { code: 'welding.gmaw', required: true },
      ],
      location: { province: 'Sulawesi Selatan', regency, lat: HOME.lat, lng: HOME.lng },
      startDate: date(30),
      sector: 'manufacturing',
      ...overrides,
    };
  }

  async function matchIds(vacancyId: string): Promise<string[]> {
    const res = await request(await testApp())
      .get(`/api/v1/vacancies/${vacancyId}/matches`)
      .query({ limit: 100 })
      .set(employerAuth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items.map((i: { candidate: { publicId: string } }) => i.candidate.publicId);
  }

  async function expectOnlyFit(
    vacancyOverrides: Partial<CreateVacancyInput>,
    fit: CandidateFull,
    misfit: CandidateFull,
  ) {
    const v = await buildVacancy(employerId, job(vacancyOverrides));
    await indexNow(await testDeps());
    const ids = await matchIds(v.id);
    assert.ok(ids.includes(fit.publicId), 'the fitting person is matched');
    assert.ok(!ids.includes(misfit.publicId), 'the person breaking the rule is not matched');
  }

  it('when a person holds fewer than half the required skills, then they are not matched', async () => {
    const fit = await buildCandidate(places, person());
    const misfit = await buildCandidate(
      places,
      person({ skills: [{ code: 'welding.smaw', level: 'advanced' }] }),
    );
    // Three required skills: one of three is below half, two of three is enough.
    await expectOnlyFit(
      {
        skills: [
          { code: 'welding.smaw', required: true },
          { code: 'welding.gmaw', required: true },
          { code: 'welding.safety', required: true },
        ],
      },
      fit,
      misfit,
    );
  });

  it('when a person has not consented to sharing, then employers never see them', async () => {
    const fit = await buildCandidate(places, person());
    const misfit = await buildCandidate(
      places,
      person({ consent: { shareWithEmployers: false, contactByEmail: true } }),
    );
    await expectOnlyFit({}, fit, misfit);
  });

  it('when the vacancy is closed, then nobody is matched', async () => {
    await buildCandidate(places, person());
    const v = await buildVacancy(employerId, job({ status: 'closed' }));
    await indexNow(await testDeps());
    assert.deepEqual(await matchIds(v.id), []);
  });

  it('when release comes more than 14 days after the start date, then they are not matched', async () => {
    const fit = await buildCandidate(places, person({ release: { expectedDate: date(43), type: 'pb' } }));
    const misfit = await buildCandidate(places, person({ release: { expectedDate: date(46), type: 'pb' } }));
    await expectOnlyFit({ startDate: date(30) }, fit, misfit);
  });

  it('when a person lives outside the radius in another regency and will not relocate, then they are not matched', async () => {
    const fit = await buildCandidate(
      places,
      person({
        domicile: { province: 'Sulawesi Selatan', regency: `Lain ${uniq()}`, location: FAR },
        preferences: { willingToRelocate: true },
      }),
    );
    const misfit = await buildCandidate(
      places,
      person({ domicile: { province: 'Sulawesi Selatan', regency: `Lain ${uniq()}`, location: FAR } }),
    );
    await expectOnlyFit({}, fit, misfit);
  });

  it('when parole limits where a person may work, then vacancies elsewhere are not matched', async () => {
    const fit = await buildCandidate(places, person({ restrictions: { allowedRegencies: [regency] } }));
    const misfit = await buildCandidate(places, person({ restrictions: { allowedRegencies: ['Makassar'] } }));
    await expectOnlyFit({}, fit, misfit);
  });

  it('when a person is under curfew, then night-shift vacancies are not matched', async () => {
    const fit = await buildCandidate(places, person({ restrictions: { curfew: false } }));
    const misfit = await buildCandidate(places, person({ restrictions: { curfew: true } }));
    await expectOnlyFit({ nightShift: true }, fit, misfit);
  });

  it('when the vacancy sector is excluded for a person, then it is not matched', async () => {
    const fit = await buildCandidate(places, person({ restrictions: { excludedSectors: ['retail'] } }));
    const misfit = await buildCandidate(places, person({ restrictions: { excludedSectors: ['finance'] } }));
    await expectOnlyFit({ sector: 'finance' }, fit, misfit);
  });

  it('when a certification is required, then only people holding a valid one are matched', async () => {
    const deps = await testDeps();
    void deps;
    const fit = await buildCandidate(places, person());
    const misfit = await buildCandidate(places, person());
    const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const app = await testApp();
    const cert = (id: string, expiresAt?: string) =>
      request(app)
        .post(`/api/v1/candidates/${id}/certifications`)
        .set(staff.auth)
        .send({
          scheme: 'Juru Las SMAW',
          number: uniq('C-'),
          issuer: 'LSP Las',
          issuedAt: dayFromNow(-400),
          expiresAt,
          skills: ['welding.smaw'],
        });
    assert.equal((await cert(fit.id)).status, 201);
    assert.equal((await cert(misfit.id, dayFromNow(-1))).status, 201, 'expired certificate');
    await expectOnlyFit({ certificationsRequired: ['welding.smaw'] }, fit, misfit);
  });

  it('when matches are listed, then each has a 0–100 score, reasons in Bahasa Indonesia and missing skills', async () => {
    const c = await buildCandidate(
      places,
      person({ skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }] }),
    );
    const v = await buildVacancy(
      employerId,
      job({
        skills: [
          { code: 'welding.smaw', required: true },
          { code: 'welding.safety', required: true },
        ],
      }),
    );
    await indexNow(await testDeps());
    const res = await request(await testApp())
      .get(`/api/v1/vacancies/${v.id}/matches`)
      .set(employerAuth);
    const item = res.body.items.find(
      (i: { candidate: { publicId: string } }) => i.candidate.publicId === c.publicId,
    );
    assert.ok(item, 'matched');
    assert.ok(item.score >= 0 && item.score <= 100);
    assert.ok(
      item.reasons.some((r: string) => r.startsWith('1 dari 2 keahlian wajib')),
      item.reasons.join(' | '),
    );
    assert.ok(item.reasons.some((r: string) => /hari sebelum mulai kerja/.test(r)));
    assert.deepEqual(
      item.missingSkills.map((m: { code: string }) => m.code),
      ['welding.safety'],
    );
    assert.equal(item.candidate.fullName, undefined);
  });

  it("when another employer asks for a vacancy's matches, then 404", async () => {
    const v = await buildVacancy(employerId, job());
    const other = await buildEmployer();
    const { auth } = await buildUser({ role: 'employer', employerId: other.id });
    const res = await request(await testApp())
      .get(`/api/v1/vacancies/${v.id}/matches`)
      .set(auth);
    assert.equal(res.status, 404);
  });
});

describe('matching (candidate → vacancies)', () => {
  it('when a person asks for their matches, then fitting open vacancies come with reasons, and restrictions apply', async () => {
    const regency = `Kab Uji ${uniq()}`;
    const places = await buildPlaces(regency);
    const employer = await buildEmployer({ regency });
    const c = await buildCandidate(places, {
      domicile: { province: 'Sulawesi Selatan', regency, location: { lat: -4.54, lng: 120.33 } },
      skills: [{ code: 'welding.smaw', level: 'intermediate' }],
      restrictions: { curfew: true, excludedSectors: ['finance'] },
      release: { expectedDate: date(10), type: 'pb' },
    });
    const base = {
      skills: [{ code: 'welding.smaw', required: true }],
      location: { province: 'Sulawesi Selatan', regency, lat: -4.55, lng: 120.34 },
      startDate: date(20),
    };
    const good = await buildVacancy(employer.id, { ...base, title: 'Juru las siang' });
    const night = await buildVacancy(employer.id, { ...base, title: 'Juru las malam', nightShift: true });
    const finance = await buildVacancy(employer.id, { ...base, title: 'Las di koperasi', sector: 'finance' });
    await indexNow(await testDeps());
    const user = await buildUser({ role: 'candidate', candidateId: c.id });
    const res = await request(await testApp())
      .get(`/api/v1/candidates/${c.id}/matches`)
      .set(user.auth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ids = res.body.items.map((i: { vacancy: { id: string } }) => i.vacancy.id);
    assert.ok(ids.includes(good.id));
    assert.ok(!ids.includes(night.id), 'curfew excludes night shift');
    assert.ok(!ids.includes(finance.id), 'excluded sector');
    const item = res.body.items.find((i: { vacancy: { id: string } }) => i.vacancy.id === good.id);
    assert.ok(item.reasons.length > 0);
    const other = await buildUser({ role: 'candidate' });
    assert.equal(
      (
        await request(await testApp())
          .get(`/api/v1/candidates/${c.id}/matches`)
          .set(other.auth)
      ).status,
      404,
    );
  });
});
