/**
 * Applies the demo plan through the services — the same validation, audit entries and write hooks
 * as the API — creating only what is missing, found by natural key. A second run creates nothing.
 */

import { type Actor, SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { bootstrapAdmin } from '../../server/auth/service.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import { CertificationBody, CreateCandidateBody, TrainingBody } from '../../server/candidates/schemas.js';
import {
  addCertification,
  addTraining,
  createCandidate,
  recordRelease,
} from '../../server/candidates/service.js';
import type { CandidateRecord } from '../../server/candidates/types.js';
import type { Deps } from '../../server/deps.js';
import { employerRepository } from '../../server/employers/repository.js';
import { CreateEmployerBody } from '../../server/employers/schemas.js';
import { createEmployer } from '../../server/employers/service.js';
import { type FacilityRecord, facilityRepository } from '../../server/facilities/repository.js';
import { CreateFacilityBody } from '../../server/facilities/schemas.js';
import { createFacility } from '../../server/facilities/service.js';
import { createWriteHooks, type WriteHooks } from '../../server/hooks.js';
import { AppError } from '../../server/http/errors.js';
import { type PlacementRecord, placementRepository } from '../../server/placements/repository.js';
import {
  createPlacement,
  type PlacementHooks,
  transitionPlacement,
} from '../../server/placements/service.js';
import { PLACEMENT_STATES, type PlacementState } from '../../server/placements/states.js';
import { mapLimit } from '../../server/shared/concurrency.js';
import { isoDay } from '../../server/shared/schemas.js';
import { foldText } from '../../server/shared/text.js';
import { userRepository } from '../../server/users/repository.js';
import { CreateUserBody } from '../../server/users/schemas.js';
import { createUser } from '../../server/users/service.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { CreateVacancyBody, PatchVacancyBody } from '../../server/vacancies/schemas.js';
import { createVacancy, updateVacancy } from '../../server/vacancies/service.js';
import { FACILITIES, TIMEZONE } from './data/places.js';
import { dayIn } from './dates.js';
import type { PlacementParty, PlacementPlan } from './placements.js';
import {
  buildSeedPlan,
  type CandidatePlan,
  DEMO_PASSWORD,
  type LoginPlan,
  type SeedPlan,
  type VacancyPlan,
} from './plan.js';

export const SEED_KINDS = [
  'facilities',
  'employers',
  'vacancies',
  'candidates',
  'trainings',
  'certifications',
  'releases',
  'users',
  'placements',
] as const;
export type SeedKind = (typeof SEED_KINDS)[number];

/** Per kind: records written now, records found already there. */
export type SeedCounts = Record<SeedKind, { created: number; existing: number }>;

export interface LoginRow {
  role: string;
  email: string;
  /** Omitted when the password is not the seed's to print (the admin's comes from the environment). */
  password?: string;
  scope: string;
  /** False when the account could not be made (e.g. no ADMIN_EMAIL). */
  available: boolean;
}

export interface SeedReport {
  anchorDay: string;
  counts: SeedCounts;
  logins: LoginRow[];
  /** Ids the logins are bound to, for checks and demos. */
  ids: { demoEmployerId: string; demoCandidateId: string };
  /** The demo placements now in the database, by state. */
  placementStates: Partial<Record<PlacementState, number>>;
  /** Planned placements the data no longer allows (someone changed it through the app meanwhile). */
  skippedPlacements: { pair: string; reason: string }[];
  /** Time taken by each step, in order. */
  steps: { step: string; ms: number }[];
  elapsedMs: number;
}

export interface SeedOptions {
  /** Creates the first admin through the usual bootstrap when no admin exists yet. */
  admin?: { email: string; password: string };
  /** Allows seeding when NODE_ENV is production. */
  force?: boolean;
  /** Profiles written at once (default 12). */
  concurrency?: number;
}

export class SeedRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefusedError';
  }
}

/**
 * bcrypt cost for the demo accounts. Their password is printed on every start, so a high cost buys
 * nothing; 10 instead of the default 12 saves seconds on each fresh seed. Logins verify either cost.
 */
const DEMO_BCRYPT_ROUNDS = 10;

