import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { Response } from 'supertest';
import { auditRepository } from '../../server/audit/repository.js';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import { employerRepository } from '../../server/employers/repository.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { ensureSearchIndexes, syncCandidate, syncVacancy } from '../../server/search/sync.js';
import { userRepository } from '../../server/users/repository.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { testApp, testDeps } from '../support/context.js';
import { dayFromNow, TEST_PASSWORD, uniq } from '../support/factories.js';
import {
  type Cell,
  call,
  freshCandidate,
  Ledger,
  type MatrixSpec,
  missingId,
  type Resolved,
  report,
  runMatrix,
} from './matrix.js';
import { settleAfterSuite } from './queue-cleanup.js';
import { buildWorld, type TENANT_ROLES, type Tenant, userFor, type World } from './world.js';

/** Written only by calls that must fail; found anywhere afterwards means a wrong actor wrote. */
const SENTINEL = `intrusion${uniq()}`;

/** The only keys an employer may ever receive for a candidate (the anonymised projection). */
const ANONYMISED_KEYS = new Set([
  'publicId',
  'ageBand',
  'domicile',
  'skills',
  'trainings',
  'certifications',
  'education',
  'languages',
  'availability',
  'preferences',
]);
/** Case data a BLK trainer never reads. */
const CASE_KEYS = [
  'offenceCategory',
  'restrictions',
  'notes',
  'contact',
  'history',
  'birthDate',
  'gender',
  'bapasId',
  'workHistory',
];

type ProfileTarget = 'own' | 'ownHidden' | 'other' | 'otherHidden' | 'missing';
type SimpleTarget = 'own' | 'other' | 'missing';

function profileId(t: ProfileTarget, me: Tenant, them: Tenant): Resolved {
  switch (t) {
    case 'own':
      return { id: me.candidate.id, owner: me };
    case 'ownHidden':
      return { id: me.hidden.id, owner: me };
    case 'other':
      return { id: them.candidate.id, owner: them };
    case 'otherHidden':
      return { id: them.hidden.id, owner: them };
    case 'missing':
      return { id: missingId() };
  }
}

function simpleProfile(t: SimpleTarget, me: Tenant, them: Tenant): Resolved {
  return profileId(t, me, them);
}

function publicIdOf(world: World, id: string): string | undefined {
  for (const t of [world.A, world.B]) {
    if (t.candidate.id === id) return t.candidate.publicId;
    if (t.hidden.id === id) return t.hidden.publicId;
  }
  return undefined;
}

/** The shape check for a profile read: anonymised for employers, no case data for trainers. */
function profileShape(res: Response, cell: Cell<string>, target: Resolved): string | undefined {
  const body = res.body as Record<string, unknown>;
  if (cell.role === 'employer') {
    const extra = Object.keys(body).filter((k) => !ANONYMISED_KEYS.has(k));
    if (extra.length) return `employer received keys ${extra.join(', ')}`;
    if (body.publicId !== publicIdOf(cell.world, target.id)) return 'employer received another publicId';
    return undefined;
  }
  if (cell.role === 'trainer') {
    const leaked = CASE_KEYS.filter((k) => k in body);
    return leaked.length ? `trainer received case data ${leaked.join(', ')}` : undefined;
  }
  if (body.id !== target.id) return `answered for ${String(body.id)} instead of ${target.id}`;
  return typeof body.fullName === 'string' ? undefined : 'full profile without fullName';
}

function trainingBody(cell: Cell<string>, target: Resolved) {
  // Admins record the training of the person's own tenant's BLK, so no BLK gains access across tenants.
  const blk = cell.role === 'admin' ? (target.owner ?? cell.me).places.blk : cell.me.places.blk;
  return {
    provider: blk.id,
    programme: cell.ok ? 'Pengelasan SMAW dasar' : `${SENTINEL} pelatihan`,
    startDate: dayFromNow(-60),
    endDate: dayFromNow(-20),
    hours: 40,
    result: 'passed',
    skills: ['welding.smaw'],
  };
}

function certificationBody(cell: Cell<string>) {
  return {
    scheme: cell.ok ? 'Juru Las SMAW 3G' : `${SENTINEL} skema`,
    number: uniq('CERT-'),
    issuer: 'LSP Las Uji',
    issuedAt: dayFromNow(-5),
    skills: ['welding.smaw'],
    ...(cell.role === 'trainer' ? { provider: cell.me.places.blk.id } : {}),
  };
}

function vacancyBody(cell: Cell<string>, employerId: string) {
  return {
    employerId,
    title: cell.ok ? `Juru Las Matriks ${cell.me.key}` : `${SENTINEL} lowongan`,
    sector: 'manufacturing',
    description: 'Pengelasan rangka baja untuk bengkel konstruksi.',
    skills: [{ code: 'welding.smaw', required: true }],
    location: { province: 'Sulawesi Selatan', regency: cell.me.regency },
    openings: 1,
    startDate: dayFromNow(40),
  };
}

/** Every role the same status for every target. */
function uniform<T extends string>(targets: readonly T[], status: number): Record<T, number> {
  return Object.fromEntries(targets.map((t) => [t, status])) as Record<T, number>;
}

