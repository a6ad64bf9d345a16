import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { addCertification, addTraining, recordRelease } from '../../server/candidates/service.js';
import type { FacilityView } from '../../server/facilities/schemas.js';
import { createWriteHooks } from '../../server/hooks.js';
import {
  createPlacement,
  type PlacementHooks,
  transitionPlacement,
} from '../../server/placements/service.js';
import { PLACEMENT_STATES, type PlacementState } from '../../server/placements/states.js';
import { PLACEMENTS_CSV_HEADER } from '../../server/reports/csv.js';
import type { BreakdownRow, PlacementsReport } from '../../server/reports/service.js';
import { testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildFacility,
  buildUser,
  buildVacancy,
  type TestUser,
  uniq,
} from '../support/factories.js';
import { BASE, day, errorPaths, isoDayFromNow, reportsApp } from './reports-app.js';

/*
 * The hand-built world. T = today (UTC); D(k) = T + k days. Every placement is created by the real
 * service with its timeline starting at D(-300), then driven to its state with dated steps.
 *
 *   person Bapas Lapas  release (actual / expected)  BLK record                 placement(s)
 *   P1     A     L1     actual D-250 (exp. D-260)    SMAW@K failed, then passed V1 hired D-220, r30 D-190, r90 D-130, r180 D-40
 *   P2     A     L1     actual D-215                 SMAW@K, Menjahit@K2 passed V1 hired D-200, r30 D-170, ended D-120
 *   P3     A     L2     expected D-110 (in custody)  Menjahit@K2 passed,        V2 hired D-100, r30 D-70
 *                                                   SMAW@K failed
 *   P4     A     L1     actual D-60 (exp. D-80)      certificate from K          V1 proposed, withdrawn when hired on V2;
 *                                                                               V2 hired D-40
 *   P5     B     L2     actual D-30                  SMAW@K passed (twice)       V1 hired D-5
 *   P6     B     L1     expected D+20                certificate from K          V1 interviewing
 *   P7     A     L1     actual D-50                  certificate from K          V2 declined
 *   P8     B     L2     actual D-90                  Menjahit@K failed           V3 offered
 *
 * V1 requires welding.smaw (vocation welding); V2 garment.industrial-sewing (garment); V3 lists
 * computer.data-entry as optional first, then construction.masonry required (construction).
 *
 * With to = T, over the BLK K population (everyone above; 9 placements):
 *   byState: retained_180 1 (P1), ended 1 (P2), retained_30 1 (P3), hired 2 (P4 V2, P5), withdrawn 1
 *            (P4 V1), interviewing 1 (P6), declined 1 (P7), offered 1 (P8); all other states 0.
 *   days release→hire: P1 30, P2 15, P3 10, P4 20 (actual date, not expected), P5 25
 *            → sorted 10 15 20 25 30 → median 20, n 5.
 *   retention 30: eligible = hired with hire + 30 ≤ T: P1, P2, P3, P4 (D-10) → 4; P5 (D+25) not.
 *            retained: P1 (r180), P2 (reached r30 before ending), P3 (r30) → 3; rate 0.75.
 *   retention 90: eligible P1, P2, P3 (D-10) → 3; P4 (D+50) not. retained: P1 only → 1; 0.333.
 *   retention 180: eligible P1 (D-40), P2 (D-20) → 2; P3 (D+80) not. retained: P1 → 1; 0.5.
 *   byVocation: welding  P1 P2 P4a P5 P6 → 5 placements, hired 3 (P1 P2 P5);
 *                        30: P1 P2 eligible, both retained → 2/2 = 1; 90: 2 eligible, P1 → 0.5;
 *                        180: 2 eligible, P1 → 0.5.
 *               garment  P3 P4b P7 → 3, hired 2; 30: P3 P4b eligible, P3 retained → 0.5;
 *                        90: P3 eligible, none retained → 0; 180: none eligible → null.
 *               construction  P8 → 1, hired 0, nothing eligible.
 *   byProgramme: SMAW@K      P1 P2 P5 → 3, hired 3, 30: 2/2 = 1, 90: 1/2 = 0.5, 180: 1/2 = 0.5.
 *                Menjahit@K2 P2 P3 → 2, hired 2, 30: 2/2 = 1, 90: P2, P3 eligible, 0 retained → 0;
 *                            180: P2 eligible, 0 → 0.
 *                (none)      P4a P4b P6 P7 P8 → 5, hired 1 (P4b), 30: 1 eligible, 0 → 0; 90, 180: null.
 */

