import type { Actor, RequestContext } from '../auth/actor.js';
import { type EmployerRecord, employerRepository } from '../employers/repository.js';
import { AppError, errors } from '../http/errors.js';
import { type DbSession, withTransaction } from '../infra/mongo.js';
import { regionKey } from '../shared/regions.js';
import type { Page } from '../shared/schemas.js';
import { resolveSkillRefs, type SkillRef } from '../skills/service.js';
import { presentVacancy } from './presenter.js';
import {
  type VacancyFilter,
  type VacancyRecord,
  type VacancySkill,
  type VacancyWrite,
  vacancyRepository,
} from './repository.js';
import type { CreateVacancyInput, PatchVacancyInput, VacancyView } from './schemas.js';

/** Hooks other capabilities attach to vacancy writes, run inside the same transaction. */
export interface VacancyWriteHooks {
  afterWrite?: (v: VacancyRecord, session: DbSession) => Promise<string[]>;
  /** Called after commit with what afterWrite (or afterBulkWrite) returned (outbox ids to dispatch). */
  afterCommit?: (outboxIds: string[]) => Promise<void>;
  /** Bulk creation: one job for the whole chunk instead of one per vacancy. */
  afterBulkWrite?: (ids: string[], session: DbSession) => Promise<string[]>;
}

const notFound = () => errors.notFound('Lowongan', 'Vacancy');

type SkillInput = { code?: string; name?: string; required: boolean; minLevel?: VacancySkill['minLevel'] };

function toRef(s: { code?: string; name?: string }): SkillRef {
  return s.code ? { code: s.code } : { name: s.name ?? '' };
}

/** Resolves names to codes and checks the list: no duplicates, at least one required skill. */
export function resolveVacancySkills(skills: SkillInput[], path = 'body.skills'): VacancySkill[] {
  const codes = resolveSkillRefs(skills.map(toRef), path);
  const seen = new Map<string, number>();
  const details = [];
  for (const [i, code] of codes.entries()) {
    if (seen.has(code)) {
      details.push({
        path: `${path}.${i}`,
        code: 'duplicate_skill',
        message: `keahlian ${code} sudah disebut di nomor ${(seen.get(code) ?? 0) + 1}`,
        messageEn: `skill ${code} is already listed at position ${(seen.get(code) ?? 0) + 1}`,
      });
    }
    seen.set(code, i);
  }
  if (!skills.some((s) => s.required)) {
    details.push({
      path,
      code: 'no_required_skill',
      message: 'tandai minimal satu keahlian sebagai wajib',
      messageEn: 'mark at least one skill as required',
    });
  }
  if (details.length) throw errors.validation(details);
  return codes.map((code, i) => ({ code, required: skills[i]!.required, minLevel: skills[i]!.minLevel }));
}

function resolveCertifications(list: string[] | undefined, path = 'body.certificationsRequired'): string[] {
  if (!list?.length) return [];
  const refs: SkillRef[] = list.map((s) => (/^[a-z]+\.[a-z0-9-]+$/.test(s) ? { code: s } : { name: s }));
  return [...new Set(resolveSkillRefs(refs, path))];
}

/** Who may see a vacancy: its employer and staff roles always; everyone else only while open. */
function canSee(actor: Actor, v: VacancyRecord, now: Date): boolean {
  if (actor.role === 'admin' || actor.role === 'officer') return true;
  if (actor.role === 'employer') return actor.employerId === v.employerId;
  return isOpen(v, now);
}

/** Open, and not past its closing time. */
export function isOpen(v: Pick<VacancyRecord, 'status' | 'closesAt'>, now: Date): boolean {
  return v.status === 'open' && (!v.closesAt || v.closesAt >= now);
}

function mayEdit(actor: Actor, v: VacancyRecord): boolean {
  return actor.role === 'admin' || (actor.role === 'employer' && actor.employerId === v.employerId);
}

type FindEmployer = (id: string) => Promise<EmployerRecord | null>;

