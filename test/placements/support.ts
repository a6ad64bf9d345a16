import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import request from 'supertest';
import type { CreateCandidateInput } from '../../server/candidates/schemas.js';
import type { EmployerView } from '../../server/employers/schemas.js';
import type { FacilityView } from '../../server/facilities/schemas.js';
import type { PlacementState } from '../../server/placements/states.js';
import { syncDirty } from '../../server/search/sync.js';
import type { CreateVacancyInput, VacancyView } from '../../server/vacancies/schemas.js';
import { waitFor } from '../search/support.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildFacility,
  buildPlaces,
  buildUser,
  buildVacancy,
  type CandidateFull,
  type Places,
  type TestUser,
  uniq,
} from '../support/factories.js';

export const DAY = 86_400_000;

/** One listening server for a whole file: many requests without a new ephemeral server each. */
let server: Server | null = null;
export async function api(): Promise<Server> {
  if (!server) {
    const app = await testApp();
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  }
  return server;
}
export async function closeApi(): Promise<void> {
  const s = server;
  server = null;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
}

/** Everyone a placement can meet: its parties, their look-alikes elsewhere, and roles with no part. */
export interface PlacementWorld {
  regency: string;
  places: Places;
  otherBapas: FacilityView;
  admin: TestUser;
  officer: TestUser;
  otherOfficer: TestUser;
  employer: EmployerView;
  boss: TestUser;
  otherEmployer: EmployerView;
  otherBoss: TestUser;
  staff: TestUser;
  trainer: TestUser;
  stranger: { person: CandidateFull; user: TestUser };
}

export async function buildPlacementWorld(regency = `Kab Penempatan ${uniq()}`): Promise<PlacementWorld> {
  const places = await buildPlaces(regency);
  const otherBapas = await buildFacility('bapas', { regency });
  const [employer, otherEmployer] = await Promise.all([
    buildEmployer({ regency, contactEmail: `${uniq('hr-')}@test.bekalkerja.local` }),
    buildEmployer({ regency, contactEmail: `${uniq('hr-')}@test.bekalkerja.local` }),
  ]);
  const [admin, officer, otherOfficer, boss, otherBoss, staff, trainer] = await Promise.all([
    buildUser({ role: 'admin' }),
    buildUser({ role: 'officer', facilityId: places.bapas.id, name: 'Petugas Uji' }),
    buildUser({ role: 'officer', facilityId: otherBapas.id }),
    buildUser({ role: 'employer', employerId: employer.id }),
    buildUser({ role: 'employer', employerId: otherEmployer.id }),
    buildUser({ role: 'facility_staff', facilityId: places.lapas.id }),
    buildUser({ role: 'trainer', facilityId: places.blk.id }),
  ]);
  const world: PlacementWorld = {
    regency,
    places,
    otherBapas,
    admin,
    officer,
    otherOfficer,
    employer,
    boss,
    otherEmployer,
    otherBoss,
    staff,
    trainer,
    stranger: await buildPerson({ places, officer, regency }),
  };
  return world;
}

/** A person of the world's Lapas and Bapas (welder, consenting, reachable) with a login of their own. */
export async function buildPerson(
  w: Pick<PlacementWorld, 'places' | 'officer' | 'regency'>,
  overrides: Partial<CreateCandidateInput> = {},
): Promise<{ person: CandidateFull; user: TestUser }> {
  const person = await buildCandidate(w.places, {
    officerId: w.officer.user.id,
    domicile: { province: 'Sulawesi Selatan', regency: w.regency, location: { lat: -4.54, lng: 120.33 } },
    restrictions: { allowedRegencies: [w.regency], curfew: false, excludedSectors: ['finance'] },
    ...overrides,
  });
  const user = await buildUser({ role: 'candidate', candidateId: person.id, name: person.fullName });
  return { person, user };
}

export function buildWorldVacancy(
  w: Pick<PlacementWorld, 'employer' | 'regency'>,
  overrides: Partial<CreateVacancyInput> = {},
): Promise<VacancyView> {
  return buildVacancy(w.employer.id, {
    title: `Juru Las ${uniq()}`,
    location: { province: 'Sulawesi Selatan', regency: w.regency, lat: -4.54, lng: 120.33 },
    ...overrides,
  });
}

/** The transition endpoint, answering the raw response. */
export async function move(who: TestUser, id: string, body: Record<string, unknown>) {
  return request(await api())
    .post(`/api/v1/placements/${id}/transitions`)
    .set(who.auth)
    .send(body);
}

/** A legal step that must succeed; fails the test naming the answer otherwise. */
export async function step(who: TestUser, id: string, body: Record<string, unknown>) {
  const res = await move(who, id, body);
  assert.equal(res.status, 200, `${String(body.to)} by ${who.user.role}: ${JSON.stringify(res.body)}`);
  return res;
}

export const iso = (d: Date) => d.toISOString();

/** A fresh placement, its person (with login) and its vacancy. */
export interface Fixture {
  id: string;
  person: CandidateFull;
  self: TestUser;
  vacancy: VacancyView;
  /** Timeline events when handed over. */
  events: number;
}

/**
 * The legal path to each state: who starts the placement and the steps after that. The closing
 * states are reached the plain way (declined and withdrawn from proposed, ended from hired).
 */
