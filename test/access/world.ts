import type { Role } from '../../server/auth/actor.js';
import type { EmployerView } from '../../server/employers/schemas.js';
import type { VacancyView } from '../../server/vacancies/schemas.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  type CandidateFull,
  dayFromNow,
  type Places,
  type TestUser,
  uniq,
} from '../support/factories.js';

/** Every role that belongs to a tenant (admins belong to none). */
export const TENANT_ROLES = ['officer', 'facility_staff', 'trainer', 'employer', 'candidate'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/**
 * One complete "tenant": a Bapas, Lapas and BLK in a regency of its own, an employer with an open and a
 * closed vacancy, a consenting adult in custody (with a login) and a person who did not consent, plus a
 * user for every role bound to these.
 */
export interface Tenant {
  key: 'A' | 'B';
  regency: string;
  places: Places;
  employer: EmployerView;
  vacancyOpen: VacancyView;
  vacancyClosed: VacancyView;
  /** Consenting adult in custody; the tenant's candidate user is bound to this profile. */
  candidate: CandidateFull;
  /** Same facility and Bapas, but no consent to sharing: invisible to employers. */
  hidden: CandidateFull;
  users: Record<TenantRole, TestUser>;
}

export interface World {
  admin: TestUser;
  A: Tenant;
  B: Tenant;
  /** The expected release day of every profile built here, so employer lists can be narrowed to them. */
  releaseDay: string;
}

async function buildTenant(key: 'A' | 'B', releaseDay: string): Promise<Tenant> {
  const regency = `Kabupaten Uji ${key} ${uniq()}`;
  const places = await buildPlaces(regency);
  const employer = await buildEmployer({ name: `PT Matriks ${key} ${uniq()}`, regency });
  const location = { province: 'Sulawesi Selatan', regency, lat: -4.54, lng: 120.33 };
  const [vacancyOpen, vacancyClosed] = await Promise.all([
    buildVacancy(employer.id, { title: `Juru Las ${key} buka`, location }),
    buildVacancy(employer.id, { title: `Juru Las ${key} tutup`, location, status: 'closed' }),
  ]);
  const domicile = { province: 'Sulawesi Selatan', regency };
  // Parole limits that allow work in the tenant's own regency, so a placement there is lawful.
  const restrictions = { allowedRegencies: [regency], curfew: false, excludedSectors: ['finance' as const] };
  const release = { expectedDate: new Date(`${releaseDay}T00:00:00Z`), type: 'pb' as const };
  const [candidate, hidden] = await Promise.all([
    buildCandidate(places, {
      domicile,
      release,
      restrictions,
      fullName: `Matriks ${key} Terbuka ${uniq()}`,
    }),
    buildCandidate(places, {
      domicile,
      release,
      restrictions,
      fullName: `Matriks ${key} Tertutup ${uniq()}`,
      consent: { shareWithEmployers: false, contactByEmail: false },
    }),
  ]);
  const [officer, facility_staff, trainer, employerUser, candidateUser] = await Promise.all([
    buildUser({ role: 'officer', facilityId: places.bapas.id, name: `Petugas ${key}` }),
    buildUser({ role: 'facility_staff', facilityId: places.lapas.id, name: `Staf Lapas ${key}` }),
    buildUser({ role: 'trainer', facilityId: places.blk.id, name: `Instruktur ${key}` }),
    buildUser({ role: 'employer', employerId: employer.id, name: `HR ${key}` }),
    buildUser({ role: 'candidate', candidateId: candidate.id, name: `WBP ${key}` }),
  ]);
  return {
    key,
    regency,
    places,
    employer,
    vacancyOpen,
    vacancyClosed,
    candidate,
    hidden,
    users: { officer, facility_staff, trainer, employer: employerUser, candidate: candidateUser },
  };
}

/** Two tenants in different regencies and one admin. */
export async function buildWorld(): Promise<World> {
  // A release day far enough out that no other suite's profiles share it.
  const releaseDay = dayFromNow(400 + Math.floor(Math.random() * 300));
  const [admin, A, B] = await Promise.all([
    buildUser({ role: 'admin', name: 'Admin Matriks' }),
    buildTenant('A', releaseDay),
    buildTenant('B', releaseDay),
  ]);
  return { admin, A, B, releaseDay };
}

/** The user acting for `role` in `tenant` (the admin for 'admin'). */
export function userFor(world: World, role: Role, tenant: Tenant): TestUser {
  return role === 'admin' ? world.admin : tenant.users[role];
}

export function otherTenant(world: World, t: Tenant): Tenant {
  return t.key === 'A' ? world.B : world.A;
}