const ctx = () => ({ now: new Date() });

type Step = [PlacementState, number, { note?: string; reason?: string }?];

function retention(
  d30: [number, number, number | null],
  d90: [number, number, number | null],
  d180: [number, number, number | null],
) {
  const one = ([eligible, retained, rate]: [number, number, number | null]) => ({ eligible, retained, rate });
  return { d30: one(d30), d90: one(d90), d180: one(d180) };
}

function states(counts: Partial<Record<PlacementState, number>>): Record<PlacementState, number> {
  return Object.fromEntries(PLACEMENT_STATES.map((s) => [s, counts[s] ?? 0])) as Record<
    PlacementState,
    number
  >;
}

describe('reports: placements', () => {
  let L1: FacilityView;
  let L2: FacilityView;
  let A: FacilityView;
  let B: FacilityView;
  let K: FacilityView;
  let K2: FacilityView;
  let admin: TestUser;
  let officerA: TestUser;
  let staffL1: TestUser;
  let staffL2: TestUser;
  let trainerK2: TestUser;
  let hooks: PlacementHooks;

  before(async function () {
    this.timeout(120_000);
    const deps = await testDeps();
    const h = createWriteHooks(deps);
    hooks = {
      candidates: h.candidates,
      vacancies: h.vacancies,
      afterCommit: h.candidates.afterCommit ?? (async () => undefined),
    };
    const regency = `Kab Laporan ${uniq()}`;
    const province = `Sulawesi Laporan ${uniq()}`;
    const at = { regency, province };
    [L1, L2, A, B, K, K2] = await Promise.all([
      buildFacility('lapas', at),
      buildFacility('lapas', at),
      buildFacility('bapas', at),
      buildFacility('bapas', at),
      buildFacility('blk', at),
      // Quotes and a comma, so the CSV must quote the programme label.
      buildFacility('blk', { ...at, name: `BLK "Maju", Watampone ${uniq()}` }),
    ]);
    [admin, officerA, staffL1, staffL2, trainerK2] = await Promise.all([
      buildUser({ role: 'admin' }),
      buildUser({ role: 'officer', facilityId: A.id }),
      buildUser({ role: 'facility_staff', facilityId: L1.id }),
      buildUser({ role: 'facility_staff', facilityId: L2.id }),
      buildUser({ role: 'trainer', facilityId: K2.id }),
    ]);

    const employer = await buildEmployer({ province, regency });
    const location = { province, regency, lat: -4.54, lng: 120.33 };
    const [V1, V2, V3] = await Promise.all([
      buildVacancy(employer.id, {
        location,
        openings: 10,
        skills: [{ code: 'welding.smaw', required: true }],
      }),
      buildVacancy(employer.id, {
        title: 'Operator Jahit',
        location,
        openings: 10,
        skills: [{ code: 'garment.industrial-sewing', required: true }],
      }),
      buildVacancy(employer.id, {
        title: 'Tukang Batu',
        location,
        openings: 10,
        skills: [
          { code: 'computer.data-entry', required: false },
          { code: 'construction.masonry', required: true },
        ],
      }),
    ]);

    const person = async (lapas: FacilityView, bapas: FacilityView, expected: number, actual?: number) => {
      const c = await buildCandidate(
        { lapas, bapas, blk: K },
        {
          domicile: { province, regency },
          release: { expectedDate: day(expected), type: 'pb' },
          restrictions: { allowedRegencies: [regency] },
        },
      );
      if (actual !== undefined) await recordRelease(SYSTEM_ACTOR, c.id, day(actual), ctx());
      return c.id;
    };
    const training = (id: string, blk: FacilityView, programme: string, result: 'passed' | 'failed') =>
      addTraining(
        SYSTEM_ACTOR,
        id,
        {
          provider: blk.id,
          programme,
          startDate: day(-400),
          endDate: day(-380),
          hours: 160,
          result,
          skills: ['welding.smaw'],
        },
        ctx(),
      );
    const certificate = (id: string) =>
      addCertification(
        SYSTEM_ACTOR,
        id,
        {
          scheme: 'Skema Sertifikasi Juru Las SMAW 3G',
          number: uniq('CERT-'),
          issuer: 'LSP Uji',
          issuedAt: day(-370),
          skills: ['welding.smaw'],
          provider: K.id,
        },
        ctx(),
      );

    const [P1, P2, P3, P4, P5, P6, P7, P8] = await Promise.all([
      person(L1, A, -260, -250),
      person(L1, A, -225, -215),
      person(L2, A, -110),
      person(L1, A, -80, -60),
      person(L2, B, -35, -30),
      person(L1, B, 20),
      person(L1, A, -55, -50),
      person(L2, B, -95, -90),
    ]);
    await training(P1, K, 'Pengelasan SMAW 3G', 'failed');
    await training(P1, K, 'Pengelasan SMAW 3G', 'passed');
    await training(P2, K, 'Pengelasan SMAW 3G', 'passed');
    await training(P2, K2, 'Menjahit Dasar', 'passed');
    await training(P3, K2, 'Menjahit Dasar', 'passed');
    await training(P3, K, 'Pengelasan SMAW 3G', 'failed');
    await certificate(P4);
    await training(P5, K, 'Pengelasan SMAW 3G', 'passed');
    // The same programme written differently is one programme.
    await training(P5, K, 'pengelasan  smaw 3G', 'passed');
    await certificate(P6);
    await certificate(P7);
    await training(P8, K, 'Menjahit Dasar', 'failed');

    const place = async (candidateId: string, vacancyId: string, steps: Step[]) => {
      const p = await createPlacement(SYSTEM_ACTOR, { candidateId, vacancyId }, { now: day(-300) });
      for (const [to, d, extra] of steps) {
        await transitionPlacement(SYSTEM_ACTOR, p.id, { to, at: day(d), ...extra }, ctx(), hooks, {
          allowFuture: true,
        });
      }
      return p.id;
    };
    const toHired = (hired: number): Step[] => [
      ['candidate_consented', hired - 10, { note: 'setuju langsung di Bapas' }],
      ['introduced', hired - 9],
      ['interviewing', hired - 8],
      ['offered', hired - 5],
      ['hired', hired],
    ];
    await place(P1, V1.id, [
      ...toHired(-220),
      ['retained_30', -190],
      ['retained_90', -130],
      ['retained_180', -40],
    ]);
    await place(P2, V1.id, [
      ...toHired(-200),
      ['retained_30', -170],
      ['ended', -120, { reason: 'kontrak habis' }],
    ]);
    await place(P3, V2.id, [...toHired(-100), ['retained_30', -70]]);
    await place(P4, V1.id, []);
    await place(P4, V2.id, toHired(-40));
    await place(P5, V1.id, toHired(-5));
    await place(P6, V1.id, toHired(-15).slice(0, 3));
    await place(P7, V2.id, [['declined', -45, { reason: 'tidak berminat' }]]);
    await place(P8, V3.id, toHired(-8).slice(0, 4));
  });

  async function get(user: TestUser, query: Record<string, string>) {
    const { app } = await reportsApp();
    return request(app).get(`${BASE}/reports/placements`).query(query).set(user.auth);
  }

  function row(rows: BreakdownRow[], key: string): BreakdownRow {
    const found = rows.find((r) => r.key === key);
    assert.ok(found, `no row ${key} in ${rows.map((r) => r.key).join(', ')}`);
    return found;
  }

  it('when an admin asks for the BLK population, then counts, median, retention and breakdowns match the hand-worked figures', async () => {
    const res = await get(admin, { blkId: K.id });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as PlacementsReport;
    assert.deepEqual(r.period, { from: isoDayFromNow(-364), to: isoDayFromNow(0) });
    assert.deepEqual(r.filters, { blkId: K.id });
    assert.equal(r.total, 9);
    assert.deepEqual(
      r.byState,
      states({
        retained_180: 1,
        ended: 1,
        retained_30: 1,
        hired: 2,
        withdrawn: 1,
        interviewing: 1,
        declined: 1,
        offered: 1,
      }),
    );
    assert.equal(r.hired, 5);
    assert.deepEqual(r.daysReleaseToHire, { median: 20, n: 5 });
    assert.deepEqual(r.retention, retention([4, 3, 0.75], [3, 1, 0.333], [2, 1, 0.5]));

    assert.deepEqual(
      r.byVocation.map((b) => b.key),
      ['welding', 'garment', 'construction'],
    );
    assert.deepEqual(row(r.byVocation, 'welding'), {
      key: 'welding',
      label: { id: 'Teknik Las (Pengelasan)', en: 'Welding' },
      placements: 5,
      hired: 3,
      retention: retention([2, 2, 1], [2, 1, 0.5], [2, 1, 0.5]),
    });
    assert.deepEqual(row(r.byVocation, 'garment'), {
      key: 'garment',
      label: { id: 'Garmen Apparel (Menjahit)', en: 'Garment making and tailoring' },
      placements: 3,
      hired: 2,
      retention: retention([2, 1, 0.5], [1, 0, 0], [0, 0, null]),
    });
    assert.deepEqual(row(r.byVocation, 'construction'), {
      key: 'construction',
      label: { id: 'Bangunan (Konstruksi)', en: 'Building construction' },
      placements: 1,
      hired: 0,
      retention: retention([0, 0, null], [0, 0, null], [0, 0, null]),
    });

    const smaw = `${K.id}:pengelasan smaw 3g`;
    const sewing = `${K2.id}:menjahit dasar`;
    assert.deepEqual(
      r.byProgramme.map((b) => b.key),
      [smaw, sewing, '(none)'],
    );
    assert.deepEqual(row(r.byProgramme, smaw), {
      key: smaw,
      label: { id: `Pengelasan SMAW 3G (${K.name})`, en: `Pengelasan SMAW 3G (${K.name})` },
      placements: 3,
      hired: 3,
      retention: retention([2, 2, 1], [2, 1, 0.5], [2, 1, 0.5]),
    });
    assert.deepEqual(row(r.byProgramme, sewing), {
      key: sewing,
      label: { id: `Menjahit Dasar (${K2.name})`, en: `Menjahit Dasar (${K2.name})` },
      placements: 2,
      hired: 2,
      retention: retention([2, 2, 1], [2, 0, 0], [1, 0, 0]),
    });
    assert.deepEqual(row(r.byProgramme, '(none)'), {
      key: '(none)',
      label: { id: '(tanpa pelatihan BLK)', en: '(no BLK training)' },
      placements: 5,
      hired: 1,
      retention: retention([1, 0, 0], [0, 0, null], [0, 0, null]),
    });
  });

  it('when an officer asks, then only their Bapas is counted (P1 P2 P3 P4×2 P7) and the median of 4 hires is 17.5', async () => {
    const res = await get(officerA, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as PlacementsReport;
    // P1 P2 P3 P4 (two) P7; P5, P6, P8 belong to Bapas B.
    assert.equal(r.total, 6);
    assert.deepEqual(
      r.byState,
      states({ retained_180: 1, ended: 1, retained_30: 1, hired: 1, withdrawn: 1, declined: 1 }),
    );
    // P3 10, P2 15, P4 20, P1 30 → (15 + 20) / 2.
    assert.deepEqual(r.daysReleaseToHire, { median: 17.5, n: 4 });
    assert.deepEqual(r.retention, retention([4, 3, 0.75], [3, 1, 0.333], [2, 1, 0.5]));

    // Their own Bapas named explicitly is the same population; a facility filter narrows it (P3).
    const own = await get(officerA, { bapasId: A.id });
    assert.equal(own.body.total, 6);
    const inL2 = await get(officerA, { facilityId: L2.id });
    assert.equal(inL2.status, 200);
    assert.equal(inL2.body.total, 1);
    assert.equal(inL2.body.byState.retained_30, 1);
  });

  it('when an officer filters by another Bapas, then 403 names query.bapasId', async () => {
    const res = await get(officerA, { bapasId: B.id });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'forbidden');
    assert.deepEqual(errorPaths(res.body), ['query.bapasId']);
  });

  it('when facility staff and trainers ask, then they see their facility and their BLK, and other ones answer 403', async () => {
    const staff = await get(staffL2, {});
    assert.equal(staff.status, 200);
    // P3, P5, P8 were held in L2.
    assert.equal(staff.body.total, 3);
    assert.deepEqual(staff.body.byState, states({ retained_30: 1, hired: 1, offered: 1 }));

    const otherLapas = await get(staffL1, { facilityId: L2.id });
    assert.equal(otherLapas.status, 403);
    assert.deepEqual(errorPaths(otherLapas.body), ['query.facilityId']);

    // K2 trained P2 and P3 only.
    const trainer = await get(trainerK2, {});
    assert.equal(trainer.status, 200);
    assert.equal(trainer.body.total, 2);
    assert.deepEqual(trainer.body.daysReleaseToHire, { median: 12.5, n: 2 });
    const otherBlk = await get(trainerK2, { blkId: K.id });
    assert.equal(otherBlk.status, 403);
    assert.deepEqual(errorPaths(otherBlk.body), ['query.blkId']);
  });

  it('when employers or candidates ask, then 403', async () => {
    const [boss, me] = await Promise.all([buildUser({ role: 'employer' }), buildUser({ role: 'candidate' })]);
    assert.equal((await get(boss, {})).status, 403);
    assert.equal((await get(me, {})).status, 403);
    // An officer account without a Bapas has no population to report on.
    const unlinked = await buildUser({ role: 'officer' });
    assert.equal((await get(unlinked, {})).status, 403);
  });

  it('when the period ends after today, then retention is still judged at today', async () => {
    const res = await get(admin, { blkId: K.id, from: isoDayFromNow(-10), to: isoDayFromNow(200) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.period, { from: isoDayFromNow(-10), to: isoDayFromNow(200) });
    assert.equal(res.body.total, 9);
    assert.deepEqual(res.body.retention, retention([4, 3, 0.75], [3, 1, 0.333], [2, 1, 0.5]));
  });

  it('when the period ends before the placements were created, then every figure is empty', async () => {
    const res = await get(admin, { blkId: K.id, from: isoDayFromNow(-30), to: isoDayFromNow(-1) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as PlacementsReport;
    assert.equal(r.total, 0);
    assert.deepEqual(r.byState, states({}));
    assert.deepEqual(r.daysReleaseToHire, { median: null, n: 0 });
    assert.deepEqual(r.retention, retention([0, 0, null], [0, 0, null], [0, 0, null]));
    assert.deepEqual(r.byVocation, []);
    assert.deepEqual(r.byProgramme, []);
  });

  it('when a query value is malformed, unknown or inconsistent, then 400 names the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2025-02-30' }, 'query.from'],
      [{ to: 'kemarin' }, 'query.to'],
      [{ from: isoDayFromNow(0), to: isoDayFromNow(-1) }, 'query.from'],
      [{ facilityId: 'abc' }, 'query.facilityId'],
      // A well-formed id that is no facility, and a Lapas given as a Bapas.
      [{ facilityId: '0123456789abcdef01234567' }, 'query.facilityId'],
      [{ bapasId: L1.id }, 'query.bapasId'],
      [{ blkId: A.id }, 'query.blkId'],
      [{ format: 'xml' }, 'query.format'],
    ];
    for (const [query, path] of cases) {
      const res = await get(admin, query);
      assert.equal(res.status, 400, `${JSON.stringify(query)} → ${res.status}`);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.deepEqual(errorPaths(res.body), [path], JSON.stringify(query));
    }
  });

  it('when CSV is asked for, then one flat quoted table comes back with a file name', async () => {
    const { app } = await reportsApp();
    const res = await request(app)
      .get(`${BASE}/reports/placements`)
      .query({ blkId: K.id })
      .set(admin.auth)
      .set('Accept', 'text/csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="laporan-penempatan_${isoDayFromNow(-364)}_${isoDayFromNow(0)}.csv"`,
    );
    assert.ok(res.text.includes('\r\n'));
    const table = parse(res.text) as string[][];
    assert.deepEqual(table[0], [...PLACEMENTS_CSV_HEADER]);
    const from = isoDayFromNow(-364);
    const to = isoDayFromNow(0);
    assert.deepEqual(table[1], [
      'total',
      'all',
      `Semua penempatan ${from} s.d. ${to}`,
      `All placements ${from} to ${to}`,
      '9',
      '5',
      '4',
      '3',
      '0.75',
      '3',
      '1',
      '0.333',
      '2',
      '1',
      '0.5',
      '20',
      '5',
    ]);
    // 1 total + 13 states + 3 vocations + 3 programmes.
    assert.equal(table.length, 1 + 1 + 13 + 3 + 3);
    const find = (section: string, key: string) => table.find((r) => r[0] === section && r[1] === key);
    assert.deepEqual(find('state', 'hired')?.slice(0, 6), [
      'state',
      'hired',
      'Diterima bekerja',
      'Hired',
      '2',
      '',
    ]);
    assert.deepEqual(find('vocation', 'garment')?.slice(4, 15), [
      '3',
      '2',
      '2',
      '1',
      '0.5',
      '1',
      '0',
      '0',
      '0',
      '0',
      '',
    ]);
    // The BLK name holds quotes and a comma; the parsed cell is the original text.
    assert.equal(find('programme', `${K2.id}:menjahit dasar`)?.[2], `Menjahit Dasar (${K2.name})`);
    assert.ok(res.text.includes(`"Menjahit Dasar (BLK ""Maju"", Watampone`));

    // ?format=csv does the same without an Accept header; ?format=json wins over Accept.
    const byQuery = await request(app)
      .get(`${BASE}/reports/placements`)
      .query({ blkId: K.id, format: 'csv' })
      .set(admin.auth);
    assert.equal(byQuery.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(byQuery.text, res.text);
    const json = await request(app)
      .get(`${BASE}/reports/placements`)
      .query({ blkId: K.id, format: 'json' })
      .set(admin.auth)
      .set('Accept', 'text/csv');
    assert.match(json.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(json.body.total, 9);
  });

  it('when the OpenAPI document is built, then the report routes carry their query, roles and CSV media type', async () => {
    const { api } = await reportsApp();
    const doc = api.openapi({ title: 't', version: '0', serverUrl: 'http://x' }) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string }[];
            'x-roles': string[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          }
        >
      >;
    };
    const op = doc.paths['/reports/placements']?.get;
    assert.ok(op);
    assert.deepEqual(op.parameters.map((p) => p.name).sort(), [
      'bapasId',
      'blkId',
      'facilityId',
      'format',
      'from',
      'to',
    ]);
    assert.deepEqual(op['x-roles'], ['admin', 'officer', 'facility_staff', 'trainer']);
    assert.ok(op.responses['200']?.content?.['text/csv']);
    assert.ok(doc.paths['/reports/skills-gap']?.get);
  });
});