const PROFILE_TARGETS = ['missing', 'own', 'ownHidden', 'other', 'otherHidden'] as const;
const SIMPLE_TARGETS = ['missing', 'own', 'other'] as const;
const R403 = uniform(SIMPLE_TARGETS, 403);

/** The placement an officer proposed in each tenant (its person, its employer's open vacancy). */
const placements = new Map<'A' | 'B', string>();

function specs(ledger: Ledger): MatrixSpec<string>[] {
  const list: MatrixSpec<never>[] = [];
  const add = <T extends string>(s: MatrixSpec<T>) => list.push(s as unknown as MatrixSpec<never>);

  // ---------------------------------------------------------------- candidates
  add<ProfileTarget>({
    endpoint: 'GET /candidates/:id',
    targets: PROFILE_TARGETS,
    table: {
      admin: { missing: 404, own: 200, ownHidden: 200, other: 200, otherHidden: 200 },
      officer: { missing: 404, own: 200, ownHidden: 200, other: 404, otherHidden: 404 },
      facility_staff: { missing: 404, own: 200, ownHidden: 200, other: 404, otherHidden: 404 },
      trainer: { missing: 404, own: 200, ownHidden: 200, other: 404, otherHidden: 404 },
      employer: { missing: 404, own: 200, ownHidden: 404, other: 200, otherHidden: 404 },
      candidate: { missing: 404, own: 200, ownHidden: 404, other: 404, otherHidden: 404 },
    },
    resolve: (c) => profileId(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/candidates/${t.id}`, c.auth),
    check: profileShape,
  });

  add<'missing' | 'own' | 'ownHidden' | 'other'>({
    endpoint: 'GET /candidates/:id/export',
    targets: ['missing', 'own', 'ownHidden', 'other'],
    table: {
      admin: { missing: 404, own: 200, ownHidden: 200, other: 200 },
      officer: { missing: 404, own: 200, ownHidden: 200, other: 404 },
      facility_staff: { missing: 404, own: 200, ownHidden: 200, other: 404 },
      trainer: { missing: 403, own: 403, ownHidden: 403, other: 403 },
      employer: { missing: 403, own: 403, ownHidden: 403, other: 403 },
      candidate: { missing: 404, own: 200, ownHidden: 404, other: 404 },
    },
    resolve: (c) => profileId(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/candidates/${t.id}/export`, c.auth),
    check: (res, _c, t) =>
      (res.body as { profile?: { id?: string } }).profile?.id === t.id
        ? undefined
        : 'export of another profile',
  });

  add<SimpleTarget>({
    endpoint: 'PATCH /candidates/:id',
    targets: SIMPLE_TARGETS,
    writes: 'bump',
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: { missing: 404, own: 200, other: 404 },
      facility_staff: { missing: 404, own: 200, other: 404 },
      trainer: R403,
      employer: R403,
      candidate: { missing: 404, own: 200, other: 404 },
    },
    resolve: (c) => simpleProfile(c.target, c.me, c.them),
    send: (app, c, t) => {
      const body =
        c.role === 'candidate'
          ? c.ok
            ? { preferences: { nightShiftOk: true } }
            : { contact: { email: `${SENTINEL}@test.bekalkerja.local` } }
          : { notes: c.ok ? `Catatan matriks ${c.role}` : SENTINEL };
      return call(app, 'patch', `/candidates/${t.id}`, c.auth).send(body);
    },
  });

  add<SimpleTarget>({
    endpoint: 'DELETE /candidates/:id',
    targets: SIMPLE_TARGETS,
    writes: 'erase',
    table: {
      admin: { missing: 404, own: 204, other: 204 },
      officer: R403,
      facility_staff: R403,
      trainer: R403,
      employer: R403,
      candidate: R403,
    },
    resolve: (c) =>
      c.target === 'missing'
        ? { id: missingId() }
        : freshCandidate(ledger, c.target === 'own' ? c.me : c.them, 'DELETE target'),
    send: (app, c, t) => call(app, 'delete', `/candidates/${t.id}`, c.auth),
  });

  add<SimpleTarget>({
    endpoint: 'POST /candidates/:id/trainings',
    targets: SIMPLE_TARGETS,
    writes: 'bump',
    table: {
      admin: { missing: 404, own: 201, other: 201 },
      officer: R403,
      facility_staff: { missing: 404, own: 201, other: 404 },
      trainer: { missing: 404, own: 201, other: 404 },
      employer: R403,
      candidate: R403,
    },
    resolve: (c) => simpleProfile(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'post', `/candidates/${t.id}/trainings`, c.auth).send(trainingBody(c, t)),
  });

  add<SimpleTarget>({
    endpoint: 'POST /candidates/:id/certifications',
    targets: SIMPLE_TARGETS,
    writes: 'bump',
    table: {
      admin: { missing: 404, own: 201, other: 201 },
      officer: R403,
      facility_staff: { missing: 404, own: 201, other: 404 },
      trainer: { missing: 404, own: 201, other: 404 },
      employer: R403,
      candidate: R403,
    },
    resolve: (c) => simpleProfile(c.target, c.me, c.them),
    send: (app, c, t) =>
      call(app, 'post', `/candidates/${t.id}/certifications`, c.auth).send(certificationBody(c)),
  });

  add<SimpleTarget>({
    endpoint: 'PUT /candidates/:id/consent',
    targets: SIMPLE_TARGETS,
    writes: 'bump',
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: { missing: 404, own: 200, other: 404 },
      facility_staff: { missing: 404, own: 200, other: 404 },
      trainer: R403,
      employer: R403,
      candidate: { missing: 404, own: 200, other: 404 },
    },
    resolve: (c) => simpleProfile(c.target, c.me, c.them),
    // Callers that must fail try to withdraw consent, which would hide the person from employers.
    send: (app, c, t) =>
      call(app, 'put', `/candidates/${t.id}/consent`, c.auth).send({
        shareWithEmployers: c.ok,
        contactByEmail: c.ok,
      }),
  });

  add<SimpleTarget>({
    endpoint: 'POST /candidates/:id/release',
    targets: SIMPLE_TARGETS,
    writes: 'bump',
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: { missing: 404, own: 200, other: 404 },
      facility_staff: { missing: 404, own: 200, other: 404 },
      trainer: R403,
      employer: R403,
      candidate: R403,
    },
    resolve: (c) =>
      c.target === 'missing'
        ? { id: missingId() }
        : freshCandidate(ledger, c.target === 'own' ? c.me : c.them, 'release target'),
    send: (app, c, t) =>
      call(app, 'post', `/candidates/${t.id}/release`, c.auth).send({ releasedAt: dayFromNow(0) }),
  });

  add<ProfileTarget>({
    endpoint: 'GET /candidates/public/:publicId',
    targets: PROFILE_TARGETS,
    table: {
      admin: { missing: 404, own: 200, ownHidden: 200, other: 200, otherHidden: 200 },
      officer: { missing: 404, own: 200, ownHidden: 200, other: 200, otherHidden: 404 },
      facility_staff: uniform(PROFILE_TARGETS, 403),
      trainer: uniform(PROFILE_TARGETS, 403),
      employer: { missing: 404, own: 200, ownHidden: 404, other: 200, otherHidden: 404 },
      candidate: uniform(PROFILE_TARGETS, 403),
    },
    resolve: (c) => profileId(c.target, c.me, c.them),
    send: (app, c, t) =>
      call(app, 'get', `/candidates/public/${publicIdOf(c.world, t.id) ?? 'BK-00000000'}`, c.auth),
    check: (res) => {
      const extra = Object.keys(res.body as object).filter((k) => !ANONYMISED_KEYS.has(k));
      return extra.length ? `public profile has keys ${extra.join(', ')}` : undefined;
    },
  });

  // ---------------------------------------------------------------- employers
  const employerOf = (t: SimpleTarget, me: Tenant, them: Tenant): Resolved =>
    t === 'own'
      ? { id: me.employer.id, owner: me }
      : t === 'other'
        ? { id: them.employer.id, owner: them }
        : { id: missingId() };
  add<SimpleTarget>({
    endpoint: 'GET /employers/:id',
    targets: SIMPLE_TARGETS,
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: { missing: 404, own: 200, other: 200 },
      facility_staff: R403,
      trainer: R403,
      employer: { missing: 404, own: 200, other: 404 },
      candidate: R403,
    },
    resolve: (c) => employerOf(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/employers/${t.id}`, c.auth),
  });
  add<SimpleTarget>({
    endpoint: 'PATCH /employers/:id',
    targets: SIMPLE_TARGETS,
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: R403,
      facility_staff: R403,
      trainer: R403,
      employer: { missing: 404, own: 200, other: 404 },
      candidate: R403,
    },
    resolve: (c) => employerOf(c.target, c.me, c.them),
    send: (app, c, t) =>
      call(app, 'patch', `/employers/${t.id}`, c.auth).send(
        c.ok ? { fairChancePledge: true } : { name: `${SENTINEL} PT`, verified: false },
      ),
  });
  add<'new'>({
    endpoint: 'POST /employers',
    targets: ['new'],
    table: {
      admin: { new: 201 },
      officer: { new: 201 },
      facility_staff: { new: 403 },
      trainer: { new: 403 },
      employer: { new: 403 },
      candidate: { new: 403 },
    },
    resolve: () => ({ id: '' }),
    send: (app, c) =>
      call(app, 'post', '/employers', c.auth).send({
        name: c.ok ? `PT Matriks Baru ${uniq()}` : `${SENTINEL} PT`,
        sector: 'manufacturing',
        province: 'Sulawesi Selatan',
        regency: c.me.regency,
        contactEmail: `${uniq('hr-')}@test.bekalkerja.local`,
      }),
  });

  // ---------------------------------------------------------------- vacancies
  type VacancyTarget = 'missing' | 'own' | 'ownClosed' | 'other' | 'otherClosed';
  const VACANCY_TARGETS = ['missing', 'own', 'ownClosed', 'other', 'otherClosed'] as const;
  const vacancyOf = (t: VacancyTarget, me: Tenant, them: Tenant): Resolved => {
    switch (t) {
      case 'own':
        return { id: me.vacancyOpen.id, owner: me };
      case 'ownClosed':
        return { id: me.vacancyClosed.id, owner: me };
      case 'other':
        return { id: them.vacancyOpen.id, owner: them };
      case 'otherClosed':
        return { id: them.vacancyClosed.id, owner: them };
      case 'missing':
        return { id: missingId() };
    }
  };
  const openOnly = { missing: 404, own: 200, ownClosed: 404, other: 200, otherClosed: 404 };
  add<VacancyTarget>({
    endpoint: 'GET /vacancies/:id',
    targets: VACANCY_TARGETS,
    table: {
      admin: { missing: 404, own: 200, ownClosed: 200, other: 200, otherClosed: 200 },
      officer: { missing: 404, own: 200, ownClosed: 200, other: 200, otherClosed: 200 },
      facility_staff: openOnly,
      trainer: openOnly,
      employer: { missing: 404, own: 200, ownClosed: 200, other: 404, otherClosed: 404 },
      candidate: openOnly,
    },
    resolve: (c) => vacancyOf(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/vacancies/${t.id}`, c.auth),
  });
  add<SimpleTarget>({
    endpoint: 'PATCH /vacancies/:id',
    targets: SIMPLE_TARGETS,
    writes: 'bump',
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: R403,
      facility_staff: R403,
      trainer: R403,
      employer: { missing: 404, own: 200, other: 404 },
      candidate: R403,
    },
    resolve: (c) => vacancyOf(c.target, c.me, c.them),
    send: (app, c, t) =>
      call(app, 'patch', `/vacancies/${t.id}`, c.auth).send(
        c.ok ? { openings: 3 } : { title: `${SENTINEL} lowongan`, status: 'filled' },
      ),
  });
  add<SimpleTarget>({
    endpoint: 'POST /vacancies',
    targets: SIMPLE_TARGETS,
    table: {
      // For admins an unknown employer is a 400 naming body.employerId, not a hidden object.
      admin: { missing: 400, own: 201, other: 201 },
      officer: R403,
      facility_staff: R403,
      trainer: R403,
      employer: { missing: 404, own: 201, other: 404 },
      candidate: R403,
    },
    resolve: (c) => employerOf(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'post', '/vacancies', c.auth).send(vacancyBody(c, t.id)),
    check: (res, _c, t) =>
      (res.body as { employerId?: string }).employerId === t.id ? undefined : 'posted for another employer',
  });

  // ---------------------------------------------------------------- facilities, users, audit
  add<SimpleTarget>({
    endpoint: 'GET /facilities/:id',
    targets: SIMPLE_TARGETS,
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: { missing: 404, own: 200, other: 200 },
      facility_staff: { missing: 404, own: 200, other: 200 },
      trainer: { missing: 404, own: 200, other: 200 },
      employer: { missing: 404, own: 200, other: 200 },
      candidate: { missing: 404, own: 200, other: 200 },
    },
    resolve: (c) =>
      c.target === 'missing'
        ? { id: missingId() }
        : { id: (c.target === 'own' ? c.me : c.them).places.lapas.id },
    send: (app, c, t) => call(app, 'get', `/facilities/${t.id}`, c.auth),
  });
  add<'new'>({
    endpoint: 'POST /facilities',
    targets: ['new'],
    table: {
      admin: { new: 201 },
      officer: { new: 403 },
      facility_staff: { new: 403 },
      trainer: { new: 403 },
      employer: { new: 403 },
      candidate: { new: 403 },
    },
    resolve: () => ({ id: '' }),
    send: (app, c) =>
      call(app, 'post', '/facilities', c.auth).send({
        code: c.ok ? uniq('MTX-') : `${SENTINEL}-${c.role}`.slice(0, 40),
        name: c.ok ? `Lapas Matriks ${uniq()}` : `${SENTINEL} fasilitas`,
        kind: 'lapas',
        province: 'Sulawesi Selatan',
        regency: `Kabupaten Lain ${uniq()}`,
        location: { lat: -4.5, lng: 120.3 },
        timezone: 'Asia/Makassar',
      }),
  });
  add<'new'>({
    endpoint: 'POST /users',
    targets: ['new'],
    table: {
      admin: { new: 201 },
      officer: { new: 403 },
      facility_staff: { new: 403 },
      trainer: { new: 403 },
      employer: { new: 403 },
      candidate: { new: 403 },
    },
    resolve: () => ({ id: '' }),
    send: (app, c) =>
      call(app, 'post', '/users', c.auth).send({
        email: c.ok ? `${uniq('mtx-')}@test.bekalkerja.local` : `${SENTINEL}-${c.role}@test.bekalkerja.local`,
        password: TEST_PASSWORD,
        name: 'Pengguna Matriks',
        role: 'facility_staff',
        facilityId: c.me.places.lapas.id,
      }),
    check: (res) => ('passwordHash' in (res.body as object) ? 'password hash returned' : undefined),
  });
  add<'list'>({
    endpoint: 'GET /users',
    targets: ['list'],
    table: {
      admin: { list: 200 },
      officer: { list: 403 },
      facility_staff: { list: 403 },
      trainer: { list: 403 },
      employer: { list: 403 },
      candidate: { list: 403 },
    },
    resolve: () => ({ id: '' }),
    send: (app, c) => call(app, 'get', '/users', c.auth),
  });
  add<'self'>({
    endpoint: 'GET /users/me',
    targets: ['self'],
    table: {
      admin: { self: 200 },
      officer: { self: 200 },
      facility_staff: { self: 200 },
      trainer: { self: 200 },
      employer: { self: 200 },
      candidate: { self: 200 },
    },
    resolve: () => ({ id: '' }),
    send: (app, c) => call(app, 'get', '/users/me', c.auth),
    check: (res, c) => {
      if (c.role === 'anonymous') return undefined;
      const me = userFor(c.world, c.role, c.me).user;
      return (res.body as { id?: string }).id === me.id ? undefined : 'another user returned';
    },
  });
  // ---------------------------------------------------------------- matching
  add<'missing' | 'own' | 'ownHidden' | 'other'>({
    endpoint: 'GET /candidates/:id/matches',
    targets: ['missing', 'own', 'ownHidden', 'other'],
    table: {
      admin: { missing: 404, own: 200, ownHidden: 200, other: 200 },
      officer: { missing: 404, own: 200, ownHidden: 200, other: 404 },
      facility_staff: { missing: 404, own: 200, ownHidden: 200, other: 404 },
      trainer: { missing: 403, own: 403, ownHidden: 403, other: 403 },
      employer: { missing: 403, own: 403, ownHidden: 403, other: 403 },
      candidate: { missing: 404, own: 200, ownHidden: 404, other: 404 },
    },
    resolve: (c) => profileId(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/candidates/${t.id}/matches`, c.auth),
  });
  add<VacancyTarget>({
    endpoint: 'GET /vacancies/:id/matches',
    targets: VACANCY_TARGETS,
    table: {
      admin: { missing: 404, own: 200, ownClosed: 200, other: 200, otherClosed: 200 },
      officer: { missing: 404, own: 200, ownClosed: 200, other: 200, otherClosed: 200 },
      facility_staff: uniform(VACANCY_TARGETS, 403),
      trainer: uniform(VACANCY_TARGETS, 403),
      employer: { missing: 404, own: 200, ownClosed: 200, other: 404, otherClosed: 404 },
      candidate: uniform(VACANCY_TARGETS, 403),
    },
    resolve: (c) => vacancyOf(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/vacancies/${t.id}/matches`, c.auth),
    check: (res, c) => {
      const items = (res.body as { items: { candidate: Record<string, unknown> }[] }).items;
      const hidden = [c.world.A.hidden.publicId, c.world.B.hidden.publicId];
      for (const { candidate } of items) {
        const extra = Object.keys(candidate).filter((k) => !ANONYMISED_KEYS.has(k));
        if (extra.length) return `match shows keys ${extra.join(', ')}`;
        if (hidden.includes(String(candidate.publicId))) return 'match shows a person who did not consent';
      }
      return undefined;
    },
  });

  // ---------------------------------------------------------------- placements
  add<SimpleTarget>({
    endpoint: 'GET /placements/:id',
    targets: SIMPLE_TARGETS,
    table: {
      admin: { missing: 404, own: 200, other: 200 },
      officer: { missing: 404, own: 200, other: 404 },
      facility_staff: { missing: 404, own: 200, other: 404 },
      trainer: { missing: 404, own: 404, other: 404 },
      employer: { missing: 404, own: 200, other: 404 },
      candidate: { missing: 404, own: 200, other: 404 },
    },
    resolve: (c) =>
      c.target === 'missing'
        ? { id: missingId() }
        : { id: placements.get(c.target === 'own' ? c.me.key : c.them.key) ?? missingId() },
    send: (app, c, t) => call(app, 'get', `/placements/${t.id}`, c.auth),
  });

  add<'own' | 'other'>({
    endpoint: 'GET /audit?candidateId=',
    targets: ['own', 'other'],
    table: {
      admin: { own: 200, other: 200 },
      officer: { own: 403, other: 403 },
      facility_staff: { own: 403, other: 403 },
      trainer: { own: 403, other: 403 },
      employer: { own: 403, other: 403 },
      candidate: { own: 403, other: 403 },
    },
    resolve: (c) => simpleProfile(c.target, c.me, c.them),
    send: (app, c, t) => call(app, 'get', `/audit?candidateId=${t.id}`, c.auth),
    check: (res, _c, t) => {
      const items = (res.body as { items: { candidateId: string }[] }).items;
      return items.every((i) => i.candidateId === t.id) ? undefined : 'audit rows of another person';
    },
  });
  return list as unknown as MatrixSpec<string>[];
}