/** Demo data never goes into production by accident: throws unless `force` is given there. */
export function assertSeedAllowed(nodeEnv: string, force: boolean): void {
  if (nodeEnv === 'production' && !force) {
    throw new SeedRefusedError(
      'Data demo tidak dibuat di produksi (NODE_ENV=production); tambahkan --force bila memang perlu. / ' +
        'Refusing to seed demo data in production; pass --force to override.',
    );
  }
}

/** Who the seed acts as: the system, with an admin's rights, named so audit entries are recognisable. */
const SEED_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'Sistem (data demo)' };

type SeedDeps = Pick<Deps, 'config' | 'clock' | 'log' | 'outbox'>;

function emptyCounts(): SeedCounts {
  return Object.fromEntries(SEED_KINDS.map((k) => [k, { created: 0, existing: 0 }])) as SeedCounts;
}

/** A concurrent writer got there first: a duplicate key, or the service's 409 for it. */
function isConflict(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown };
  return e.code === 11000 || e.status === 409;
}

/**
 * The anchor day: the creation day (WITA) of the first demo facility if it exists, else today. Dates
 * of the data set are counted from it, so later runs plan the very same dates as the first one.
 */
async function anchorDay(now: Date): Promise<string> {
  const first = await facilityRepository.findByCode(FACILITIES[0]!.code);
  return dayIn(first ? first.createdAt : now, TIMEZONE);
}

/** What the seed needs to know of a profile to add only the missing trainings, certificates and release. */
type Progress = Pick<
  CandidateRecord,
  'id' | 'version' | 'status' | 'release' | 'trainings' | 'certifications'
>;

class SeedRun {
  readonly counts = emptyCounts();
  readonly hooks: WriteHooks;
  readonly facilities = new Map<string, FacilityRecord>();
  readonly employerIds = new Map<string, string>();
  readonly candidateIds = new Map<string, string>();
  readonly skippedPlacements: SeedReport['skippedPlacements'] = [];
  readonly placementStates: SeedReport['placementStates'] = {};

  /** Outbox entries recorded by the writes, dispatched together at the end. */
  readonly outboxIds: string[] = [];

  constructor(
    readonly deps: SeedDeps,
    readonly plan: SeedPlan,
    readonly concurrency: number,
  ) {
    // The shared hooks record the follow-up jobs (search sync…) inside each write's transaction, as for
    // any API write. Only their dispatch is deferred: one batched hand-over to the queue instead of
    // ~900 small ones; anything not handed over stays pending for the outbox relay.
    const shared = createWriteHooks(deps);
    const collect = async (ids: string[]) => {
      this.outboxIds.push(...ids);
    };
    this.hooks = {
      ...shared,
      candidates: { ...shared.candidates, afterCommit: collect },
      vacancies: { ...shared.vacancies, afterCommit: collect },
    };
  }

  /** Hands the collected outbox entries to the queue, in the outbox's batch size. */
  async dispatchStep(): Promise<number> {
    let sent = 0;
    for (let i = 0; i < this.outboxIds.length; i += 200) {
      sent += await this.deps.outbox.dispatch(this.outboxIds.slice(i, i + 200));
    }
    return sent;
  }

  ctx() {
    return { now: this.deps.clock.now(), requestId: `seed-${this.plan.anchorDay}` };
  }

  facilityId(code: string): string {
    const f = this.facilities.get(code);
    if (!f) throw new Error(`facility ${code} is not in the demo data`);
    return f.id;
  }

  async facilitiesStep(): Promise<void> {
    // In order: the first facility anchors the dates of everything else.
    for (const { input } of this.plan.facilities) {
      let found = await facilityRepository.findByCode(input.code);
      if (found) {
        this.counts.facilities.existing++;
      } else {
        try {
          await createFacility(SEED_ACTOR, CreateFacilityBody.parse(input));
          this.counts.facilities.created++;
        } catch (err) {
          if (!isConflict(err)) throw err;
          this.counts.facilities.existing++;
        }
        found = await facilityRepository.findByCode(input.code);
      }
      if (!found) throw new Error(`facility ${input.code} could not be created`);
      this.facilities.set(input.code, found);
    }
  }

