import { randomBytes } from 'node:crypto';
import { config } from '../../config/index.js';
import type { Role } from '../../server/auth/actor.js';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { signToken } from '../../server/auth/tokens.js';
import type { CreateCandidateInput } from '../../server/candidates/schemas.js';
import { createCandidate } from '../../server/candidates/service.js';
import type { EmployerView } from '../../server/employers/schemas.js';
import { createEmployer } from '../../server/employers/service.js';
import type { FacilityView } from '../../server/facilities/schemas.js';
import { createFacility } from '../../server/facilities/service.js';
import { createWriteHooks } from '../../server/hooks.js';
import { type NewUser, type UserRecord, userRepository } from '../../server/users/repository.js';
import type { CreateVacancyInput, VacancyView } from '../../server/vacancies/schemas.js';
import { createVacancy } from '../../server/vacancies/service.js';
import { testDeps } from './context.js';

/** A short unique suffix so every test builds its own data. */
export function uniq(prefix = ''): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export const TEST_PASSWORD = 'kata-sandi-uji-123';

export interface TestUser {
  user: UserRecord;
  token: string;
  auth: { Authorization: string };
}

/** Creates a user (password TEST_PASSWORD) and a token for it. */
export async function buildUser(overrides: Partial<NewUser> & { role?: Role } = {}): Promise<TestUser> {
  await testDeps();
  const user = await userRepository.create({
    email: `${uniq('user-')}@test.bekalkerja.local`,
    name: 'Pengguna Uji',
    role: 'admin',
    passwordHash: await hashPassword(TEST_PASSWORD, config.BCRYPT_ROUNDS),
    ...overrides,
  });
  const token = signToken({ sub: user.id, role: user.role, tv: user.tokenVersion }, config.JWT_SECRET, 3600);
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}

// ---------------------------------------------------------------- records

type FacilityKind = FacilityView['kind'];

/** A facility with a unique code; Bone (Watampone) by default. */
export async function buildFacility(
  kind: FacilityKind,
  overrides: Partial<FacilityView> = {},
): Promise<FacilityView> {
  await testDeps();
  return createFacility(SYSTEM_ACTOR, {
    code: uniq(`${kind.toUpperCase()}-`),
    name: `${kind.toUpperCase()} Uji ${uniq()}`,
    kind,
    province: 'Sulawesi Selatan',
    regency: 'Bone',
    location: { lat: -4.5386, lng: 120.3279 },
    timezone: 'Asia/Makassar',
    ...overrides,
  });
}

export async function buildEmployer(overrides: Partial<EmployerView> = {}): Promise<EmployerView> {
  await testDeps();
  return createEmployer(
    SYSTEM_ACTOR,
    {
      name: `CV Uji ${uniq()}`,
      sector: 'manufacturing',
      province: 'Sulawesi Selatan',
      regency: 'Bone',
      location: { lat: -4.54, lng: 120.33 },
      contactEmail: `${uniq('hr-')}@test.bekalkerja.local`,
      fairChancePledge: true,
      verified: true,
      ...overrides,
    },
    new Date(),
  );
}

/** A full set of places a profile needs: a Lapas, a Bapas and a BLK in one regency. */
export interface Places {
  lapas: FacilityView;
  bapas: FacilityView;
  blk: FacilityView;
}

export async function buildPlaces(regency = 'Bone'): Promise<Places> {
  const [lapas, bapas, blk] = await Promise.all([
    buildFacility('lapas', { regency }),
    buildFacility('bapas', { regency }),
    buildFacility('blk', { regency }),
  ]);
  return { lapas, bapas, blk };
}

/** `YYYY-MM-DD` `days` from today (UTC). */
export function dayFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A candidate input with every sensitive field filled, so leaks are detectable. */
export function candidateInput(
  places: Places,
  overrides: Partial<CreateCandidateInput> = {},
): CreateCandidateInput {
  return {
    registrationNumber: uniq('REG-'),
    fullName: `Andi ${uniq('Nama')}`,
    birthDate: new Date('1990-05-17T00:00:00Z'),
    gender: 'male',
    facilityId: places.lapas.id,
    bapasId: places.bapas.id,
    domicile: { province: 'Sulawesi Selatan', regency: 'Bone', location: { lat: -4.53, lng: 120.32 } },
    release: { expectedDate: new Date(`${dayFromNow(30)}T00:00:00Z`), type: 'pb' },
    skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }],
    education: { level: 'smp' },
    languages: ['Bahasa Indonesia', 'Bugis'],
    workHistory: [{ title: 'Pembantu tukang las', employer: 'Bengkel Las Sinar', years: 2 }],
    preferences: { sectors: ['manufacturing'], willingToRelocate: false, nightShiftOk: true },
    contact: { email: `${uniq('wbp-')}@test.bekalkerja.local`, phone: '+62 812 3456 7890' },
    consent: { shareWithEmployers: true, contactByEmail: true },
    offenceCategory: `penipuan-${uniq()}`,
    restrictions: { allowedRegencies: ['Bone'], curfew: false, excludedSectors: ['finance'] },
    notes: `Catatan internal ${uniq()}`,
    ...overrides,
  };
}

export type CandidateFull = Awaited<ReturnType<typeof createCandidate>>;

export async function buildCandidate(
  places: Places,
  overrides: Partial<CreateCandidateInput> = {},
): Promise<CandidateFull> {
  const deps = await testDeps();
  return createCandidate(
    SYSTEM_ACTOR,
    candidateInput(places, overrides),
    { now: new Date() },
    createWriteHooks(deps).candidates,
  );
}

export function vacancyInput(
  employerId: string,
  overrides: Partial<CreateVacancyInput> = {},
): CreateVacancyInput {
  return {
    employerId,
    title: 'Juru Las SMAW',
    sector: 'manufacturing',
    description: 'Pengelasan rangka baja untuk bengkel konstruksi di Watampone.',
    skills: [{ code: 'welding.smaw', required: true, minLevel: 'basic' }],
    location: { province: 'Sulawesi Selatan', regency: 'Bone', lat: -4.54, lng: 120.33 },
    openings: 2,
    startDate: new Date(`${dayFromNow(40)}T00:00:00Z`),
    wage: { min: 2_500_000, max: 3_500_000, period: 'month' },
    ...overrides,
  };
}

export async function buildVacancy(
  employerId: string,
  overrides: Partial<CreateVacancyInput> = {},
): Promise<VacancyView> {
  const deps = await testDeps();
  return createVacancy(
    SYSTEM_ACTOR,
    vacancyInput(employerId, overrides),
    { now: new Date() },
    createWriteHooks(deps).vacancies,
  );
}