/** Checks a new vacancy (who posts it, its employer, skills) and builds what is stored; throws 400/404. */
async function prepareNewVacancy(
  actor: Actor,
  input: CreateVacancyInput,
  findEmployer: FindEmployer = (id) => employerRepository.findById(id),
): Promise<{ write: VacancyWrite; employer: EmployerRecord }> {
  let employerId = input.employerId;
  if (actor.role === 'employer') {
    if (employerId && employerId !== actor.employerId) throw errors.notFound('Pemberi kerja', 'Employer');
    employerId = actor.employerId;
  }
  if (!employerId) throw errors.field('body.employerId', 'wajib diisi', 'required');
  const employer = await findEmployer(employerId);
  if (!employer) throw errors.field('body.employerId', 'pemberi kerja tidak dikenal', 'unknown employer');
  const skills = resolveVacancySkills(input.skills);
  const certificationsRequired = resolveCertifications(input.certificationsRequired);
  const write: VacancyWrite = {
    employerId,
    title: input.title,
    kbji: input.kbji,
    sector: input.sector,
    description: input.description,
    skills,
    certificationsRequired,
    location: { ...input.location, regencyKey: regionKey(input.location.regency) },
    radiusKm: input.radiusKm ?? 50,
    openings: input.openings,
    wage: input.wage,
    startDate: input.startDate,
    closesAt: input.closesAt,
    nightShift: input.nightShift ?? false,
    status: input.status ?? 'open',
    externalRef: input.externalRef,
    createdBy: actor.userId,
  };
  return { write, employer };
}

/** Employers post for themselves; admins for any employer. */
export async function createVacancy(
  actor: Actor,
  input: CreateVacancyInput,
  ctx: Pick<RequestContext, 'now'>,
  hooks: VacancyWriteHooks = {},
): Promise<VacancyView> {
  const { write, employer } = await prepareNewVacancy(actor, input);
  const { vacancy, outboxIds } = await withTransaction(async (session) => {
    const vacancy = await vacancyRepository.create(write, session);
    const outboxIds = (await hooks.afterWrite?.(vacancy, session)) ?? [];
    return { vacancy, outboxIds };
  });
  await hooks.afterCommit?.(outboxIds);
  void ctx;
  return presentVacancy(vacancy, employer);
}

/** The 409 of a row whose employer already has a vacancy with the same external reference. */
function duplicateExternalRef(): AppError {
  return errors.conflict(
    'Referensi eksternal ini sudah dipakai pemberi kerja yang sama',
    'This external reference is already used by the same employer',
    [{ path: 'body.externalRef', code: 'duplicate', message: 'sudah dipakai', messageEn: 'already in use' }],
  );
}

export interface BulkCreateVacanciesResult {
  created: { index: number; id: string }[];
  failed: { index: number; error: AppError }[];
}

/**
 * Creates many vacancies through the same checks as createVacancy, writing each chunk in one
 * transaction (vacancies and one batch-index job). Used by imports and the benchmark; a chunk with a
 * duplicate (employer + external reference) falls back to one-by-one creation so good rows still land.
 */