  async employersStep(): Promise<void> {
    await mapLimit(this.plan.employers, this.concurrency, async ({ input }) => {
      const key = foldText(input.name);
      const { items } = await employerRepository.list({ q: input.name }, 0, 100);
      const found = items.find((e) => foldText(e.name) === key);
      if (found) {
        this.counts.employers.existing++;
        this.employerIds.set(input.name, found.id);
        return;
      }
      const created = await createEmployer(SEED_ACTOR, CreateEmployerBody.parse(input), this.ctx().now);
      this.counts.employers.created++;
      this.employerIds.set(input.name, created.id);
    });
  }

  async vacancyStep(v: VacancyPlan): Promise<void> {
    const employerId = this.employerIds.get(v.employerName);
    if (!employerId) throw new Error(`employer ${v.employerName} is not in the demo data`);
    const existing = await vacancyRepository.findByExternalRef(employerId, v.externalRef);
    let id: string;
    let needsFilling: boolean;
    if (existing) {
      this.counts.vacancies.existing++;
      id = existing.id;
      // Finish an interrupted first run only: the vacancy is untouched since it was created.
      needsFilling = v.finalStatus === 'filled' && existing.status === 'closed' && existing.version === 1;
    } else {
      try {
        const created = await createVacancy(
          SEED_ACTOR,
          CreateVacancyBody.parse({ ...v.input, employerId }),
          this.ctx(),
          this.hooks.vacancies,
        );
        this.counts.vacancies.created++;
        id = created.id;
        needsFilling = v.finalStatus === 'filled';
      } catch (err) {
        if (!isConflict(err)) throw err;
        this.counts.vacancies.existing++;
        return;
      }
    }
    if (needsFilling) {
      await updateVacancy(
        SEED_ACTOR,
        id,
        PatchVacancyBody.parse({ status: 'filled' }),
        this.ctx(),
        this.hooks.vacancies,
      );
    }
  }

  async vacanciesStep(): Promise<void> {
    await mapLimit(this.plan.vacancies, this.concurrency, (v) => this.vacancyStep(v));
  }

  /**
   * Creates the profile if missing, then its planned trainings, certificates and release. A profile
   * that exists is left as it is, unless nothing was written to it since its creation (an interrupted
   * first run): then the planned steps it lacks are added.
   */
  async candidateStep(c: CandidatePlan): Promise<void> {
    const facilityId = this.facilityId(c.facilityCode);
    const key = `${c.facilityCode}/${c.input.registrationNumber}`;
    let current: Progress | null = await candidateRepository.findByRegistration(
      facilityId,
      c.input.registrationNumber,
    );
    let untouched = current?.version === 1;
    if (current) {
      this.counts.candidates.existing++;
    } else {
      const input = CreateCandidateBody.parse({
        ...c.input,
        facilityId,
        bapasId: c.bapasCode ? this.facilityId(c.bapasCode) : undefined,
      });
      try {
        const created = await createCandidate(SEED_ACTOR, input, this.ctx(), this.hooks.candidates);
        this.counts.candidates.created++;
        current = {
          id: created.id,
          version: created.version,
          status: 'in_custody',
          release: { ...input.release },
          trainings: [],
          certifications: [],
        };
        untouched = true;
      } catch (err) {
        // Another run created it just now; that run completes it.
        if (!isConflict(err)) throw err;
        this.counts.candidates.existing++;
        current = await candidateRepository.findByRegistration(facilityId, c.input.registrationNumber);
        untouched = false;
      }
      if (!current) throw new Error(`profile ${key} could not be created`);
    }
    this.candidateIds.set(key, current.id);
    const record = current;
    if (!untouched) {
      this.counts.trainings.existing += c.trainings.length;
      this.counts.certifications.existing += c.certifications.length;
      if (c.releasedOn) this.counts.releases.existing++;
      return;
    }

    for (const t of c.trainings) {
      const provider = this.facilityId(t.providerCode);
      const has = record.trainings.some(
        (x) =>
          x.provider === provider &&
          x.programme === t.input.programme &&
          isoDay(x.startDate) === t.input.startDate,
      );
      if (has) {
        this.counts.trainings.existing++;
        continue;
      }
      await addTraining(
        SEED_ACTOR,
        record.id,
        TrainingBody.parse({ ...t.input, provider }),
        this.ctx(),
        this.hooks.candidates,
      );
      this.counts.trainings.created++;
    }
    for (const cert of c.certifications) {
      if (record.certifications.some((x) => x.number === cert.input.number)) {
        this.counts.certifications.existing++;
        continue;
      }
      await addCertification(
        SEED_ACTOR,
        record.id,
        CertificationBody.parse({ ...cert.input, provider: this.facilityId(cert.providerCode) }),
        this.ctx(),
        this.hooks.candidates,
      );
      this.counts.certifications.created++;
    }
    if (c.releasedOn) {
      if (record.status !== 'in_custody' || record.release.actualDate) {
        this.counts.releases.existing++;
      } else {
        await recordRelease(
          SEED_ACTOR,
          record.id,
          new Date(`${c.releasedOn}T00:00:00.000Z`),
          this.ctx(),
          this.hooks.candidates,
        );
        this.counts.releases.created++;
      }
    }
  }