// ------------------------------------------------------------------------------------------------

interface Page<T> {
  items: T[];
  total: number;
}

async function allPages<T>(app: Express, path: string, auth: Record<string, string>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page < 100; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await call(app, 'get', `${path}${sep}limit=100&page=${page}`, auth);
    assert.equal(res.status, 200, `${path}: ${res.text}`);
    const body = res.body as Page<T>;
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) break;
  }
  return out;
}

describe('access matrix', () => {
  settleAfterSuite();
  let app: Express;
  let world: World;
  const ledger = new Ledger();
  const matrix = specs(ledger);

  before(async function () {
    // Generous: it waits for the shared search engine, which other work may keep busy.
    this.timeout(180_000);
    app = await testApp();
    world = await buildWorld();
    for (const t of [world.A, world.B]) {
      const res = await call(app, 'post', '/placements', t.users.officer.auth).send({
        candidateId: t.candidate.id,
        vacancyId: t.vacancyOpen.id,
      });
      assert.equal(res.status, 201, res.text);
      placements.set(t.key, (res.body as { id: string }).id);
    }
    // No worker runs in tests: put the world's people and vacancies into the search indexes now.
    const { search } = await testDeps();
    await ensureSearchIndexes(search);
    const now = new Date();
    await Promise.all([
      ...[world.A, world.B].flatMap((t) =>
        [t.candidate, t.hidden].map((c) => syncCandidate(search, c.id, now)),
      ),
      ...[world.A, world.B].flatMap((t) =>
        [t.vacancyOpen, t.vacancyClosed].map((v) => syncVacancy(search, v.id, now)),
      ),
    ]);
    for (const t of [world.A, world.B]) {
      ledger.trackCandidate(t.candidate, `tenant ${t.key} consenting profile`, t);
      ledger.trackCandidate(t.hidden, `tenant ${t.key} hidden profile`, t);
      ledger.track('vacancy', t.vacancyOpen.id, t.vacancyOpen.version, `tenant ${t.key} open vacancy`, t);
      ledger.track(
        'vacancy',
        t.vacancyClosed.id,
        t.vacancyClosed.version,
        `tenant ${t.key} closed vacancy`,
        t,
      );
    }
  });

  for (const spec of matrix) {
    it(`when every role of both tenants (and no token) calls ${spec.endpoint} on ${spec.targets.join('/')}, then each answers its table's status`, async function () {
      this.timeout(60_000);
      const failures = await runMatrix(app, world, ledger, spec);
      assert.deepEqual(failures, [], report(failures));
    });
  }

  it('when a trainer records a training under another BLK for an inmate of a partner facility, then 403 names body.provider', async () => {
    const before = await candidateRepository.findById(world.A.candidate.id);
    const res = await call(
      app,
      'post',
      `/candidates/${world.A.candidate.id}/trainings`,
      world.A.users.trainer.auth,
    ).send({
      provider: world.B.places.blk.id,
      programme: `${SENTINEL} pelatihan`,
      startDate: dayFromNow(-60),
      endDate: dayFromNow(-20),
      hours: 40,
      result: 'passed',
      skills: ['welding.smaw'],
    });
    assert.equal(res.status, 403, res.text);
    assert.deepEqual(
      res.body.error.details.map((d: { path: string }) => d.path),
      ['body.provider'],
    );
    const after = await candidateRepository.findById(world.A.candidate.id);
    assert.equal(after?.version, before?.version);
  });

  it('when each role lists candidates, then every row is in its scope and other tenants filtered by id give nothing', async () => {
    const problems: string[] = [];
    for (const me of [world.A, world.B]) {
      const them = me === world.A ? world.B : world.A;
      const mine = [me.candidate.id, me.hidden.id];
      const theirs = [them.candidate.id, them.hidden.id];
      type Row = { id?: string; publicId?: string; facilityId?: string; bapasId?: string };
      const scoped: [
        Exclude<(typeof TENANT_ROLES)[number], 'employer' | 'candidate'>,
        (r: Row) => boolean,
      ][] = [
        ['officer', (r) => r.bapasId === me.places.bapas.id],
        ['facility_staff', (r) => r.facilityId === me.places.lapas.id],
        ['trainer', (r) => r.facilityId === me.places.lapas.id],
      ];
      for (const [role, inScope] of scoped) {
        const auth = me.users[role].auth;
        const rows = await allPages<Row>(app, '/candidates', auth);
        for (const r of rows) {
          if (!inScope(r)) problems.push(`${role}(${me.key}) GET /candidates: row ${r.id} out of scope`);
        }
        const ids = new Set(rows.map((r) => r.id));
        for (const id of mine) if (!ids.has(id)) problems.push(`${role}(${me.key}) misses own ${id}`);
        for (const id of theirs) if (ids.has(id)) problems.push(`${role}(${me.key}) sees other ${id}`);
        for (const q of [
          `facilityId=${them.places.lapas.id}`,
          `bapasId=${them.places.bapas.id}`,
          `q=${encodeURIComponent(them.candidate.fullName)}`,
          `q=${them.candidate.registrationNumber}`,
        ]) {
          const res = await call(app, 'get', `/candidates?${q}`, auth);
          if (res.status !== 200 || res.body.total !== 0)
            problems.push(`${role}(${me.key}) GET /candidates?${q}: ${res.status} total ${res.body.total}`);
        }
      }
      // The person: exactly their own row, whatever the filter.
      const cand = me.users.candidate.auth;
      const own = await allPages<Row>(app, '/candidates', cand);
      if (own.length !== 1 || own[0]?.id !== me.candidate.id)
        problems.push(`candidate(${me.key}) GET /candidates: ${JSON.stringify(own.map((r) => r.id))}`);
      const filtered = await call(app, 'get', `/candidates?facilityId=${them.places.lapas.id}`, cand);
      if (filtered.body.total !== 0) problems.push(`candidate(${me.key}) sees rows of another facility`);
      // Employers: only anonymised rows of consenting adults, from every tenant.
      const emp = me.users.employer.auth;
      const window = `releaseAfter=${world.releaseDay}&releaseBefore=${world.releaseDay}`;
      const anon = await allPages<Row>(app, `/candidates?${window}`, emp);
      const firstPage = (await call(app, 'get', '/candidates?limit=100', emp)).body as Page<Row>;
      for (const r of [...anon, ...firstPage.items]) {
        const extra = Object.keys(r).filter((k) => !ANONYMISED_KEYS.has(k));
        if (extra.length) problems.push(`employer(${me.key}) row has keys ${extra.join(', ')}`);
        const c = r.publicId ? await candidateRepository.findByPublicId(r.publicId) : null;
        if (!c || !c.consent.shareWithEmployers || !['in_custody', 'released'].includes(c.status))
          problems.push(`employer(${me.key}) row ${r.publicId} is not a consenting person`);
      }
      const publicIds = new Set(anon.map((r) => r.publicId));
      for (const t of [me, them]) {
        if (!publicIds.has(t.candidate.publicId))
          problems.push(`employer(${me.key}) misses ${t.key} consenting`);
        if (publicIds.has(t.hidden.publicId)) problems.push(`employer(${me.key}) sees ${t.key} hidden`);
      }
      for (const q of [`facilityId=${me.places.lapas.id}`, `bapasId=${me.places.bapas.id}`, 'q=Matriks']) {
        const res = await call(app, 'get', `/candidates?${q}`, emp);
        if (res.status !== 400) problems.push(`employer(${me.key}) GET /candidates?${q}: ${res.status}`);
      }
    }
    assert.deepEqual(problems, [], report(problems));
  });

  it('when each role lists vacancies and employers, then every row is in its scope', async () => {
    const problems: string[] = [];
    const now = Date.now();
    type VRow = { id: string; employerId: string; status: string; closesAt?: string };
    for (const me of [world.A, world.B]) {
      const them = me === world.A ? world.B : world.A;
      const emp = me.users.employer.auth;
      const ownVacancies = await allPages<VRow>(app, '/vacancies', emp);
      for (const v of ownVacancies)
        if (v.employerId !== me.employer.id) problems.push(`employer(${me.key}) sees vacancy ${v.id}`);
      if (!ownVacancies.some((v) => v.id === me.vacancyClosed.id))
        problems.push(`employer(${me.key}) misses its closed vacancy`);
      const foreign = await call(app, 'get', `/vacancies?employerId=${them.employer.id}`, emp);
      if (foreign.body.total !== 0) problems.push(`employer(${me.key}) lists another employer's vacancies`);
      const employers = await allPages<{ id: string }>(app, '/employers', emp);
      if (employers.length !== 1 || employers[0]?.id !== me.employer.id)
        problems.push(`employer(${me.key}) GET /employers: ${employers.map((e) => e.id).join(',')}`);
      for (const role of ['facility_staff', 'trainer', 'candidate'] as const) {
        const auth = me.users[role].auth;
        const rows = await allPages<VRow>(app, `/vacancies?employerId=${them.employer.id}`, auth);
        for (const v of rows) {
          if (v.status !== 'open' || (v.closesAt && Date.parse(v.closesAt) < now))
            problems.push(`${role}(${me.key}) sees ${v.status} vacancy ${v.id}`);
        }
        if (!rows.some((v) => v.id === them.vacancyOpen.id))
          problems.push(`${role}(${me.key}) misses open one`);
        const closed = await call(app, 'get', '/vacancies?status=closed', auth);
        if (closed.body.total !== 0) problems.push(`${role}(${me.key}) lists closed vacancies`);
        const res = await call(app, 'get', '/employers', auth);
        if (res.status !== 403) problems.push(`${role}(${me.key}) GET /employers: ${res.status}`);
      }
      const officer = await allPages<VRow>(
        app,
        `/vacancies?employerId=${them.employer.id}`,
        me.users.officer.auth,
      );
      if (!officer.some((v) => v.id === them.vacancyClosed.id))
        problems.push(`officer(${me.key}) misses closed`);
    }
    assert.deepEqual(problems, [], report(problems));
  });

  it('when each role searches, then employers, officers and admins get anonymised consenting people and everyone gets open vacancies only', async () => {
    const problems: string[] = [];
    const hidden = new Set([world.A.hidden.publicId, world.B.hidden.publicId]);
    const closed = new Set([world.A.vacancyClosed.id, world.B.vacancyClosed.id]);
    for (const me of [world.A, world.B]) {
      const regency = encodeURIComponent(me.regency);
      for (const role of [
        'admin',
        'officer',
        'facility_staff',
        'trainer',
        'employer',
        'candidate',
      ] as const) {
        const auth = userFor(world, role, me).auth;
        const people = await call(app, 'get', `/search/candidates?regency=${regency}&limit=100`, auth);
        const mayFind = role === 'admin' || role === 'officer' || role === 'employer';
        if (people.status !== (mayFind ? 200 : 403)) {
          problems.push(`${role}(${me.key}) GET /search/candidates: ${people.status}`);
        } else if (mayFind) {
          const items = (people.body as { items: Record<string, unknown>[] }).items;
          for (const row of items) {
            const extra = Object.keys(row).filter(
              (k) => !ANONYMISED_KEYS.has(k) && k !== 'highlights' && k !== 'distanceKm',
            );
            if (extra.length) problems.push(`${role}(${me.key}) search row has keys ${extra.join(', ')}`);
            if (hidden.has(String(row.publicId)))
              problems.push(`${role}(${me.key}) search shows a hidden person`);
          }
          if (!items.some((r) => r.publicId === me.candidate.publicId))
            problems.push(`${role}(${me.key}) search misses the consenting person`);
        }
        const jobs = await call(app, 'get', `/search/vacancies?regency=${regency}&limit=100`, auth);
        if (jobs.status !== 200) {
          problems.push(`${role}(${me.key}) GET /search/vacancies: ${jobs.status}`);
          continue;
        }
        const rows = (jobs.body as { items: { id: string }[] }).items;
        if (rows.some((v) => closed.has(v.id)))
          problems.push(`${role}(${me.key}) search shows a closed vacancy`);
        if (!rows.some((v) => v.id === me.vacancyOpen.id))
          problems.push(`${role}(${me.key}) misses the open one`);
      }
    }
    assert.deepEqual(problems, [], report(problems));
  });

  it('when the whole matrix has run, then no wrong actor changed, created or read anything', async () => {
    const problems: string[] = [];
    for (const [id, e] of ledger.entries) {
      if (e.kind === 'candidate') {
        const c = await candidateRepository.findById(id);
        if (e.erased) {
          if (c) problems.push(`${e.label} ${id} should be erased`);
          continue;
        }
        if (!c) {
          problems.push(`${e.label} ${id} is gone`);
          continue;
        }
        if (c.version !== e.version)
          problems.push(`${e.label} ${id}: version ${c.version}, expected ${e.version}`);
        if (JSON.stringify(c).includes(SENTINEL))
          problems.push(`${e.label} ${id} holds a wrong actor's write`);
      } else {
        const v = await vacancyRepository.findById(id);
        if (!v || v.version !== e.version)
          problems.push(`${e.label} ${id}: version ${v?.version}, expected ${e.version}`);
        if (v && JSON.stringify(v).includes(SENTINEL))
          problems.push(`${e.label} ${id} holds a wrong actor's write`);
      }
    }
    for (const t of [world.A, world.B]) {
      const e = await employerRepository.findById(t.employer.id);
      if (!e || e.name !== t.employer.name || e.verified !== t.employer.verified)
        problems.push(`employer ${t.key} changed: ${JSON.stringify(e)}`);
      if (!(await candidateRepository.findById(t.candidate.id))?.consent.shareWithEmployers)
        problems.push(`tenant ${t.key} consent was withdrawn by someone`);
    }
    if ((await vacancyRepository.list({ q: SENTINEL }, 0, 10)).total)
      problems.push('a vacancy was created by a wrong actor');
    if ((await employerRepository.list({ q: SENTINEL }, 0, 10)).total)
      problems.push('an employer was created by a wrong actor');
    for (const role of ['officer', 'facility_staff', 'trainer', 'employer', 'candidate']) {
      if (await userRepository.findByEmail(`${SENTINEL}-${role}@test.bekalkerja.local`))
        problems.push(`a user was created by ${role}`);
      if (await facilityRepository.findByCode(`${SENTINEL}-${role}`.slice(0, 40)))
        problems.push(`a facility was created by ${role}`);
    }
    // The audit trail: only the person's own tenant, admins and the system ever touched a profile.
    for (const [id, e] of ledger.entries) {
      if (e.kind !== 'candidate' || !e.owner) continue;
      const allowed = new Set([
        world.admin.user.id,
        SYSTEM_ACTOR.userId,
        e.owner.users.officer.user.id,
        e.owner.users.facility_staff.user.id,
        e.owner.users.trainer.user.id,
        e.owner.users.candidate.user.id,
      ]);
      const { items } = await auditRepository.list({ candidateId: id }, 1000);
      for (const a of items) {
        if (!allowed.has(a.actorId))
          problems.push(`${e.label} ${id}: ${a.action} by ${a.role} ${a.actorName}`);
      }
    }
    assert.deepEqual(problems, [], report(problems));
  });
});
