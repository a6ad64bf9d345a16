import { randomInt } from 'node:crypto';
import { type AuditAction, listAudit, recordAudit, recordAuditMany } from '../audit/service.js';
import type { Actor, RequestContext } from '../auth/actor.js';
import { facilityRepository } from '../facilities/repository.js';
import { requireFacility } from '../facilities/service.js';
import { AppError, type ErrorDetail, errors } from '../http/errors.js';
import { type DbSession, withTransaction } from '../infra/mongo.js';
import { localDay } from '../notifications/milestones.js';
import { regionKey } from '../shared/regions.js';
import { isoDay, type Page } from '../shared/schemas.js';
import { resolveSkillRefs, type SkillRef } from '../skills/service.js';
import { userRepository } from '../users/repository.js';
import { maySupervise, partnerFacilityIds, type ReadAccess, readAccess } from './policy.js';
import { presentFull, presentSkillsView, presentSummary } from './presenter.js';
import {
  type AnonymisedCandidate,
  anonymise,
  isVisibleToEmployers,
  MIN_EMPLOYER_VISIBLE_AGE,
} from './projection.js';
import { type CandidateFilter, candidateRepository } from './repository.js';
import type {
  CertificationInput,
  CreateCandidateInput,
  ListCandidatesQuery,
  PatchCandidateInput,
  TrainingInput,
} from './schemas.js';
import { applyCertification, applyTraining, dedupeSkills } from './skills-evidence.js';
import type { CandidateRecord, CandidateSkill, HistoryEntry } from './types.js';

export type CandidateChange =
  | 'create'
  | 'update'
  | 'consent'
  | 'release'
  | 'training'
  | 'certification'
  | 'erase';

/**
 * What other capabilities attach to profile writes. `afterWrite` runs inside the write's transaction
 * (search sync markers, alert re-planning) and returns outbox ids; `afterCommit` dispatches them.
 */
export interface CandidateHooks {
  afterWrite?: (c: CandidateRecord, change: CandidateChange, session: DbSession) => Promise<string[]>;
  afterCommit?: (outboxIds: string[]) => Promise<void>;
  /** Bulk creation: one job for the whole chunk instead of one per profile. */
  afterBulkWrite?: (ids: string[], session: DbSession) => Promise<string[]>;
  /** Extra sections of a subject-access export (notifications, placements…). */
  exportSections?: (candidateId: string) => Promise<Record<string, unknown>>;
}

type Ctx = Pick<RequestContext, 'now'> & Partial<RequestContext>;

const notFound = () => errors.notFound('Profil', 'Profile');

const forbiddenFields = (fields: string[], message: string, messageEn: string) =>
  new AppError({
    code: 'forbidden',
    status: 403,
    message,
    messageEn,
    details: fields.map((f) => ({ path: f, code: 'forbidden', message, messageEn })),
  });

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A random public id such as `BK-7F3Q9X2A`; unrelated to the database id. */
export function newPublicId(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[randomInt(32)];
  return `BK-${s}`;
}

function toRefs(items: ({ code?: string; name?: string } | string)[]): SkillRef[] {
  return items.map((i) => {
    if (typeof i === 'string') return /^[a-z]+\.[a-z0-9-]+$/.test(i) ? { code: i } : { name: i };
    return i.code ? { code: i.code } : { name: i.name ?? '' };
  });
}

function resolveProfileSkills(
  skills: {
    code?: string;
    name?: string;
    level: CandidateSkill['level'];
    evidence?: CandidateSkill['evidence'];
  }[],
  path: string,
): CandidateSkill[] {
  const codes = resolveSkillRefs(toRefs(skills), path);
  return dedupeSkills(
    codes.map((code, i) => ({ code, level: skills[i]!.level, evidence: skills[i]!.evidence })),
  );
}

function historyEntry(actor: Actor, now: Date, field: string, from: unknown, to: unknown): HistoryEntry {
  const norm = (v: unknown) => (v instanceof Date ? isoDay(v) : (v ?? null));
  return { at: now, by: actor.userId, role: actor.role, field, from: norm(from), to: norm(to) };
}