  async candidatesStep(): Promise<void> {
    await mapLimit(this.plan.candidates, this.concurrency, (c) => this.candidateStep(c));
  }

  /** Who acts for a party: the demo login where it belongs to that Bapas or employer, else the system. */
  async placementActors(): Promise<(party: PlacementParty, scopeId: string) => Actor> {
    const officer = this.plan.logins.find((l) => l.role === 'officer');
    const employer = this.plan.logins.find((l) => l.role === 'employer');
    const [officerUser, employerUser] = await Promise.all([
      officer ? userRepository.findByEmail(officer.email) : null,
      employer ? userRepository.findByEmail(employer.email) : null,
    ]);
    return (party, scopeId) => {
      const login = party === 'officer' ? officerUser : employerUser;
      const bound = party === 'officer' ? login?.facilityId : login?.employerId;
      if (login && login.status === 'active' && bound === scopeId) {
        return {
          userId: login.id,
          role: login.role,
          email: login.email,
          name: login.name,
          facilityId: login.facilityId,
          employerId: login.employerId,
        };
      }
      return party === 'officer'
        ? { ...SEED_ACTOR, role: 'officer', facilityId: scopeId }
        : { ...SEED_ACTOR, role: 'employer', employerId: scopeId };
    };
  }

  /**
   * Creates the planned placements that are missing, each walked to its state through the placement
   * service with its planned dates. The natural key is (person, vacancy): a pair with any placement is
   * left alone, unless it is one this seed began and nobody touched since (an interrupted first run),
   * which is walked on. Placements of one vacancy go one after another (a hire changes the vacancy).
   */
  async placementsStep(): Promise<void> {
    const actorFor = await this.placementActors();
    const hooks: PlacementHooks = {
      candidates: this.hooks.candidates,
      vacancies: this.hooks.vacancies,
      afterCommit: async (ids) => {
        this.outboxIds.push(...ids);
      },
    };
    const resolved: { plan: PlacementPlan; candidateId: string; vacancyId: string; employerId: string }[] =
      [];
    const vacancyIds = new Map<string, { id: string; employerId: string } | null>();
    for (const plan of this.plan.placements) {
      const candidateId = this.candidateIds.get(
        `${plan.candidate.facilityCode}/${plan.candidate.registrationNumber}`,
      );
      const employerId = this.employerIds.get(plan.vacancy.employerName);
      if (!candidateId || !employerId)
        throw new Error(`placement ${plan.vacancy.externalRef}: missing record`);
      if (!vacancyIds.has(plan.vacancy.externalRef)) {
        const v = await vacancyRepository.findByExternalRef(employerId, plan.vacancy.externalRef);
        vacancyIds.set(plan.vacancy.externalRef, v ? { id: v.id, employerId } : null);
      }
      const v = vacancyIds.get(plan.vacancy.externalRef);
      if (!v) throw new Error(`vacancy ${plan.vacancy.externalRef} is not in the database`);
      resolved.push({ plan, candidateId, vacancyId: v.id, employerId });
    }
    const existing = new Map<string, PlacementRecord[]>();
    for (const p of await placementRepository.findMany({
      candidateIds: [...new Set(resolved.map((r) => r.candidateId))],
    })) {
      const key = `${p.candidateId}|${p.vacancyId}`;
      existing.set(key, [...(existing.get(key) ?? []), p]);
    }
    const byVacancy = new Map<string, typeof resolved>();
    for (const r of resolved) byVacancy.set(r.vacancyId, [...(byVacancy.get(r.vacancyId) ?? []), r]);

    await mapLimit([...byVacancy.values()], this.concurrency, async (group) => {
      for (const r of group) {
        const { plan } = r;
        const label = `${plan.candidate.registrationNumber} → ${plan.vacancy.externalRef}`;
        const found = existing.get(`${r.candidateId}|${r.vacancyId}`) ?? [];
        const resumable = found.length === 1 ? untouchedProgress(found[0]!, plan) : null;
        if (found.length) this.counts.placements.existing++;
        if (found.length && (resumable === null || resumable === plan.steps.length)) continue;
        const person = await candidateRepository.findById(r.candidateId);
        const actor = (party: PlacementParty) =>
          actorFor(party, party === 'officer' ? (person?.bapasId ?? '') : r.employerId);
        let id: string;
        let done: number;
        if (found.length) {
          id = found[0]!.id;
          done = resumable ?? 0;
        } else {
          try {
            const created = await createPlacement(
              actor(plan.origin),
              {
                // Employers know people only by their public id.
                candidateId: plan.origin === 'employer' ? (person?.publicId ?? '') : r.candidateId,
                vacancyId: r.vacancyId,
                note: plan.note,
              },
              { now: new Date(plan.createdAt), requestId: this.ctx().requestId },
            );
            id = created.id;
            done = 0;
            this.counts.placements.created++;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            this.skippedPlacements.push({ pair: label, reason: err.messageEn });
            continue;
          }
        }
        for (const step of plan.steps.slice(done)) {
          try {
            await transitionPlacement(
              actor(step.by),
              id,
              {
                to: step.to,
                note: step.note,
                reason: step.reason,
                at: new Date(step.at),
                internal: step.internal,
              },
              this.ctx(),
              hooks,
              // Every planned date lies before the anchor day: nothing here is in the future.
              { allowFuture: false },
            );
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            this.skippedPlacements.push({ pair: `${label} (${step.to})`, reason: err.messageEn });
            break;
          }
        }
      }
    });

    const ids = new Set(resolved.map((r) => `${r.candidateId}|${r.vacancyId}`));
    for (const p of await placementRepository.findMany({
      candidateIds: [...new Set(resolved.map((r) => r.candidateId))],
    })) {
      if (ids.has(`${p.candidateId}|${p.vacancyId}`))
        this.placementStates[p.state] = (this.placementStates[p.state] ?? 0) + 1;
    }
  }

