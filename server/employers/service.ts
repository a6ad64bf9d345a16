import type { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { AppError, errors } from '../http/errors.js';
import { type DbSession, withTransaction } from '../infra/mongo.js';
import { regionKey } from '../shared/regions.js';
import type { Page } from '../shared/schemas.js';
import { type EmployerRecord, type EmployerWrite, employerRepository } from './repository.js';
import type { CreateEmployerBody, EmployerView, PatchEmployerBody } from './schemas.js';

export function presentEmployer(e: EmployerRecord): EmployerView {
  return {
    id: e.id,
    name: e.name,
    sector: e.sector,
    province: e.province,
    regency: e.regency,
    location: e.location,
    contactEmail: e.contactEmail,
    fairChancePledge: e.fairChancePledge,
    verified: e.verified,
    verifiedAt: e.verifiedAt?.toISOString(),
    createdAt: e.createdAt.toISOString(),
  };
}

const onlyAdminVerifies = () =>
  new AppError({
    code: 'forbidden',
    status: 403,
    message: 'Hanya admin yang dapat memverifikasi pemberi kerja',
    messageEn: 'Only admins verify employers',
    details: [{ path: 'body.verified', code: 'forbidden', message: 'hanya admin', messageEn: 'admins only' }],
  });

/** True when the actor may see this employer record at all. */
function canSee(actor: Actor, employerId: string): boolean {
  if (actor.role === 'admin' || actor.role === 'officer') return true;
  return actor.role === 'employer' && actor.employerId === employerId;
}

/** Admins and officers register employers; only admins may mark them verified. */
export async function createEmployer(
  actor: Actor,
  input: z.output<typeof CreateEmployerBody>,
  now: Date,
): Promise<EmployerView> {
  if (input.verified !== undefined && actor.role !== 'admin') throw onlyAdminVerifies();
  const write: EmployerWrite = {
    ...input,
    verified: input.verified ?? false,
    regencyKey: regionKey(input.regency),
    createdBy: actor.userId,
    ...(input.verified ? { verifiedAt: now, verifiedBy: actor.userId } : {}),
  };
  return presentEmployer(await employerRepository.create(write));
}

export async function getEmployer(actor: Actor, id: string): Promise<EmployerView> {
  const e = canSee(actor, id) ? await employerRepository.findById(id) : null;
  if (!e) throw errors.notFound('Pemberi kerja', 'Employer');
  return presentEmployer(e);
}

export async function listEmployers(
  actor: Actor,
  filter: { regency?: string; sector?: string; verified?: boolean; q?: string; page: number; limit: number },
): Promise<Page<EmployerView>> {
  const ids = actor.role === 'employer' ? [actor.employerId ?? '000000000000000000000000'] : undefined;
  const { items, total } = await employerRepository.list(
    {
      ids,
      regencyKey: filter.regency ? regionKey(filter.regency) : undefined,
      sector: filter.sector,
      verified: filter.verified,
      q: filter.q,
    },
    (filter.page - 1) * filter.limit,
    filter.limit,
  );
  return { items: items.map(presentEmployer), total, page: filter.page, limit: filter.limit };
}

/** Follow-up work of an employer change (its vacancies' search documents show its name and status). */
export interface EmployerHooks {
  afterWrite?: (e: EmployerRecord, session: DbSession) => Promise<string[]>;
  afterCommit?: (outboxIds: string[]) => Promise<void>;
}

/** An employer user edits its own record; admins edit any and alone set `verified`. */
export async function updateEmployer(
  actor: Actor,
  id: string,
  patch: z.output<typeof PatchEmployerBody>,
  now: Date,
  hooks: EmployerHooks = {},
): Promise<EmployerView> {
  const mayEdit = actor.role === 'admin' || (actor.role === 'employer' && actor.employerId === id);
  if (!mayEdit || !(await employerRepository.findById(id)))
    throw errors.notFound('Pemberi kerja', 'Employer');
  if (patch.verified !== undefined && actor.role !== 'admin') throw onlyAdminVerifies();
  const set: EmployerWrite = { ...patch };
  if (patch.regency) set.regencyKey = regionKey(patch.regency);
  if (patch.verified === true) Object.assign(set, { verifiedAt: now, verifiedBy: actor.userId });
  const result = await withTransaction(async (session) => {
    const updated = await employerRepository.update(id, set, session);
    if (!updated) return null;
    return { updated, outboxIds: (await hooks.afterWrite?.(updated, session)) ?? [] };
  });
  if (!result) throw errors.notFound('Pemberi kerja', 'Employer');
  await hooks.afterCommit?.(result.outboxIds);
  return presentEmployer(result.updated);
}