export const PATH: Record<PlacementState, { origin: 'officer' | 'employer'; steps: PlacementState[] }> = {
  employer_interest: { origin: 'employer', steps: [] },
  proposed: { origin: 'officer', steps: [] },
  candidate_consented: { origin: 'officer', steps: ['candidate_consented'] },
  introduced: { origin: 'officer', steps: ['candidate_consented', 'introduced'] },
  interviewing: { origin: 'officer', steps: ['candidate_consented', 'introduced', 'interviewing'] },
  offered: { origin: 'officer', steps: ['candidate_consented', 'introduced', 'interviewing', 'offered'] },
  hired: {
    origin: 'officer',
    steps: ['candidate_consented', 'introduced', 'interviewing', 'offered', 'hired'],
  },
  retained_30: {
    origin: 'officer',
    steps: ['candidate_consented', 'introduced', 'interviewing', 'offered', 'hired', 'retained_30'],
  },
  retained_90: {
    origin: 'officer',
    steps: [
      'candidate_consented',
      'introduced',
      'interviewing',
      'offered',
      'hired',
      'retained_30',
      'retained_90',
    ],
  },
  retained_180: {
    origin: 'officer',
    steps: [
      'candidate_consented',
      'introduced',
      'interviewing',
      'offered',
      'hired',
      'retained_30',
      'retained_90',
      'retained_180',
    ],
  },
  declined: { origin: 'officer', steps: ['declined'] },
  withdrawn: { origin: 'officer', steps: ['withdrawn'] },
  ended: {
    origin: 'officer',
    steps: ['candidate_consented', 'introduced', 'interviewing', 'offered', 'hired', 'ended'],
  },
};

/**
 * Walks a fresh placement (its own person and vacancy) to `state` through the API. Steps before the
 * hire happen now; the hire happens at `hiredAt` and each retention step exactly 30/90/180 days later
 * (allowFuture is on outside production), an end one day after the hire.
 */
export async function placementAt(
  w: PlacementWorld,
  state: PlacementState,
  hiredAt: Date,
  opts: { person?: { person: CandidateFull; user: TestUser }; vacancy?: VacancyView } = {},
): Promise<Fixture> {
  const [who, vacancy] = await Promise.all([
    opts.person ?? buildPerson(w),
    opts.vacancy ?? buildWorldVacancy(w),
  ]);
  const path = PATH[state];
  const created = await request(await api())
    .post('/api/v1/placements')
    .set(path.origin === 'employer' ? w.boss.auth : w.officer.auth)
    .send({
      candidateId: path.origin === 'employer' ? who.person.publicId : who.person.id,
      vacancyId: vacancy.id,
    });
  assert.equal(created.status, 201, `create for ${state}: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const after = (days: number) => iso(new Date(hiredAt.getTime() + days * DAY));
  for (const to of path.steps) {
    switch (to) {
      case 'candidate_consented':
        await step(w.officer, id, { to, note: 'Persetujuan lisan saat kunjungan, disaksikan petugas' });
        break;
      case 'introduced':
        await step(w.officer, id, { to });
        break;
      case 'interviewing':
      case 'offered':
        await step(w.boss, id, { to });
        break;
      case 'hired':
        await step(w.boss, id, { to, at: iso(hiredAt) });
        break;
      case 'retained_30':
        await step(w.officer, id, { to, at: after(30) });
        break;
      case 'retained_90':
        await step(w.officer, id, { to, at: after(90) });
        break;
      case 'retained_180':
        await step(w.officer, id, { to, at: after(180) });
        break;
      case 'ended':
        await step(w.officer, id, { to, reason: 'Kontrak kerja selesai', at: after(1) });
        break;
      default:
        await step(w.officer, id, { to, reason: 'Tidak jadi, alasan uji' });
    }
  }
  return { id, person: who.person, self: who.user, vacancy, events: path.steps.length + 1 };
}

/** Jobs waiting or running in every queue of this run. */
async function pendingJobs(): Promise<number> {
  const deps = await testDeps();
  let n = 0;
  for (const queue of deps.queues.all()) {
    const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
    n += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
  }
  return n;
}

/**
 * With workers running: waits until they have worked off what earlier suites left queued, so a timing
 * check measures this suite's own writes and not someone else's backlog.
 */
export async function drainQueues(timeoutMs: number): Promise<void> {
  await waitFor(async () => (await pendingJobs()) === 0, timeoutMs, 250).catch(async () => {
    throw new Error(`the workers did not catch up within ${timeoutMs} ms (${await pendingJobs()} jobs left)`);
  });
}

/**
 * Inside a `describe` that runs no workers: once it has finished, index what it wrote directly and drop
 * the jobs it queued (search syncs, check-in planning), so a later suite that starts workers does not
 * inherit this one's backlog. Outbox entries are already marked dispatched; nothing re-sends them.
 */
export function settleQueuedJobsAfterSuite(): void {
  let since = Date.now();
  before(() => {
    since = Date.now();
  });
  after(async function () {
    this.timeout(90_000);
    const deps = await testDeps();
    const now = deps.clock.now();
    const indexing = (async () => {
      await syncDirty(deps.search, 'candidates', now);
      await syncDirty(deps.search, 'vacancies', now);
    })().catch(() => undefined);
    // A courtesy, not an assertion: on a busy search engine the indexing finishes in the background.
    await Promise.race([indexing, new Promise((resolve) => setTimeout(resolve, 45_000).unref())]);
    for (const queue of deps.queues.all()) {
      for (const job of await queue.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1)) {
        if (job.timestamp >= since) await job.remove().catch(() => undefined);
      }
    }
  });
}