/** The tracked fields whose changes are kept in the profile's history. */
function diffHistory(
  actor: Actor,
  now: Date,
  before: CandidateRecord | null,
  after: Partial<CandidateRecord>,
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const pairs: [string, unknown, unknown][] = [
    ['release.expectedDate', before?.release.expectedDate, after.release?.expectedDate],
    ['release.type', before?.release.type, after.release?.type],
    ['release.actualDate', before?.release.actualDate, after.release?.actualDate],
    ['status', before?.status, after.status],
    ['facilityId', before?.facilityId, after.facilityId],
    ['bapasId', before?.bapasId, 'bapasId' in after ? (after.bapasId ?? null) : undefined],
    ['consent.shareWithEmployers', before?.consent.shareWithEmployers, after.consent?.shareWithEmployers],
    ['consent.contactByEmail', before?.consent.contactByEmail, after.consent?.contactByEmail],
  ];
  for (const [field, from, to] of pairs) {
    if (to === undefined) continue;
    const a = from instanceof Date ? isoDay(from) : (from ?? null);
    const b = to instanceof Date ? isoDay(to) : (to ?? null);
    if (a !== b) out.push(historyEntry(actor, now, field, from, to));
  }
  return out;
}

async function loadReadable(
  actor: Actor,
  id: string,
  now: Date,
): Promise<{ c: CandidateRecord; access: Exclude<ReadAccess, null> }> {
  const c = await candidateRepository.findById(id);
  const access = c ? await readAccess(actor, c, now) : null;
  if (!c || !access) throw notFound();
  return { c, access };
}

/** Presents a profile at the level the actor may read. */
function presentFor(access: Exclude<ReadAccess, null>, c: CandidateRecord, now: Date) {
  if (access === 'full' || access === 'self') return presentFull(c);
  if (access === 'skills') return presentSkillsView(c);
  return anonymise(c, now, new Map());
}

/**
 * Applies a change computed from the current record, in a transaction with its audit entry and hooks.
 * A concurrent write (version moved) recomputes from the fresh record, up to three times.
 */
async function mutate(
  actor: Actor,
  id: string,
  ctx: Ctx,
  hooks: CandidateHooks,
  change: CandidateChange,
  audit: AuditAction,
  compute: (current: CandidateRecord) => Promise<{ set: Partial<CandidateRecord>; history?: HistoryEntry[] }>,
  authorise: (current: CandidateRecord) => Promise<void>,
): Promise<CandidateRecord> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await candidateRepository.findById(id);
    if (!current) throw notFound();
    await authorise(current);
    const { set, history } = await compute(current);
    const result = await withTransaction(async (session) => {
      const updated = await candidateRepository.update(
        id,
        current.version,
        set,
        history ?? diffHistory(actor, ctx.now, current, set),
        session,
      );
      if (!updated) return null;
      await recordAudit(actor, id, audit, ctx, { session });
      const outboxIds = (await hooks.afterWrite?.(updated, change, session)) ?? [];
      return { updated, outboxIds };
    });
    if (result) {
      await hooks.afterCommit?.(result.outboxIds);
      return result.updated;
    }
  }
  throw errors.conflict(
    'Profil sedang diubah orang lain; coba lagi',
    'The profile was changed concurrently; retry',
  );
}

async function requireSupervisor(actor: Actor, c: CandidateRecord, now: Date): Promise<void> {
  if (maySupervise(actor, c)) return;
  // Readable but not editable (trainer, employer, the person) → 403; invisible → 404.
  if (await readAccess(actor, c, now)) throw errors.forbidden();
  throw notFound();
}

// ---------------------------------------------------------------- create

/** Lapas staff (own facility), officers (own Bapas) and admins register a person's skill profile. */
export async function createCandidate(
  actor: Actor,
  input: CreateCandidateInput,
  ctx: Ctx,
  hooks: CandidateHooks = {},
): Promise<ReturnType<typeof presentFull>> {
  const data = await prepareNewCandidate(actor, input, ctx);
  for (let attempt = 0; ; attempt++) {
    try {
      const { created, outboxIds } = await withTransaction(async (session) => {
        const created = await candidateRepository.create({ ...data, publicId: newPublicId() }, session);
        await recordAudit(actor, created.id, 'create', ctx, { session });
        const outboxIds = (await hooks.afterWrite?.(created, 'create', session)) ?? [];
        return { created, outboxIds };
      });
      await hooks.afterCommit?.(outboxIds);
      return presentFull(created);
    } catch (err) {
      const dup = err as { code?: number; keyPattern?: Record<string, unknown> };
      // A public-id collision (1 in 10^12) just draws again; a duplicate registration is the caller's 409.
      if (dup.code === 11000 && dup.keyPattern?.publicId && attempt < 3) continue;
      if (dup.code === 11000 && dup.keyPattern?.registrationNumber)
        throw duplicateRegistration(input.registrationNumber);
      throw err;
    }
  }
}

