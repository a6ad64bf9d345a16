import { SYSTEM_ACTOR } from '../../../server/auth/actor.js';
import { TrainingBody } from '../../../server/candidates/schemas.js';
import { addTraining, recordRelease } from '../../../server/candidates/service.js';
import { createWriteHooks } from '../../../server/hooks.js';
import { isoDay } from '../../../server/shared/schemas.js';
import { indexNow } from '../../search/support.js';
import { testDeps } from '../../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  type CandidateFull,
  TEST_PASSWORD,
  uniq,
} from '../../support/factories.js';
import {
  buildClient,
  buildIndexedVacancy,
  buildOfficerWorld,
  type OfficerWorld,
} from '../../web/officer-support.js';
import type { Login } from './harness.js';

/** Markup that must only ever show up as text. */
export const SCRIPT_TEXT = '<script>alert(1)</script>';

/** A person employers may find, and what must never reach an employer about them. */
export interface HostilePerson {
  publicId: string;
  /** A word only this person's training programme contains, to search for. */
  keyword: string;
  /** The programme, with markup in it. */
  programme: string;
  secrets: string[];
}

/**
 * A person visible to employers whose BLK training programme (free text) contains a script tag and
 * a unique search word, indexed so the employer search finds and highlights it.
 */
export async function buildHostileTrainee(): Promise<HostilePerson> {
  const deps = await testDeps();
  const keyword = `Kriya${uniq().slice(0, 6)}`;
  const places = await buildPlaces(`Kab Peramban ${uniq()}`);
  const person = await buildClientOf(places);
  const programme = `${SCRIPT_TEXT} Pelatihan ${keyword}`;
  await addTraining(
    SYSTEM_ACTOR,
    person.id,
    TrainingBody.parse({
      provider: places.blk.id,
      programme,
      startDate: '2025-02-03',
      endDate: '2025-03-28',
      hours: 160,
      result: 'passed',
      skills: ['welding.smaw'],
    }),
    { now: new Date() },
    createWriteHooks(deps).candidates,
  );
  await indexNow(deps);
  return {
    publicId: person.publicId,
    keyword,
    programme,
    secrets: [person.fullName, person.registrationNumber, person.offenceCategory ?? ''],
  };
}

async function buildClientOf(places: Awaited<ReturnType<typeof buildPlaces>>): Promise<CandidateFull> {
  return buildCandidate(places, {
    domicile: {
      province: 'Sulawesi Selatan',
      regency: places.lapas.regency,
      location: { lat: -4.53, lng: 120.32 },
    },
  });
}

/**
 * A placement world for the pipeline: a Bapas with an officer, a released client with an account of
 * their own, a verified employer with a user and two open vacancies the client may take.
 */
export interface PipelineWorld {
  world: OfficerWorld;
  client: CandidateFull;
  officer: Login;
  employer: Login;
  person: Login;
  vacancy: { id: string; title: string };
  other: { id: string; title: string };
}

export async function buildPipelineWorld(): Promise<PipelineWorld> {
  const deps = await testDeps();
  const world = await buildOfficerWorld();
  const client = await buildClient(world, { fullName: `Baso ${uniq('Klien')}` });
  await recordRelease(
    SYSTEM_ACTOR,
    client.id,
    new Date(`${isoDay(new Date())}T00:00:00.000Z`),
    { now: new Date() },
    createWriteHooks(deps).candidates,
  );
  const account = await buildUser({ role: 'candidate', candidateId: client.id, name: client.fullName });
  const vacancy = await buildIndexedVacancy(world, `Juru Las ${uniq()}`);
  const other = await buildIndexedVacancy(world, `Tukang Besi ${uniq()}`);
  return {
    world,
    client,
    officer: { email: world.officer.user.email, password: TEST_PASSWORD },
    employer: { email: world.boss.user.email, password: TEST_PASSWORD },
    person: { email: account.user.email, password: TEST_PASSWORD },
    vacancy: { id: vacancy.id, title: vacancy.title },
    other: { id: other.id, title: other.title },
  };
}

/** A new verified employer with one user, for scenarios that count the employer's own vacancies. */
export async function buildEmployerLogin(): Promise<Login & { employerId: string }> {
  const employer = await buildEmployer({ name: `PT Peramban ${uniq()}` });
  const { user } = await buildUser({ role: 'employer', employerId: employer.id, name: 'HRD Uji' });
  return { email: user.email, password: TEST_PASSWORD, employerId: employer.id };
}