export async function bulkCreateVacancies(
  actor: Actor,
  inputs: CreateVacancyInput[],
  ctx: Pick<RequestContext, 'now'>,
  hooks: VacancyWriteHooks = {},
  chunkSize = 1000,
): Promise<BulkCreateVacanciesResult> {
  const result: BulkCreateVacanciesResult = { created: [], failed: [] };
  // Employers repeat across rows; look each up once per bulk call.
  const employerCache = new Map<string, Promise<EmployerRecord | null>>();
  const cachedEmployer: FindEmployer = (id) => {
    let p = employerCache.get(id);
    if (!p) {
      p = employerRepository.findById(id);
      p.catch(() => undefined);
      employerCache.set(id, p);
    }
    return p;
  };
  for (let start = 0; start < inputs.length; start += chunkSize) {
    const chunk = inputs.slice(start, start + chunkSize);
    const prepared: { index: number; write: VacancyWrite }[] = [];
    for (const [i, input] of chunk.entries()) {
      try {
        prepared.push({
          index: start + i,
          write: (await prepareNewVacancy(actor, input, cachedEmployer)).write,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.failed.push({ index: start + i, error: err });
      }
    }
    if (prepared.length === 0) continue;
    try {
      const { created, outboxIds } = await withTransaction(async (session) => {
        const created = await vacancyRepository.createMany(
          prepared.map((p) => p.write),
          session,
        );
        const outboxIds =
          (await hooks.afterBulkWrite?.(
            created.map((v) => v.id),
            session,
          )) ?? [];
        return { created, outboxIds };
      });
      await hooks.afterCommit?.(outboxIds);
      for (const [i, v] of created.entries()) result.created.push({ index: prepared[i]!.index, id: v.id });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      // Row by row; the rows that land are indexed by one batch job, as the chunk would have been.
      const rowHooks = hooks.afterBulkWrite
        ? { ...hooks, afterWrite: undefined, afterCommit: undefined }
        : hooks;
      const landed: string[] = [];
      for (const p of prepared) {
        try {
          const one = await createVacancy(actor, chunk[p.index - start]!, ctx, rowHooks);
          result.created.push({ index: p.index, id: one.id });
          landed.push(one.id);
        } catch (e) {
          if ((e as { code?: number }).code === 11000) {
            result.failed.push({ index: p.index, error: duplicateExternalRef() });
            continue;
          }
          if (!(e instanceof AppError)) throw e;
          result.failed.push({ index: p.index, error: e });
        }
      }
      if (landed.length && hooks.afterBulkWrite) {
        const bulkWrite = hooks.afterBulkWrite;
        const outboxIds = await withTransaction((session) => bulkWrite(landed, session));
        await hooks.afterCommit?.(outboxIds);
      }
    }
  }
  result.created.sort((a, b) => a.index - b.index);
  result.failed.sort((a, b) => a.index - b.index);
  return result;
}

export async function getVacancy(actor: Actor, id: string, now: Date): Promise<VacancyView> {
  const v = await vacancyRepository.findById(id);
  if (!v || !canSee(actor, v, now)) throw notFound();
  return presentVacancy(v, (await employerRepository.findById(v.employerId)) ?? undefined);
}

export async function listVacancies(
  actor: Actor,
  query: {
    status?: VacancyRecord['status'];
    regency?: string;
    q?: string;
    employerId?: string;
    page: number;
    limit: number;
  },
  now: Date,
): Promise<Page<VacancyView>> {
  const filter: VacancyFilter = {
    status: query.status,
    regencyKey: query.regency ? regionKey(query.regency) : undefined,
    q: query.q,
    employerId: query.employerId,
  };
  if (actor.role === 'employer') {
    filter.employerId = actor.employerId ?? '000000000000000000000000';
    if (query.employerId && query.employerId !== actor.employerId)
      return { items: [], total: 0, page: query.page, limit: query.limit };
  } else if (actor.role !== 'admin' && actor.role !== 'officer') {
    if (query.status && query.status !== 'open')
      return { items: [], total: 0, page: query.page, limit: query.limit };
    filter.openAt = now;
  }
  const { items, total } = await vacancyRepository.list(filter, (query.page - 1) * query.limit, query.limit);
  const employers = new Map(
    (await employerRepository.findByIds([...new Set(items.map((v) => v.employerId))])).map((e) => [e.id, e]),
  );
  return {
    items: items.map((v) => presentVacancy(v, employers.get(v.employerId))),
    total,
    page: query.page,
    limit: query.limit,
  };
}

/** Partial update; skills replace the list. Concurrent edits are detected by version and retried once. */
export async function updateVacancy(
  actor: Actor,
  id: string,
  patch: PatchVacancyInput,
  ctx: Pick<RequestContext, 'now'>,
  hooks: VacancyWriteHooks = {},
): Promise<VacancyView> {
  const set: Partial<VacancyWrite> = {};
  if (patch.skills) set.skills = resolveVacancySkills(patch.skills);
  if (patch.certificationsRequired)
    set.certificationsRequired = resolveCertifications(patch.certificationsRequired);
  for (const key of [
    'title',
    'kbji',
    'sector',
    'description',
    'radiusKm',
    'openings',
    'wage',
    'startDate',
    'nightShift',
    'status',
    'externalRef',
  ] as const) {
    if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
  }
  if (patch.closesAt !== undefined) set.closesAt = patch.closesAt ?? undefined;
  if (patch.location) set.location = { ...patch.location, regencyKey: regionKey(patch.location.regency) };

  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await vacancyRepository.findById(id);
    if (!current || !mayEdit(actor, current)) throw notFound();
    if (patch.status === 'open' && (set.openings ?? current.openings) === 0) {
      throw errors.field(
        'body.openings',
        'lowongan terbuka butuh minimal 1 posisi',
        'an open vacancy needs at least one opening',
      );
    }
    const result = await withTransaction(async (session) => {
      const vacancy = await vacancyRepository.update(id, set, current.version, session);
      if (!vacancy) return null;
      const outboxIds = (await hooks.afterWrite?.(vacancy, session)) ?? [];
      return { vacancy, outboxIds };
    });
    if (result) {
      await hooks.afterCommit?.(result.outboxIds);
      void ctx;
      return presentVacancy(
        result.vacancy,
        (await employerRepository.findById(result.vacancy.employerId)) ?? undefined,
      );
    }
  }
  throw new AppError({
    code: 'conflict',
    status: 409,
    message: 'Lowongan sedang diubah orang lain; muat ulang dan coba lagi',
    messageEn: 'The vacancy was changed concurrently; reload and retry',
  });
}