function duplicateRegistration(registrationNumber: string): AppError {
  return errors.conflict(
    `Nomor registrasi ${registrationNumber} sudah terdaftar di fasilitas ini`,
    `Registration number ${registrationNumber} already exists in this facility`,
    [
      {
        path: 'body.registrationNumber',
        code: 'duplicate',
        message: 'sudah terdaftar',
        messageEn: 'already registered',
      },
    ],
  );
}

/** The supervising officer must be an active officer user of the person's Bapas. */
async function checkOfficer(
  officerId: string | undefined,
  bapasId: string | undefined,
  problems: ErrorDetail[],
): Promise<void> {
  if (!officerId) return;
  const officer = (await userRepository.findByIds([officerId]))[0];
  if (
    !officer ||
    officer.role !== 'officer' ||
    officer.status !== 'active' ||
    !bapasId ||
    officer.facilityId !== bapasId
  ) {
    problems.push({
      path: 'body.officerId',
      code: 'invalid',
      message: 'harus petugas aktif dari Bapas orang ini',
      messageEn: "must be an active officer of the person's Bapas",
    });
  }
}

/** Checks a new profile (roles, facilities, skills) and builds what is stored; throws 400/403. */
async function prepareNewCandidate(
  actor: Actor,
  input: CreateCandidateInput,
  ctx: Ctx,
  checkFacility: typeof requireFacility = requireFacility,
): Promise<Partial<CandidateRecord>> {
  const problems: ErrorDetail[] = [];
  if (actor.role === 'facility_staff' && input.facilityId !== actor.facilityId) {
    throw forbiddenFields(
      ['body.facilityId'],
      'Hanya untuk WBP fasilitas Anda sendiri',
      'Only for your own facility',
    );
  }
  let bapasId = input.bapasId;
  if (actor.role === 'officer') {
    if (bapasId && bapasId !== actor.facilityId) {
      throw forbiddenFields(
        ['body.bapasId'],
        'Hanya untuk klien Bapas Anda sendiri',
        'Only for your own Bapas',
      );
    }
    bapasId = actor.facilityId;
  }
  await checkFacility(input.facilityId, ['lapas', 'rutan', 'lpka'], 'body.facilityId').catch((e: AppError) =>
    problems.push(...(e.details ?? [])),
  );
  if (bapasId) {
    await checkFacility(bapasId, ['bapas'], 'body.bapasId').catch((e: AppError) =>
      problems.push(...(e.details ?? [])),
    );
  }
  let skills: CandidateSkill[] = [];
  try {
    skills = resolveProfileSkills(input.skills, 'body.skills');
  } catch (e) {
    problems.push(...((e as AppError).details ?? []));
  }
  const officerId = input.officerId ?? (actor.role === 'officer' ? actor.userId : undefined);
  await checkOfficer(officerId, bapasId, problems);
  if (problems.length) throw errors.validation(problems);

  const data: Partial<CandidateRecord> = {
    officerId,
    registrationNumber: input.registrationNumber,
    fullName: input.fullName,
    birthDate: input.birthDate,
    gender: input.gender,
    facilityId: input.facilityId,
    bapasId,
    domicile: { ...input.domicile, regencyKey: regionKey(input.domicile.regency) },
    release: { expectedDate: input.release.expectedDate, type: input.release.type },
    status: 'in_custody',
    skills,
    trainings: [],
    certifications: [],
    education: input.education,
    languages: input.languages ?? [],
    workHistory: input.workHistory ?? [],
    preferences: input.preferences ?? {},
    contact: input.contact ?? {},
    consent: { ...input.consent, updatedAt: ctx.now },
    offenceCategory: input.offenceCategory,
    restrictions: input.restrictions ?? {},
    notes: input.notes,
    checklist: input.checklist,
    history: [historyEntry(actor, ctx.now, 'created', null, 'in_custody')],
  };
  return data;
}

/** A duplicate-key error on the public id index (ids are random; see newPublicId). */
function isPublicIdClash(err: unknown): boolean {
  const e = err as { keyPattern?: Record<string, unknown>; message?: string };
  return Boolean(e.keyPattern?.publicId) || /index: publicId_/.test(e.message ?? '');
}