  binding(login: LoginPlan): { facilityId?: string; employerId?: string; candidateId?: string } {
    const b = login.bind;
    if ('facilityCode' in b) return { facilityId: this.facilityId(b.facilityCode) };
    if ('employerName' in b) {
      const employerId = this.employerIds.get(b.employerName);
      if (!employerId) throw new Error(`employer ${b.employerName} is not in the demo data`);
      return { employerId };
    }
    const candidateId = this.candidateIds.get(
      `${b.candidate.facilityCode}/${b.candidate.registrationNumber}`,
    );
    if (!candidateId) throw new Error('the demo candidate login has no profile');
    return { candidateId };
  }

  /**
   * Creates the given demo accounts if missing. One after another: password hashing is CPU-bound, so
   * hashing several at once gains nothing.
   */
  async usersStep(logins: LoginPlan[]): Promise<LoginRow[]> {
    const rows: LoginRow[] = [];
    for (const login of logins) {
      if (await userRepository.findByEmail(login.email)) {
        this.counts.users.existing++;
      } else {
        try {
          await createUser(
            { BCRYPT_ROUNDS: Math.min(this.deps.config.BCRYPT_ROUNDS, DEMO_BCRYPT_ROUNDS) },
            CreateUserBody.parse({
              email: login.email,
              password: DEMO_PASSWORD,
              name: login.name,
              role: login.role,
              ...this.binding(login),
            }),
          );
          this.counts.users.created++;
        } catch (err) {
          if (!isConflict(err)) throw err;
          this.counts.users.existing++;
        }
      }
      rows.push({
        role: login.role,
        email: login.email,
        password: DEMO_PASSWORD,
        scope: login.scope,
        available: true,
      });
    }
    return rows;
  }
}

