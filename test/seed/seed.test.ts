import assert from 'node:assert/strict';
import request from 'supertest';
import { dayIn } from '../../scripts/seed/dates.js';
import { finalStateOf } from '../../scripts/seed/placements.js';
import { buildSeedPlan, DEMO_PASSWORD } from '../../scripts/seed/plan.js';
import { runSeed, SEED_KINDS, SeedRefusedError, type SeedReport } from '../../scripts/seed/run.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import { employerRepository } from '../../server/employers/repository.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { placementRepository } from '../../server/placements/repository.js';
import {
  DISCLOSED_STATES,
  EMPLOYED_STATES,
  PLACEMENT_STATES,
  RETENTION_DAYS,
} from '../../server/placements/states.js';
import { foldText } from '../../server/shared/text.js';
import { userRepository } from '../../server/users/repository.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { testApp, testDeps } from '../support/context.js';
import { type PresentCounts, presentByNaturalKey } from './natural-keys.js';
import { type CollectionState, snapshotDatabase } from './snapshot.js';

const ADMIN = { email: 'admin@demo.bekalkerja.local', password: 'kata-sandi-admin-demo' };

/** A distinct client address per sign-in so the login rate limit never interferes. */
let ipCounter = 0;
function clientIp(): string {
  ipCounter++;
  return `10.77.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

async function signIn(email: string, password: string): Promise<{ Authorization: string }> {
  const res = await request(await testApp())
    .post('/api/v1/auth/login')
    .set('X-Forwarded-For', clientIp())
    .send({ email, password });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { Authorization: `Bearer ${res.body.token as string}` };
}

/** The id of a seeded employer, by name. */
async function presentEmployerId(name: string): Promise<string | undefined> {
  const { items } = await employerRepository.list({ q: name }, 0, 100);
  return items.find((e) => foldText(e.name) === foldText(name))?.id;
}

function loginOf(report: SeedReport, role: string) {
  const row = report.logins.find((l) => l.role === role);
  assert.ok(row, `no ${role} login`);
  return row;
}

describe('demo seed', function () {
  this.timeout(180_000);

  let first: SeedReport;
  let second: SeedReport;
  let afterFirst: Record<string, CollectionState>;
  let afterSecond: Record<string, CollectionState>;

  let presentBefore: PresentCounts;
  let presentAfter: PresentCounts;

  before(async () => {
    const deps = await testDeps();
    // Natural keys do not depend on the anchor day, so any day's plan names the same records.
    const keys = buildSeedPlan(dayIn(new Date(), 'Asia/Makassar'));
    presentBefore = await presentByNaturalKey(keys);
    first = await runSeed(deps, { admin: ADMIN });
    presentAfter = await presentByNaturalKey(keys);
    afterFirst = await snapshotDatabase();
    second = await runSeed(deps, { admin: ADMIN });
    afterSecond = await snapshotDatabase();
  });

  it('when the seed runs, then it creates the whole demo set (adopting records other suites made) and one login per role', async () => {
    const expected = {
      facilities: 7,
      employers: 40,
      vacancies: 80,
      candidates: 308,
      users: 5,
      placements: 38,
    };
    assert.deepEqual(presentAfter, expected);
    for (const kind of Object.keys(expected) as (keyof typeof expected)[]) {
      assert.equal(first.counts[kind].created, expected[kind] - presentBefore[kind], kind);
      assert.equal(first.counts[kind].existing, presentBefore[kind], kind);
    }
    // Another suite of this run (the browser tests) may have seeded first: then its records are adopted.
    const c = first.counts;
    const made = (k: 'trainings' | 'certifications' | 'releases') =>
      presentBefore.candidates === 0 ? c[k].created : c[k].created + c[k].existing;
    assert.ok(made('trainings') >= 240, `trainings ${JSON.stringify(c.trainings)}`);
    assert.ok(made('certifications') >= 80, `certifications ${JSON.stringify(c.certifications)}`);
    assert.ok(made('releases') >= 60, `releases ${JSON.stringify(c.releases)}`);

    assert.deepEqual(first.logins.map((l) => l.role).sort(), [
      'admin',
      'candidate',
      'employer',
      'facility_staff',
      'officer',
      'trainer',
    ]);
    assert.ok(await userRepository.exists({ role: 'admin' }));
    for (const row of first.logins.filter((l) => l.role !== 'admin')) {
      const user = await userRepository.findByEmail(row.email);
      assert.equal(user?.role, row.role, row.email);
      assert.equal(row.password, DEMO_PASSWORD);
    }
    const officer = await userRepository.findByEmail(loginOf(first, 'officer').email);
    const bapas = await facilityRepository.findByCode('BAPAS-WATAMPONE');
    assert.equal(officer?.facilityId, bapas?.id);
  });

  it('when the seed runs a second time, then it creates nothing and no record changes', () => {
    for (const kind of SEED_KINDS) assert.equal(second.counts[kind].created, 0, kind);
    assert.equal(second.counts.candidates.existing, 308);
    assert.equal(second.counts.vacancies.existing, 80);
    assert.equal(second.counts.placements.existing, 38);
    assert.deepEqual(second.placementStates, first.placementStates);
    assert.equal(second.anchorDay, first.anchorDay);
    assert.deepEqual(afterSecond, afterFirst);
  });

  it('when the plan is built twice for the same anchor day, then it is identical; another day only moves dates', () => {
    const a = buildSeedPlan(first.anchorDay);
    assert.deepEqual(buildSeedPlan(first.anchorDay), a);
    const b = buildSeedPlan('2030-01-15');
    assert.deepEqual(
      b.candidates.map((c) => c.input.fullName),
      a.candidates.map((c) => c.input.fullName),
    );
    assert.notDeepEqual(
      b.candidates.map((c) => c.input.release.expectedDate),
      a.candidates.map((c) => c.input.release.expectedDate),
    );
    for (const c of a.candidates) {
      if (c.input.contact?.email) assert.match(c.input.contact.email, /@example\.id$/);
      const released = c.releasedOn !== undefined;
      assert.equal(released, c.input.release.expectedDate < a.anchorDay, c.input.registrationNumber);
    }
  });

  it('when the seeded candidate signs in, then they see their own profile and nobody else', async () => {
    const row = loginOf(first, 'candidate');
    const auth = await signIn(row.email, DEMO_PASSWORD);
    const app = await testApp();
    const list = await request(app).get('/api/v1/candidates').set(auth);
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.items[0].id, first.ids.demoCandidateId);

    const own = await request(app).get(`/api/v1/candidates/${first.ids.demoCandidateId}`).set(auth);
    assert.equal(own.status, 200);
    assert.equal(own.body.status, 'released');
    assert.equal(own.body.consent.shareWithEmployers, true);
    assert.ok(own.body.contact.email);

    const plan = buildSeedPlan(first.anchorDay);
    const other = plan.candidates[1]!;
    const facility = await facilityRepository.findByCode(other.facilityCode);
    const otherRecord = await candidateRepository.findByRegistration(
      facility!.id,
      other.input.registrationNumber,
    );
    assert.ok(otherRecord);
    const foreign = await request(app).get(`/api/v1/candidates/${otherRecord.id}`).set(auth);
    assert.equal(foreign.status, 404);
  });

  it('when the seeded employer lists candidates, then no row carries a name, registration number or offence', async () => {
    const auth = await signIn(loginOf(first, 'employer').email, DEMO_PASSWORD);
    const app = await testApp();
    const plan = buildSeedPlan(first.anchorDay);
    const secrets = plan.candidates.flatMap((c) => [
      c.input.fullName,
      c.input.registrationNumber,
      ...(c.input.contact?.email ? [c.input.contact.email] : []),
    ]);
    const rows: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const res = await request(app).get('/api/v1/candidates').query({ page, limit: 100 }).set(auth);
      assert.equal(res.status, 200);
      rows.push(...(res.body.items as Record<string, unknown>[]));
      if (rows.length >= res.body.total || res.body.items.length === 0) break;
    }
    // People the demo has at work are placed, and placed people are not shown to employers.
    const employed = new Set(
      plan.placements
        .filter((p) => EMPLOYED_STATES.includes(finalStateOf(p)))
        .map((p) => `${p.candidate.facilityCode}/${p.candidate.registrationNumber}`),
    );
    const visibleSeeded = plan.candidates.filter(
      (c) =>
        c.input.consent.shareWithEmployers &&
        !employed.has(`${c.facilityCode}/${c.input.registrationNumber}`),
    ).length;
    assert.ok(rows.length >= visibleSeeded, `${rows.length} rows, ${visibleSeeded} consenting seeded people`);
    for (const row of rows) {
      for (const key of ['id', 'fullName', 'registrationNumber', 'offenceCategory', 'birthDate', 'contact']) {
        assert.equal(key in row, false, `row has ${key}`);
      }
    }
    const text = JSON.stringify(rows);
    for (const secret of secrets) assert.equal(text.includes(secret), false, 'a seeded identifier leaked');
    for (const offence of ['narkotika', 'pencurian', 'penipuan', 'penganiayaan', 'penggelapan']) {
      assert.equal(text.includes(offence), false, offence);
    }

    const vacancies = await request(app).get('/api/v1/vacancies').query({ limit: 100 }).set(auth);
    assert.equal(vacancies.status, 200);
    const seeded = (vacancies.body.items as { externalRef?: string; status: string }[]).filter((v) =>
      v.externalRef?.startsWith('DEMO-V'),
    );
    assert.ok(seeded.length >= 1);
    assert.ok(seeded.every((v) => v.status === 'open'));
  });

  it('when the seed has run, then its placements reach every state, with dates in order and their effects in place', async () => {
    const plan = buildSeedPlan(first.anchorDay);
    // Exact states only when this test seeded them: an earlier suite's seed may have been clicked on since.
    const seededHere = presentBefore.placements === 0;
    assert.ok(plan.placements.length >= 25 && plan.placements.length <= 40, `${plan.placements.length}`);
    const want: Record<string, number> = {};
    for (const p of plan.placements) want[finalStateOf(p)] = (want[finalStateOf(p)] ?? 0) + 1;
    for (const state of PLACEMENT_STATES) assert.ok(want[state], `no demo placement is ${state}`);
    if (seededHere) {
      assert.deepEqual(first.placementStates, want);
      assert.deepEqual(first.skippedPlacements, []);
    }

    const DAY = 86_400_000;
    const anchorStart = new Date(`${first.anchorDay}T00:00:00+08:00`).getTime();
    const hired = new Set<string>();
    for (const p of plan.placements) {
      const facility = await facilityRepository.findByCode(p.candidate.facilityCode);
      const c = await candidateRepository.findByRegistration(facility!.id, p.candidate.registrationNumber);
      const employer = (await presentEmployerId(p.vacancy.employerName))!;
      const v = await vacancyRepository.findByExternalRef(employer, p.vacancy.externalRef);
      assert.ok(c && v, p.candidate.registrationNumber);
      const records = await placementRepository.findMany({ candidateId: c.id, vacancyId: v.id });
      assert.equal(records.length, 1, `${c.registrationNumber} → ${v.externalRef}`);
      const rec = records[0]!;
      const planned = rec.timeline.slice(0, p.steps.length + 1);
      assert.deepEqual(
        planned.map((e) => e.to),
        [rec.origin === 'employer' ? 'employer_interest' : 'proposed', ...p.steps.map((x) => x.to)],
      );
      const times = planned.map((e) => e.at.getTime());
      assert.ok(
        times.every((t, i) => t < anchorStart && (i === 0 || t > times[i - 1]!)),
        `${c.registrationNumber}: steps in order, before the anchor day`,
      );
      if (rec.hiredAt) {
        assert.ok(!hired.has(c.id), 'one person hired once');
        hired.add(c.id);
        // Nobody starts work before their release (the reports count days from release to hire).
        assert.ok(c.release.actualDate && rec.hiredAt >= c.release.actualDate, c.registrationNumber);
        for (const e of rec.timeline) {
          const days = RETENTION_DAYS[e.to];
          if (days) assert.ok(e.at.getTime() - rec.hiredAt.getTime() >= days * DAY, `${e.to} too early`);
        }
      }
      if (!seededHere) continue;
      assert.equal(rec.state, finalStateOf(p), c.registrationNumber);
      if (EMPLOYED_STATES.includes(rec.state)) assert.equal(c.status, 'placed', c.registrationNumber);
      if (rec.state === 'ended') assert.equal(c.status, 'released', c.registrationNumber);
    }
  });

  it('when the demo logins look at placements, then each sees its own, and the employer learns names only from the introduction on', async () => {
    const app = await testApp();
    const plan = buildSeedPlan(first.anchorDay);
    const seededHere = presentBefore.placements === 0;
    const get = async (role: string) => {
      const auth = await signIn(loginOf(first, role).email, DEMO_PASSWORD);
      const res = await request(app).get('/api/v1/placements').query({ limit: 100 }).set(auth);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as {
        total: number;
        items: { state: string; identity?: unknown; allowedMoves: string[] }[];
      };
    };
    const atLeast = (actual: number, expected: number, what: string) =>
      seededHere ? assert.equal(actual, expected, what) : assert.ok(actual >= expected, what);

    const officer = await get('officer');
    const watampone = plan.placements.filter((p) =>
      plan.candidates.some(
        (c) =>
          c.facilityCode === p.candidate.facilityCode &&
          c.input.registrationNumber === p.candidate.registrationNumber &&
          c.bapasCode === 'BAPAS-WATAMPONE',
      ),
    );
    atLeast(officer.total, watampone.length, 'the officer sees their Bapas’s placements');

    const employer = await get('employer');
    const ofDemoEmployer = plan.placements.filter(
      (p) => p.vacancy.employerName === loginOf(first, 'employer').scope,
    );
    atLeast(employer.total, ofDemoEmployer.length, 'the employer sees its placements');
    assert.ok(employer.total >= 5, `${employer.total}`);
    assert.ok(new Set(employer.items.map((i) => i.state)).size >= 4, 'the employer sees several states');
    for (const item of employer.items) {
      const introduced = (DISCLOSED_STATES as readonly string[]).includes(item.state);
      if (introduced) assert.ok(item.identity, `${item.state} names the person`);
      if (['employer_interest', 'proposed', 'candidate_consented'].includes(item.state))
        assert.equal(item.identity, undefined, `${item.state} names nobody`);
    }

    const person = await get('candidate');
    atLeast(person.total, 1, 'the person sees their placement');
    if (seededHere) {
      assert.equal(person.items[0]!.state, 'proposed');
      assert.ok(person.items[0]!.allowedMoves.includes('candidate_consented'), 'the person can consent');
    }
  });

  it('when NODE_ENV is production and force is not given, then the seed refuses before writing', async () => {
    const deps = await testDeps();
    const before = await snapshotDatabase();
    await assert.rejects(
      runSeed({ ...deps, config: { ...deps.config, NODE_ENV: 'production' } }),
      SeedRefusedError,
    );
    assert.deepEqual(await snapshotDatabase(), before);
  });
});