/** Bulk chunks written at once: one transaction commits while the next chunk is checked and sent. */
const BULK_WRITES_IN_FLIGHT = 2;

export interface BulkCreateResult {
  created: { index: number; id: string; publicId: string }[];
  failed: { index: number; error: AppError }[];
}

/**
 * Creates many profiles through the same checks as createCandidate, writing each chunk in one
 * transaction (profiles, audit entries and one batch-index job). Used by imports, the seed and the
 * benchmark; a chunk with a duplicate falls back to one-by-one creation so good rows still land.
 * Up to two chunks are in flight; after an unexpected error no further chunk starts, but the one
 * already in flight finishes before the error is thrown.
 */
export async function bulkCreateCandidates(
  actor: Actor,
  inputs: CreateCandidateInput[],
  ctx: Ctx,
  hooks: CandidateHooks = {},
  chunkSize = 1000,
): Promise<BulkCreateResult> {
  const result: BulkCreateResult = { created: [], failed: [] };
  // Facilities repeat across rows; look each up once per bulk call.
  const facilityCache = new Map<string, ReturnType<typeof requireFacility>>();
  const cachedFacility: typeof requireFacility = (id, kinds, path) => {
    const key = `${id}|${kinds.join(',')}|${path}`;
    let p = facilityCache.get(key);
    if (!p) {
      p = requireFacility(id, kinds, path);
      p.catch(() => undefined);
      facilityCache.set(key, p);
    }
    return p;
  };
  /**
   * One chunk in one transaction. A clash of random public ids draws the chunk's ids again; any other
   * duplicate falls back to one-by-one creation of its rows, indexed by one batch job as well.
   */
  const writeChunk = async (
    start: number,
    chunk: CreateCandidateInput[],
    prepared: { index: number; data: Partial<CandidateRecord> }[],
  ): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { created, outboxIds } = await withTransaction(async (session) => {
          const created = await candidateRepository.createMany(
            prepared.map((p) => p.data),
            session,
          );
          await recordAuditMany(
            actor,
            created.map((c) => c.id),
            'create',
            ctx,
            session,
          );
          const outboxIds =
            (await hooks.afterBulkWrite?.(
              created.map((c) => c.id),
              session,
            )) ?? [];
          return { created, outboxIds };
        });
        await hooks.afterCommit?.(outboxIds);
        for (const [i, c] of created.entries()) {
          result.created.push({ index: prepared[i]!.index, id: c.id, publicId: c.publicId });
        }
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        // About one import of 300,000 profiles in 25 draws a public id that exists already.
        if (!isPublicIdClash(err) || attempt >= 3) break;
        for (const p of prepared) p.data = { ...p.data, publicId: newPublicId() };
      }
    }
    // Row by row, each in its own transaction; the rows that land are indexed by one batch job (as
    // a whole chunk is) rather than by one job each.
    const rowHooks = hooks.afterBulkWrite
      ? { ...hooks, afterWrite: undefined, afterCommit: undefined }
      : hooks;
    const landed: string[] = [];
    for (const p of prepared) {
      try {
        const one = await createCandidate(actor, chunk[p.index - start]!, ctx, rowHooks);
        result.created.push({ index: p.index, id: one.id, publicId: one.publicId });
        landed.push(one.id);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.failed.push({ index: p.index, error: e });
      }
    }
    if (landed.length && hooks.afterBulkWrite) {
      const bulkWrite = hooks.afterBulkWrite;
      const outboxIds = await withTransaction((session) => bulkWrite(landed, session));
      await hooks.afterCommit?.(outboxIds);
    }
  };
  // The next chunk is checked while the previous one's transaction runs (at most two in flight).
  const inFlight: Promise<void>[] = [];
  let failure: { err: unknown } | null = null;
  try {
    for (let start = 0; start < inputs.length; start += chunkSize) {
      const chunk = inputs.slice(start, start + chunkSize);
      const prepared: { index: number; data: Partial<CandidateRecord> }[] = [];
      for (const [i, input] of chunk.entries()) {
        try {
          prepared.push({
            index: start + i,
            data: {
              ...(await prepareNewCandidate(actor, input, ctx, cachedFacility)),
              publicId: newPublicId(),
            },
          });
        } catch (err) {
          result.failed.push({
            index: start + i,
            error: err instanceof AppError ? err : errors.validation([]),
          });
        }
      }
      if (prepared.length === 0) continue;
      const write = writeChunk(start, chunk, prepared);
      // Awaited below; this only keeps a failure from counting as unhandled in the meantime.
      write.catch(() => undefined);
      inFlight.push(write);
      if (inFlight.length >= BULK_WRITES_IN_FLIGHT) await inFlight.shift();
    }
  } catch (err) {
    failure = { err };
  }
  // Every chunk already started settles before the call returns or fails.
  const settled = await Promise.allSettled(inFlight);
  if (failure) throw failure.err;
  const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  result.created.sort((a, b) => a.index - b.index);
  result.failed.sort((a, b) => a.index - b.index);
  return result;
}