/**
 * How many planned steps an existing placement has taken, when its timeline is exactly the start of
 * the plan (same states at the same instants: nobody else touched it); null otherwise.
 */
function untouchedProgress(p: PlacementRecord, plan: PlacementPlan): number | null {
  const expected = [
    { to: p.origin === 'employer' ? 'employer_interest' : 'proposed', at: plan.createdAt },
    ...plan.steps.map((s) => ({ to: s.to, at: s.at })),
  ];
  if (p.timeline.length > expected.length) return null;
  const same = p.timeline.every(
    (e, i) => e.to === expected[i]!.to && e.at.getTime() === new Date(expected[i]!.at).getTime(),
  );
  return same ? p.timeline.length - 1 : null;
}

async function adminRow(admin: SeedOptions['admin']): Promise<LoginRow> {
  if (!admin) {
    return {
      role: 'admin',
      email: '(ADMIN_EMAIL belum diisi / not set)',
      scope: 'Semua data',
      available: false,
    };
  }
  const user = await userRepository.findByEmail(admin.email);
  const available = user?.role === 'admin';
  return {
    role: 'admin',
    email: admin.email,
    password: admin.password,
    scope: available ? 'Semua data' : 'Admin lain sudah ada; akun ini tidak dibuat / another admin exists',
    available,
  };
}

/**
 * Seeds the demo data set (development only unless `force`). Re-runnable: records are found by
 * natural key and created only when missing; existing ones are left as they are.
 */
export async function runSeed(deps: SeedDeps, opts: SeedOptions = {}): Promise<SeedReport> {
  assertSeedAllowed(deps.config.NODE_ENV, opts.force === true);
  const started = Date.now();
  const steps: SeedReport['steps'] = [];
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await fn();
    steps.push({ step, ms: Date.now() - t0 });
    return result;
  };
  if (opts.admin) {
    await bootstrapAdmin(
      {
        ADMIN_EMAIL: opts.admin.email,
        ADMIN_PASSWORD: opts.admin.password,
        BCRYPT_ROUNDS: deps.config.BCRYPT_ROUNDS,
      },
      deps.log,
    );
  }
  const plan = buildSeedPlan(await anchorDay(deps.clock.now()));
  const run = new SeedRun(deps, plan, opts.concurrency ?? 12);
  let staffRows: LoginRow[];
  let personRows: LoginRow[];
  try {
    await timed('facilities', () => run.facilitiesStep());
    await timed('employers', () => run.employersStep());
    await timed('vacancies', () => run.vacanciesStep());
    // Staff and employer accounts need only facilities and employers: hash their passwords while the
    // profiles are written (the database work leaves the CPU idle much of the time).
    [staffRows] = await Promise.all([
      timed('users', () => run.usersStep(plan.logins.filter((l) => l.role !== 'candidate'))),
      timed('candidates', () => run.candidatesStep()),
    ]);
    personRows = await timed('candidate user', () =>
      run.usersStep(plan.logins.filter((l) => l.role === 'candidate')),
    );
    await timed('placements', () => run.placementsStep());
  } finally {
    // Whatever was committed gets its follow-up jobs, even when a later step failed.
    await timed('dispatch', () => run.dispatchStep());
  }
  const logins = [await adminRow(opts.admin), ...staffRows, ...personRows];

  const demoLogin = (role: string) => plan.logins.find((l) => l.role === role)!;
  const ids = {
    demoEmployerId: run.binding(demoLogin('employer')).employerId ?? '',
    demoCandidateId: run.binding(demoLogin('candidate')).candidateId ?? '',
  };
  return {
    anchorDay: plan.anchorDay,
    counts: run.counts,
    logins,
    ids,
    placementStates: Object.fromEntries(
      PLACEMENT_STATES.filter((s) => run.placementStates[s]).map((s) => [s, run.placementStates[s]]),
    ),
    skippedPlacements: run.skippedPlacements,
    steps,
    elapsedMs: Date.now() - started,
  };
}
