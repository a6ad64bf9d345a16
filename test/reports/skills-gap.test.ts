import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { recordRelease, updateCandidate } from '../../server/candidates/service.js';
import { SKILLS_GAP_CSV_HEADER } from '../../server/reports/csv.js';
import type { GapRow, SkillsGapReport } from '../../server/reports/service.js';
import { regionKey } from '../../server/shared/regions.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  type TestUser,
  uniq,
} from '../support/factories.js';
import { BASE, day, errorPaths, isoDayFromNow, reportsApp } from './reports-app.js';

/*
 * The hand-built region. T = today (UTC); D(k) = T + k days. Province P holds regency G and regency H.
 *
 *   vacancy  where  openings  skills (required unless noted)            counted?
 *   G1       G      3         welding.smaw, welding.safety               yes
 *   G2       G      2         welding.smaw, welding.gmaw,                yes (the optional skill is not demand)
 *                             garment.industrial-sewing (optional)
 *   G3       G      4         welding.smaw, closesAt D-1                 no: past its closing date
 *   G4       G      5         welding.smaw, status closed                no
 *   H1       H      4         computer.data-entry                        province only
 *
 *   person   where  status / release                 skills                       counted (horizon 90)?
 *   S1       G      in custody, expected D+30        welding.smaw                 yes
 *   S2       G      released D-10                    welding.smaw, welding.safety yes
 *   S3       G      in custody, expected D+120       welding.smaw, welding.safety no: beyond the horizon
 *   S4       G      in custody, expected D-5         welding.smaw                 no: date passed, not released
 *   S5       G      in custody, expected D+90        garment.industrial-sewing    yes: the horizon is inclusive
 *   S6       G      released, then withdrawn         welding.smaw                 no
 *   S7       H      released D-3                     computer.data-entry, smaw    province only
 *
 * Regency G, horizon 90:
 *   demand: smaw 3 + 2 = 5, safety 3, gmaw 2.  supply: smaw S1 S2 = 2, safety S2 = 1, sewing S5 = 1.
 *   gaps: smaw 5 − 2 = 3; safety 3 − 1 = 2; gmaw 2 − 0 = 2 (same gap, less demand → after safety);
 *         sewing 0 − 1 = −1 (only with all=true).
 *   totals: 2 vacancies (G1, G2), 5 openings, 3 people (S1, S2, S5).
 * Province P, horizon 90: adds H1 (data-entry 4) and S7 (data-entry, smaw):
 *   data-entry 4 − 1 = 3; smaw 5 − 3 = 2; safety 2; gmaw 2 → data-entry, smaw (demand 5), safety (3),
 *   gmaw (2). totals: 3 vacancies, 9 openings, 4 people.
 * Regency G, horizon 120: S3 joins → smaw 5 − 3 = 2, safety 3 − 2 = 1, gmaw 2 → smaw (demand 5),
 *   gmaw (2), safety (1).
 */

const SMAW_PROGRAMMES = [
  {
    code: 'blk.welding-smaw-basic',
    name: { id: 'Pengelasan SMAW 3G', en: 'SMAW welding 3G' },
    vocation: 'welding',
    hours: 160,
    certificationScheme: 'Skema Sertifikasi Juru Las SMAW 3G',
  },
  {
    code: 'blk.welding-fabrication',
    name: { id: 'Fabrikasi Pagar, Teralis dan Kanopi', en: 'Gate, grille and canopy fabrication' },
    vocation: 'welding',
    hours: 160,
    certificationScheme: null,
  },
];

const WELDING = { code: 'welding', label: { id: 'Teknik Las (Pengelasan)', en: 'Welding' } };