// ---------------------------------------------------------------- read

/** One profile at the caller's level; full and skills reads are audited. */
export async function getCandidate(actor: Actor, id: string, ctx: Ctx) {
  const { c, access } = await loadReadable(actor, id, ctx.now);
  if (access === 'full') await recordAudit(actor, id, 'read_profile', ctx);
  if (access === 'skills') await recordAudit(actor, id, 'read_skills', ctx);
  return presentFor(access, c, ctx.now);
}

/** The anonymised profile by public id: admins and the person's officer; others only what employers see. */
export async function getPublicProfile(
  actor: Actor,
  publicId: string,
  now: Date,
): Promise<AnonymisedCandidate> {
  const c = await candidateRepository.findByPublicId(publicId);
  if (!c) throw notFound();
  // Beyond admins and the person's own officer, nobody learns more than an employer could: a public id
  // of another Bapas's client who did not consent (or is a minor, placed, withdrawn) is not found.
  if (!maySupervise(actor, c) && !isVisibleToEmployers(c, now)) throw notFound();
  return anonymise(c, now, new Map());
}

function cutoffForAdults(now: Date): Date {
  return new Date(
    Date.UTC(now.getUTCFullYear() - MIN_EMPLOYER_VISIBLE_AGE, now.getUTCMonth(), now.getUTCDate()),
  );
}

/** Candidates the caller may see, scoped by role, with role-appropriate rows. */
export async function listCandidates(
  actor: Actor,
  query: ListCandidatesQuery,
  ctx: Ctx,
): Promise<Page<unknown>> {
  const filter: CandidateFilter = {
    status: query.status as CandidateFilter['status'],
    releaseBefore: query.releaseBefore,
    releaseAfter: query.releaseAfter,
    filterFacilityId: query.facilityId,
    filterBapasId: query.bapasId,
    q: query.q,
    consentedOnly: query.consented,
    releaseType: query.releaseType,
    sector: query.sector,
    regency: query.regency,
  };
  const empty = { items: [], total: 0, page: query.page, limit: query.limit };
  switch (actor.role) {
    case 'admin':
      break;
    case 'officer':
      if (!actor.facilityId) return empty;
      filter.bapasId = actor.facilityId;
      break;
    case 'facility_staff':
      if (!actor.facilityId) return empty;
      filter.facilityId = actor.facilityId;
      break;
    case 'trainer':
      if (!actor.facilityId) return empty;
      filter.blkId = actor.facilityId;
      filter.partnerFacilityIds = await partnerFacilityIds(actor.facilityId);
      break;
    case 'employer': {
      const bad = (
        ['facilityId', 'bapasId', 'q', 'status', 'releaseType', 'sector', 'regency'] as const
      ).filter((k) => query[k] !== undefined);
      if (bad.length) {
        throw errors.validation(
          bad.map((k) => ({
            path: `query.${k}`,
            code: 'not_allowed',
            message: 'filter ini tidak tersedia untuk pemberi kerja',
            messageEn: 'this filter is not available to employers',
          })),
        );
      }
      filter.consentedOnly = true;
      filter.statuses = ['in_custody', 'released'];
      filter.bornOnOrBefore = cutoffForAdults(ctx.now);
      break;
    }
    case 'candidate':
      if (!actor.candidateId) return empty;
      filter.candidateId = actor.candidateId;
      break;
  }
  const sort = actor.role === 'employer' ? 'release' : query.sort;
  const { items, total } = await candidateRepository.list(
    filter,
    (query.page - 1) * query.limit,
    query.limit,
    sort,
  );
  const rows = items.map((c) => {
    if (actor.role === 'employer') return anonymise(c, ctx.now, new Map());
    if (actor.role === 'trainer') {
      const v = presentSkillsView(c);
      return {
        id: v.id,
        fullName: v.fullName,
        registrationNumber: v.registrationNumber,
        facilityId: v.facilityId,
        status: v.status,
        skills: v.skills,
      };
    }
    return presentSummary(c);
  });
  return { items: rows, total, page: query.page, limit: query.limit };
}

// ---------------------------------------------------------------- update

const SELF_EDITABLE = new Set(['contact', 'preferences']);

/** Partial update with merge semantics for nested objects; tracked fields go to the history. */
export async function updateCandidate(
  actor: Actor,
  id: string,
  patch: PatchCandidateInput,
  ctx: Ctx,
  hooks: CandidateHooks = {},
) {
  const fields = Object.keys(patch);
  const updated = await mutate(
    actor,
    id,
    ctx,
    hooks,
    'update',
    'update',
    async (current) => {
      const set: Partial<CandidateRecord> = {};
      const problems: ErrorDetail[] = [];
      for (const key of [
        'registrationNumber',
        'fullName',
        'birthDate',
        'gender',
        'workHistory',
        'languages',
      ] as const) {
        if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
      }
      if (patch.facilityId !== undefined) {
        await requireFacility(patch.facilityId, ['lapas', 'rutan', 'lpka'], 'body.facilityId').catch(
          (e: AppError) => problems.push(...(e.details ?? [])),
        );
        set.facilityId = patch.facilityId;
      }
      if (patch.bapasId !== undefined) {
        if (patch.bapasId) {
          await requireFacility(patch.bapasId, ['bapas'], 'body.bapasId').catch((e: AppError) =>
            problems.push(...(e.details ?? [])),
          );
        }
        set.bapasId = patch.bapasId ?? undefined;
        // A new Bapas means a new supervisor: the old assignment no longer applies.
        if (patch.bapasId !== current.bapasId && patch.officerId === undefined) set.officerId = undefined;
      }
      if (patch.officerId !== undefined) {
        await checkOfficer(patch.officerId ?? undefined, set.bapasId ?? current.bapasId, problems);
        set.officerId = patch.officerId ?? undefined;
      }
      if (patch.domicile) {
        const domicile = { ...current.domicile, ...patch.domicile };
        set.domicile = { ...domicile, regencyKey: regionKey(domicile.regency) };
      }
      if (patch.release) set.release = { ...current.release, ...patch.release };
      if (patch.skills) {
        try {
          set.skills = resolveProfileSkills(patch.skills, 'body.skills');
        } catch (e) {
          problems.push(...((e as AppError).details ?? []));
        }
      }
      if (patch.education !== undefined) set.education = patch.education ?? undefined;
      if (patch.preferences) set.preferences = { ...current.preferences, ...patch.preferences };
      if (patch.contact) {
        const contact = { ...current.contact };
        for (const k of ['email', 'phone'] as const) {
          if (patch.contact[k] === null) delete contact[k];
          else if (patch.contact[k] !== undefined) contact[k] = patch.contact[k] ?? undefined;
        }
        set.contact = contact;
      }
      if (patch.offenceCategory !== undefined) set.offenceCategory = patch.offenceCategory ?? undefined;
      if (patch.restrictions) set.restrictions = { ...current.restrictions, ...patch.restrictions };
      if (patch.notes !== undefined) set.notes = patch.notes ?? undefined;
      if (patch.checklist) set.checklist = { ...current.checklist, ...patch.checklist };
      if (patch.status === 'withdrawn') {
        if (current.status === 'placed') {
          throw errors.conflict(
            'Orang yang sudah bekerja tidak dapat ditarik',
            'A placed person cannot be withdrawn',
          );
        }
        set.status = 'withdrawn';
      }
      if (problems.length) throw errors.validation(problems);
      return { set };
    },
    async (current) => {
      if (actor.role === 'candidate' && actor.candidateId === current.id) {
        const notAllowed = fields.filter((f) => !SELF_EDITABLE.has(f));
        if (notAllowed.length) {
          throw forbiddenFields(
            notAllowed.map((f) => `body.${f}`),
            'Anda hanya dapat mengubah kontak dan preferensi kerja',
            'You may change only your contact details and work preferences',
          );
        }
        return;
      }
      await requireSupervisor(actor, current, ctx.now);
      if (patch.facilityId !== undefined && actor.role !== 'admin') {
        throw forbiddenFields(
          ['body.facilityId'],
          'Pemindahan fasilitas hanya oleh admin',
          'Only admins move a person between facilities',
        );
      }
      if (patch.bapasId !== undefined && actor.role === 'officer') {
        throw forbiddenFields(
          ['body.bapasId'],
          'Penetapan Bapas oleh staf Lapas atau admin',
          'Lapas staff or admins assign the Bapas',
        );
      }
    },
  );
  return presentFull(updated);
}