describe('reports: skills gap', () => {
  const u = uniq();
  const province = `Sulawesi Uji ${u}`;
  const regencyG = `Kabupaten Gap ${u}`;
  const regencyH = `Kota Lain ${u}`;
  let admin: TestUser;
  let officer: TestUser;
  let trainer: TestUser;

  before(async function () {
    this.timeout(120_000);
    const places = await buildPlaces(regencyG);
    [admin, officer, trainer] = await Promise.all([
      buildUser({ role: 'admin' }),
      buildUser({ role: 'officer', facilityId: places.bapas.id }),
      buildUser({ role: 'trainer', facilityId: places.blk.id }),
    ]);
    const employer = await buildEmployer({ province, regency: regencyG });
    const inG = { province, regency: regencyG };
    await Promise.all([
      buildVacancy(employer.id, {
        location: inG,
        openings: 3,
        skills: [
          { code: 'welding.smaw', required: true },
          { code: 'welding.safety', required: true },
        ],
      }),
      buildVacancy(employer.id, {
        location: inG,
        openings: 2,
        skills: [
          { code: 'welding.smaw', required: true },
          { code: 'welding.gmaw', required: true },
          { code: 'garment.industrial-sewing', required: false },
        ],
      }),
      buildVacancy(employer.id, {
        location: inG,
        openings: 4,
        closesAt: day(-1),
        skills: [{ code: 'welding.smaw', required: true }],
      }),
      buildVacancy(employer.id, {
        location: inG,
        openings: 5,
        status: 'closed',
        skills: [{ code: 'welding.smaw', required: true }],
      }),
      buildVacancy(employer.id, {
        title: 'Operator Entri Data',
        location: { province, regency: regencyH },
        openings: 4,
        skills: [{ code: 'computer.data-entry', required: true }],
      }),
    ]);

    const ctx = { now: new Date() };
    const person = async (
      regency: string,
      expected: number,
      skills: string[],
      then?: (id: string) => Promise<unknown>,
    ) => {
      const c = await buildCandidate(places, {
        domicile: { province, regency },
        release: { expectedDate: day(expected), type: 'pb' },
        skills: skills.map((code) => ({ code, level: 'basic' as const })),
      });
      await then?.(c.id);
    };
    const released = (at: number) => (id: string) => recordRelease(SYSTEM_ACTOR, id, day(at), ctx);
    await Promise.all([
      person(regencyG, 30, ['welding.smaw']),
      person(regencyG, -12, ['welding.smaw', 'welding.safety'], released(-10)),
      person(regencyG, 120, ['welding.smaw', 'welding.safety']),
      person(regencyG, -5, ['welding.smaw']),
      person(regencyG, 90, ['garment.industrial-sewing']),
      person(regencyG, -20, ['welding.smaw'], async (id) => {
        await released(-20)(id);
        await updateCandidate(SYSTEM_ACTOR, id, { status: 'withdrawn' }, ctx);
      }),
      person(regencyH, -5, ['computer.data-entry', 'welding.smaw'], released(-3)),
    ]);
  });

  async function get(user: TestUser, query: Record<string, string>) {
    const { app } = await reportsApp();
    return request(app).get(`${BASE}/reports/skills-gap`).query(query).set(user.auth);
  }

  const brief = (items: GapRow[]) => items.map((g) => [g.code, g.demand, g.supply, g.gap]);

  it('when a regency is asked for, then the gaps are the hand-worked ones, largest first, with programmes', async () => {
    const res = await get(officer, { regency: regencyG });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as SkillsGapReport;
    assert.equal(r.asOf, isoDayFromNow(0));
    assert.equal(r.horizonDays, 90);
    assert.deepEqual(r.releaseWindow, { from: isoDayFromNow(0), to: isoDayFromNow(90) });
    assert.deepEqual(r.region, { province: null, regency: regencyG });
    assert.deepEqual(r.totals, { vacancies: 2, openings: 5, people: 3 });
    assert.deepEqual(brief(r.items), [
      ['welding.smaw', 5, 2, 3],
      ['welding.safety', 3, 1, 2],
      ['welding.gmaw', 2, 0, 2],
    ]);
    assert.deepEqual(r.items[0], {
      code: 'welding.smaw',
      label: { id: 'Las Listrik SMAW', en: 'Shielded metal arc welding (SMAW)' },
      vocation: WELDING,
      demand: 5,
      supply: 2,
      gap: 3,
      programmes: SMAW_PROGRAMMES,
    });
    // welding.safety is taught by three programmes: the cap is three.
    assert.deepEqual(
      r.items[1]?.programmes.map((p) => p.code),
      ['blk.welding-smaw-basic', 'blk.welding-gmaw', 'blk.welding-fabrication'],
    );
    assert.deepEqual(
      r.items[2]?.programmes.map((p) => p.code),
      ['blk.welding-gmaw'],
    );
  });

  it('when all=true, then skills without a gap are listed too, below the gaps', async () => {
    const res = await get(trainer, { regency: regencyG, all: 'true' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(brief(res.body.items), [
      ['welding.smaw', 5, 2, 3],
      ['welding.safety', 3, 1, 2],
      ['welding.gmaw', 2, 0, 2],
      ['garment.industrial-sewing', 0, 1, -1],
    ]);
  });

  it('when a province is asked for under another spelling, then both regencies count', async () => {
    const res = await get(admin, { province: `Provinsi SULAWESI uji ${u}` });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.totals, { vacancies: 3, openings: 9, people: 4 });
    assert.deepEqual(brief(res.body.items), [
      ['computer.data-entry', 4, 1, 3],
      ['welding.smaw', 5, 3, 2],
      ['welding.safety', 3, 1, 2],
      ['welding.gmaw', 2, 0, 2],
    ]);
    // Province and regency together: the regency within the province.
    const both = await get(admin, { province, regency: `Kab. Gap ${u}` });
    assert.deepEqual(brief(both.body.items), brief((await get(admin, { regency: regencyG })).body.items));
  });

  it('when the horizon is longer, then people released later join the supply', async () => {
    const res = await get(admin, { regency: regencyG, horizonDays: '120' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.totals.people, 4);
    assert.deepEqual(brief(res.body.items), [
      ['welding.smaw', 5, 3, 2],
      ['welding.gmaw', 2, 0, 2],
      ['welding.safety', 3, 2, 1],
    ]);
  });

  it('when employers or candidates ask, then 403; facility staff may ask', async () => {
    const [boss, me, staff] = await Promise.all([
      buildUser({ role: 'employer' }),
      buildUser({ role: 'candidate' }),
      buildUser({ role: 'facility_staff' }),
    ]);
    assert.equal((await get(boss, { regency: regencyG })).status, 403);
    assert.equal((await get(me, { regency: regencyG })).status, 403);
    assert.equal((await get(staff, { regency: regencyG })).status, 200);
  });

  it('when a query value is bad, then 400 names the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ horizonDays: '0' }, 'query.horizonDays'],
      [{ horizonDays: '731' }, 'query.horizonDays'],
      [{ horizonDays: 'sembilan' }, 'query.horizonDays'],
      [{ horizonDays: '1.5' }, 'query.horizonDays'],
      [{ all: 'mungkin' }, 'query.all'],
      [{ regency: 'x' }, 'query.regency'],
      [{ format: 'pdf' }, 'query.format'],
    ];
    for (const [query, path] of cases) {
      const res = await get(admin, query);
      assert.equal(res.status, 400, `${JSON.stringify(query)} → ${res.status}`);
      assert.deepEqual(errorPaths(res.body), [path], JSON.stringify(query));
    }
  });

  it('when CSV is asked for, then a header and one row per gap come back with a file name', async () => {
    const { app } = await reportsApp();
    const res = await request(app)
      .get(`${BASE}/reports/skills-gap`)
      .query({ regency: regencyG })
      .set(admin.auth)
      .set('Accept', 'text/csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    const slug = regionKey(regencyG).replace(/ /g, '-');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="kesenjangan-keahlian_${slug}_${isoDayFromNow(0)}.csv"`,
    );
    const table = parse(res.text) as string[][];
    assert.deepEqual(table[0], [...SKILLS_GAP_CSV_HEADER]);
    assert.equal(table.length, 4);
    assert.deepEqual(table[1], [
      'welding.smaw',
      'Las Listrik SMAW',
      'Shielded metal arc welding (SMAW)',
      'welding',
      'Teknik Las (Pengelasan)',
      '5',
      '2',
      '3',
      'blk.welding-smaw-basic: Pengelasan SMAW 3G (160 jam; Skema Sertifikasi Juru Las SMAW 3G) | ' +
        'blk.welding-fabrication: Fabrikasi Pagar, Teralis dan Kanopi (160 jam)',
    ]);
    // The programme cell holds commas, so it is quoted on the wire.
    assert.ok(res.text.includes('"blk.welding-smaw-basic: Pengelasan SMAW 3G'));
  });
});