/** Records the actual release: in custody → released. */
export async function recordRelease(
  actor: Actor,
  id: string,
  releasedAt: Date,
  ctx: Ctx,
  hooks: CandidateHooks = {},
) {
  // A release date is a calendar day in the facility's zone: today there is never "in the future".
  const current = await candidateRepository.findById(id);
  const facility = current ? await facilityRepository.findById(current.facilityId) : null;
  const today = localDay(ctx.now, facility?.timezone ?? 'Asia/Makassar');
  if (isoDay(releasedAt) > today) {
    throw errors.field(
      'body.releasedAt',
      'tanggal bebas tidak boleh di masa depan',
      'the release date must not be in the future',
    );
  }
  const updated = await mutate(
    actor,
    id,
    ctx,
    hooks,
    'release',
    'release',
    async (current) => {
      if (current.status !== 'in_custody') {
        throw errors.conflict(
          `Status sekarang ${current.status}; hanya WBP dalam tahanan yang dapat dibebaskan`,
          `Status is ${current.status}; only people in custody can be released`,
        );
      }
      return { set: { status: 'released', release: { ...current.release, actualDate: releasedAt } } };
    },
    (current) => requireSupervisor(actor, current, ctx.now),
  );
  return presentFull(updated);
}

/** Consent to sharing with employers and to email contact; the person, their keepers or admins. */
export async function setConsent(
  actor: Actor,
  id: string,
  consent: { shareWithEmployers: boolean; contactByEmail: boolean },
  ctx: Ctx,
  hooks: CandidateHooks = {},
) {
  const updated = await mutate(
    actor,
    id,
    ctx,
    hooks,
    'consent',
    'consent',
    async () => ({ set: { consent: { ...consent, updatedAt: ctx.now } } }),
    async (current) => {
      if (actor.role === 'candidate' && actor.candidateId === current.id) return;
      await requireSupervisor(actor, current, ctx.now);
    },
  );
  return presentFull(updated);
}

// ---------------------------------------------------------------- trainings and certifications

async function authoriseSkillsRecord(
  actor: Actor,
  current: CandidateRecord,
  providerId: string | undefined,
  now: Date,
) {
  if (actor.role === 'trainer') {
    if (!(await readAccess(actor, current, now))) throw notFound();
    if (providerId !== actor.facilityId) {
      throw forbiddenFields(
        ['body.provider'],
        'Hanya untuk pelatihan BLK Anda sendiri',
        'Only for your own BLK',
      );
    }
    return;
  }
  if (actor.role === 'officer') {
    if (await readAccess(actor, current, now)) throw errors.forbidden();
    throw notFound();
  }
  await requireSupervisor(actor, current, now);
}

/** Adds a BLK training; a passed one raises the taught skills' evidence and level. */
export async function addTraining(
  actor: Actor,
  id: string,
  input: TrainingInput,
  ctx: Ctx,
  hooks: CandidateHooks = {},
) {
  let providerName = '';
  const updated = await mutate(
    actor,
    id,
    ctx,
    hooks,
    'training',
    'training',
    async (current) => {
      const problems: ErrorDetail[] = [];
      const provider = await requireFacility(input.provider, ['blk'], 'body.provider').catch(
        (e: AppError) => {
          problems.push(...(e.details ?? []));
          return null;
        },
      );
      providerName = provider?.name ?? '';
      let codes: string[] = [];
      try {
        codes = [...new Set(resolveSkillRefs(toRefs(input.skills), 'body.skills'))];
      } catch (e) {
        problems.push(...((e as AppError).details ?? []));
      }
      if (problems.length) throw errors.validation(problems);
      const training = {
        id: undefined as unknown as string,
        provider: input.provider,
        providerName,
        programme: input.programme,
        startDate: input.startDate,
        endDate: input.endDate,
        hours: input.hours,
        result: input.result,
        skills: codes,
        recordedBy: actor.userId,
        recordedAt: ctx.now,
      };
      const skills =
        input.result === 'passed' ? applyTraining(current.skills, codes, input.hours) : current.skills;
      return { set: { trainings: [...current.trainings, training], skills } };
    },
    (current) => authoriseSkillsRecord(actor, current, input.provider, ctx.now),
  );
  return actor.role === 'trainer' ? presentSkillsView(updated) : presentFull(updated);
}

/** Adds a competency certificate; it raises the covered skills to certified. */
export async function addCertification(
  actor: Actor,
  id: string,
  input: CertificationInput,
  ctx: Ctx,
  hooks: CandidateHooks = {},
) {
  const provider = actor.role === 'trainer' ? (input.provider ?? actor.facilityId) : input.provider;
  const updated = await mutate(
    actor,
    id,
    ctx,
    hooks,
    'certification',
    'certification',
    async (current) => {
      const problems: ErrorDetail[] = [];
      if (provider) {
        await requireFacility(provider, ['blk'], 'body.provider').catch((e: AppError) =>
          problems.push(...(e.details ?? [])),
        );
      }
      let codes: string[] = [];
      try {
        codes = [...new Set(resolveSkillRefs(toRefs(input.skills), 'body.skills'))];
      } catch (e) {
        problems.push(...((e as AppError).details ?? []));
      }
      if (problems.length) throw errors.validation(problems);
      const cert = {
        id: undefined as unknown as string,
        scheme: input.scheme,
        number: input.number,
        issuer: input.issuer,
        issuedAt: input.issuedAt,
        expiresAt: input.expiresAt,
        skills: codes,
        provider,
        recordedBy: actor.userId,
        recordedAt: ctx.now,
      };
      return {
        set: {
          certifications: [...current.certifications, cert],
          skills: applyCertification(current.skills, codes),
        },
      };
    },
    (current) => authoriseSkillsRecord(actor, current, provider, ctx.now),
  );
  return actor.role === 'trainer' ? presentSkillsView(updated) : presentFull(updated);
}

// ---------------------------------------------------------------- export and erasure

/**
 * Subject access: everything held on the person, including who read or changed it. The person,
 * their officer, their facility's staff and admins may ask; the export itself is audited first.
 */
export async function exportCandidate(actor: Actor, id: string, ctx: Ctx, hooks: CandidateHooks = {}) {
  const c = await candidateRepository.findById(id);
  const access = c ? await readAccess(actor, c, ctx.now) : null;
  if (!c || (access !== 'full' && access !== 'self')) throw notFound();
  await recordAudit(actor, id, 'export', ctx);
  const audit = await listAudit({ candidateId: id }, 1, 10_000);
  const users = await userRepository.findByCandidateId(id);
  return {
    generatedAt: ctx.now.toISOString(),
    notice: {
      id: 'Ekspor ini berisi semua data pribadi yang disimpan Bekal Kerja tentang Anda (UU PDP No. 27/2022).',
      en: 'This export holds all personal data Bekal Kerja keeps about you (Law 27/2022 on Personal Data Protection).',
    },
    profile: presentFull(c),
    accounts: users.map((u) => ({
      email: u.email,
      role: u.role,
      status: u.status,
      lastLoginAt: u.lastLoginAt?.toISOString(),
    })),
    accessLog: audit.items.map((a) => ({ at: a.at, action: a.action, by: a.actor.name, role: a.actor.role })),
    ...((await hooks.exportSections?.(id)) ?? {}),
  };
}

/**
 * Erasure: the profile becomes an anonymous tombstone (kept for statistics), the person's login is
 * deleted, and hooks remove them from search and pending work. Admins only.
 */
export async function eraseCandidate(
  actor: Actor,
  id: string,
  ctx: Ctx,
  hooks: CandidateHooks = {},
): Promise<void> {
  if (actor.role !== 'admin') throw notFound();
  const result = await withTransaction(async (session) => {
    const before = await candidateRepository.eraseToTombstone(id, ctx.now, session);
    if (!before) return null;
    await userRepository.deleteByCandidateId(id, session);
    await recordAudit(actor, id, 'erase', ctx, { session });
    const outboxIds =
      (await hooks.afterWrite?.(
        { ...before, status: 'erased', version: before.version + 1 },
        'erase',
        session,
      )) ?? [];
    return { outboxIds };
  });
  if (!result) throw notFound();
  await hooks.afterCommit?.(result.outboxIds);
}
