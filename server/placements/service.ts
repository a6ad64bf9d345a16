import { recordAudit } from '../audit/service.js';
import type { Actor, RequestContext } from '../auth/actor.js';
import { maySupervise } from '../candidates/policy.js';
import { anonymise, isVisibleToEmployers } from '../candidates/projection.js';
import { candidateRepository } from '../candidates/repository.js';
import type { CandidateHooks } from '../candidates/service.js';
import type { CandidateRecord } from '../candidates/types.js';
import { employerRepository } from '../employers/repository.js';
import { AppError, errors } from '../http/errors.js';
import { type DbSession, withTransaction } from '../infra/mongo.js';
import { jobId } from '../infra/queue.js';
import { violations } from '../matching/rules.js';
import { notificationRepository } from '../notifications/repository.js';
import { outboxJob, recordJobs } from '../outbox/service.js';
import type { Page } from '../shared/schemas.js';
import { isoDay } from '../shared/schemas.js';
import { presentVacancy } from '../vacancies/presenter.js';
import { type VacancyRecord, vacancyRepository } from '../vacancies/repository.js';
import type { VacancyWriteHooks } from '../vacancies/service.js';
import { isOpen } from '../vacancies/service.js';
import {
  type PlacementFilter,
  type PlacementRecord,
  placementRepository,
  type TimelineEvent,
} from './repository.js';
import {
  CLOSING_STATES,
  DISCLOSED_STATES,
  EMPLOYED_STATES,
  isActive,
  movesFrom,
  type PlacementState,
  RETENTION_DAYS,
} from './states.js';

export interface PlacementHooks {
  candidates: CandidateHooks;
  vacancies: VacancyWriteHooks;
  afterCommit: (outboxIds: string[]) => Promise<void>;
}

type Ctx = Pick<RequestContext, 'now'> & Partial<RequestContext>;
type Who = 'admin' | 'officer' | 'employer' | 'self' | 'staff';

const notFound = () => errors.notFound('Penempatan', 'Placement');
const DAY = 86_400_000;

/** The actor's relation to a placement, or null when they may not see it (404). */
async function relation(
  actor: Actor,
  p: Pick<PlacementRecord, 'bapasId' | 'employerId' | 'candidateId' | 'facilityId'>,
): Promise<Who | null> {
  switch (actor.role) {
    case 'admin':
      return 'admin';
    case 'officer':
      return p.bapasId && p.bapasId === actor.facilityId ? 'officer' : null;
    case 'employer':
      return actor.employerId === p.employerId ? 'employer' : null;
    case 'candidate':
      return actor.candidateId === p.candidateId ? 'self' : null;
    case 'facility_staff':
      return p.facilityId && p.facilityId === actor.facilityId ? 'staff' : null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------- create

async function findCandidateFor(actor: Actor, ref: string): Promise<CandidateRecord | null> {
  if (actor.role === 'employer') {
    // Employers only ever see public ids; a database id from them is treated as unknown.
    return /^BK-/i.test(ref) ? candidateRepository.findByPublicId(ref.toUpperCase()) : null;
  }
  return /^BK-/i.test(ref)
    ? candidateRepository.findByPublicId(ref.toUpperCase())
    : candidateRepository.findById(ref);
}

/** Legal limits that no placement may break (parole region, curfew, excluded sectors). */
function legalLimits(c: CandidateRecord, v: VacancyRecord, now: Date) {
  return violations({ candidate: c, vacancy: v, now, employerFacing: false }).filter(
    (x) => x === 'parole_region' || x === 'curfew_night_shift' || x === 'excluded_sector',
  );
}

/**
 * Starts a placement: the person's officer proposes one (`proposed`), the vacancy's employer
 * expresses interest in an anonymised person (`employer_interest`, for the officer to accept or
 * decline), or a released person says "Saya tertarik" about an open vacancy (`proposed` and their own
 * consent in the same write, so it waits for the officer's decision on the introduction). Parole
 * limits and sector exclusions are enforced; an employer is never told why.
 */
export async function createPlacement(
  actor: Actor,
  input: { candidateId: string; vacancyId: string; note?: string },
  ctx: Ctx,
): Promise<ReturnType<typeof presentPlacement>> {
  const c = await findCandidateFor(actor, input.candidateId);
  const v = await vacancyRepository.findById(input.vacancyId);
  let origin: PlacementRecord['origin'];
  if (actor.role === 'candidate') {
    // A person acts only for themselves; anyone else's profile is simply not found.
    if (!c || !actor.candidateId || c.id !== actor.candidateId) throw errors.notFound('Profil', 'Profile');
    if (!v || !isOpen(v, ctx.now)) throw errors.notFound('Lowongan', 'Vacancy');
    const limits = legalLimits(c, v, ctx.now);
    if (limits.length) {
      throw errors.conflict(
        'Lowongan ini tidak sesuai dengan ketentuan pembebasan Anda; bicarakan dengan petugas Anda',
        'This vacancy does not fit the conditions of your release; talk to your officer',
      );
    }
    origin = 'candidate';
  } else if (actor.role === 'employer') {
    if (!v || v.employerId !== actor.employerId) throw errors.notFound('Lowongan', 'Vacancy');
    if (!c || !isVisibleToEmployers(c, ctx.now) || legalLimits(c, v, ctx.now).length)
      throw errors.notFound('Kandidat', 'Candidate');
    origin = 'employer';
  } else {
    if (!c || !(actor.role === 'admin' || (actor.role === 'officer' && maySupervise(actor, c))))
      throw errors.notFound('Profil', 'Profile');
    if (!v) throw errors.notFound('Lowongan', 'Vacancy');
    const limits = legalLimits(c, v, ctx.now);
    if (limits.length) {
      throw errors.conflict(
        `Lowongan ini melanggar ketentuan pembebasan bersyarat orang ini: ${limits.join(', ')}`,
        `This vacancy breaks the person's release conditions: ${limits.join(', ')}`,
        limits.map((l) => ({
          path: 'body.vacancyId',
          code: l,
          message: 'melanggar ketentuan',
          messageEn: 'breaks a condition',
        })),
      );
    }
    origin = 'officer';
  }
  if (!isOpen(v, ctx.now)) throw errors.conflict('Lowongan sudah ditutup', 'The vacancy is closed');
  if (c.status === 'placed' || c.status === 'withdrawn') {
    throw errors.conflict(`Status orang ini ${c.status}`, `The person's status is ${c.status}`);
  }
  const first: PlacementState = origin === 'employer' ? 'employer_interest' : 'proposed';
  const timeline: TimelineEvent[] = [
    { at: ctx.now, by: actor.userId, role: actor.role, to: first, note: input.note },
  ];
  // The person's own interest is their consent to this introduction; the officer decides next.
  const state: PlacementState = origin === 'candidate' ? 'candidate_consented' : first;
  if (state !== first)
    timeline.push({ at: ctx.now, by: actor.userId, role: actor.role, from: first, to: state });
  try {
    const created = await placementRepository.create({
      candidateId: c.id,
      vacancyId: v.id,
      employerId: v.employerId,
      bapasId: c.bapasId,
      facilityId: c.facilityId,
      origin,
      state,
      timeline,
    });
    return presentPlacement(created, (await relation(actor, created)) ?? 'admin', {
      candidate: c,
      vacancy: v,
      now: ctx.now,
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw errors.conflict(
        'Sudah ada penempatan aktif untuk orang dan lowongan ini',
        'There is already an active placement for this person and vacancy',
      );
    }
    throw err;
  }
}

// ---------------------------------------------------------------- transitions

function illegal(from: PlacementState, to: PlacementState, allowed: PlacementState[]): AppError {
  return new AppError({
    code: 'illegal_transition',
    status: 409,
    message: `Tidak bisa dari ${from} ke ${to}. Langkah yang boleh: ${allowed.join(', ') || '(tidak ada)'}`,
    messageEn: `Cannot go from ${from} to ${to}. Allowed: ${allowed.join(', ') || '(none)'}`,
    details: [
      {
        path: 'body.to',
        code: 'illegal_transition',
        message: 'langkah tidak sah',
        messageEn: 'illegal move',
        allowed,
      },
    ],
  });
}

/** The steps this actor may take now (for forms and 409 answers). */
export function allowedMoves(state: PlacementState, who: Who): PlacementState[] {
  return movesFrom(state)
    .filter((m) => m.by.includes(who === 'staff' ? ('__none__' as never) : who))
    .map((m) => m.to);
}

/**
 * Moves a placement one step. Illegal moves answer 409 naming the allowed ones; a legal move by the
 * wrong party answers 403. Every step is a timeline event. `introduced` discloses the person's name
 * and contact to that employer only, and is audited; `hired` places the person, takes an opening off
 * the vacancy (filled at zero) and schedules the 30/90/180-day check-ins.
 */
export async function transitionPlacement(
  actor: Actor,
  id: string,
  input: { to: PlacementState; note?: string; reason?: string; at?: Date; internal?: boolean },
  ctx: Ctx,
  hooks: PlacementHooks,
  opts: { allowFuture: boolean },
): Promise<ReturnType<typeof presentPlacement>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = await placementRepository.findById(id);
    const who = p ? await relation(actor, p) : null;
    if (!p || !who) throw notFound();
    const legal = movesFrom(p.state);
    const move = legal.find((m) => m.to === input.to);
    if (!move) throw illegal(p.state, input.to, allowedMoves(p.state, who));
    if (who === 'staff' || !move.by.includes(who)) {
      throw new AppError({
        code: 'forbidden',
        status: 403,
        message: `Langkah ${input.to} bukan wewenang Anda`,
        messageEn: `You may not move this placement to ${input.to}`,
        details: [
          {
            path: 'body.to',
            code: 'forbidden',
            message: 'bukan wewenang Anda',
            messageEn: 'not yours to take',
            allowed: allowedMoves(p.state, who),
          },
        ],
      });
    }
    const at = input.at ?? ctx.now;
    const last = p.timeline[p.timeline.length - 1]?.at;
    if (!opts.allowFuture && at.getTime() > ctx.now.getTime() + 60_000) {
      throw errors.field('body.at', 'tidak boleh di masa depan', 'must not be in the future');
    }
    if (last && at.getTime() < last.getTime()) {
      throw errors.field('body.at', 'sebelum langkah sebelumnya', 'before the previous step');
    }
    const closing = (CLOSING_STATES as readonly string[]).includes(input.to);
    const reason = input.reason ?? (closing ? input.note : undefined);
    if (closing && !reason) throw errors.field('body.reason', 'alasan wajib diisi', 'a reason is required');
    if (input.to === 'candidate_consented' && who !== 'self' && !input.note) {
      throw errors.field(
        'body.note',
        'catat bagaimana persetujuan diberikan',
        'record how the person gave consent',
      );
    }
    const retentionDays = RETENTION_DAYS[input.to];
    if (retentionDays && p.hiredAt && at.getTime() < p.hiredAt.getTime() + retentionDays * DAY) {
      throw errors.conflict(
        `Belum ${retentionDays} hari sejak mulai bekerja (${isoDay(p.hiredAt)})`,
        `Not yet ${retentionDays} days since the start (${isoDay(p.hiredAt)})`,
      );
    }
    const c = await candidateRepository.findById(p.candidateId);
    const v = await vacancyRepository.findById(p.vacancyId);
    if (!c || !v)
      throw errors.conflict(
        'Profil atau lowongan tidak ada lagi',
        'The profile or the vacancy no longer exists',
      );
    if (input.to === 'introduced' && !c.consent.shareWithEmployers) {
      throw errors.conflict(
        'Orang ini tidak lagi setuju datanya dibagikan',
        'The person no longer consents to sharing',
      );
    }
    if (input.to === 'hired' && c.status === 'placed') {
      throw errors.conflict(
        'Orang ini sudah bekerja di tempat lain',
        'The person is already placed elsewhere',
      );
    }

    const event: TimelineEvent = {
      at,
      by: actor.userId,
      role: actor.role,
      from: p.state,
      to: input.to,
      note: input.note,
      reason,
      internal: input.internal && (who === 'officer' || who === 'admin') ? true : undefined,
    };
    const set: Parameters<typeof placementRepository.transition>[3] = {};
    if (input.to === 'introduced') set.introducedAt = at;
    if (input.to === 'hired') set.hiredAt = at;
    if (closing) Object.assign(set, { closedAt: at, closedReason: reason });

    const result = await withTransaction(async (session) => {
      const updated = await placementRepository.transition(id, p.version, event, set, session);
      if (!updated) return null;
      const outboxIds = await applyEffects(actor, updated, c, v, ctx, hooks, session);
      return { updated, outboxIds };
    });
    if (result) {
      await hooks.afterCommit(result.outboxIds);
      const view = presentPlacement(result.updated, who, { candidate: c, vacancy: v, now: ctx.now });
      await auditIdentityRead(actor, result.updated, view, ctx);
      return view;
    }
  }
  throw errors.conflict(
    'Penempatan sedang diubah orang lain; coba lagi',
    'The placement was changed concurrently; retry',
  );
}

/** What a step does beyond the placement itself, in the same transaction. */
async function applyEffects(
  actor: Actor,
  p: PlacementRecord,
  c: CandidateRecord,
  v: VacancyRecord,
  ctx: Ctx,
  hooks: PlacementHooks,
  session: DbSession,
): Promise<string[]> {
  const outbox: string[] = [];
  if (p.state === 'introduced') {
    await recordAudit(actor, c.id, 'disclose_identity', ctx, {
      session,
      detail: `employer ${p.employerId}, placement ${p.id}`,
    });
  }
  if (p.state === 'hired') {
    const placed = await candidateRepository.update(
      c.id,
      c.version,
      { status: 'placed' },
      [
        {
          at: p.hiredAt ?? ctx.now,
          by: actor.userId,
          role: actor.role,
          field: 'status',
          from: c.status,
          to: 'placed',
        },
      ],
      session,
    );
    if (!placed)
      throw errors.conflict('Profil berubah bersamaan; coba lagi', 'The profile changed concurrently; retry');
    outbox.push(...((await hooks.candidates.afterWrite?.(placed, 'update', session)) ?? []));
    const openings = Math.max(0, v.openings - 1);
    const vacancy = await vacancyRepository.update(
      v.id,
      { openings, ...(openings === 0 ? { status: 'filled' as const } : {}) },
      v.version,
      session,
    );
    if (!vacancy)
      throw errors.conflict(
        'Lowongan berubah bersamaan; coba lagi',
        'The vacancy changed concurrently; retry',
      );
    outbox.push(...((await hooks.vacancies.afterWrite?.(vacancy, session)) ?? []));
    outbox.push(
      ...(await recordJobs(
        [outboxJob('placements.scheduleCheckins', { placementId: p.id }, jobId('checkins', p.id))],
        session,
      )),
    );
    // The person took this job: other live placements of theirs close.
    for (const other of await placementRepository.findMany({ candidateId: c.id })) {
      if (
        other.id === p.id ||
        !isActive(other.state) ||
        (EMPLOYED_STATES as readonly string[]).includes(other.state)
      )
        continue;
      await placementRepository.transition(
        other.id,
        other.version,
        {
          at: p.hiredAt ?? ctx.now,
          by: actor.userId,
          role: 'system',
          from: other.state,
          to: 'withdrawn',
          reason: 'diterima bekerja di tempat lain (hired elsewhere)',
        },
        { closedAt: p.hiredAt ?? ctx.now, closedReason: 'hired elsewhere' },
        session,
      );
    }
  }
  if (p.state === 'ended') {
    // The job ended: the person looks for work again, unless another job of theirs is still running.
    const others = await placementRepository.findMany({ candidateId: c.id, states: [...EMPLOYED_STATES] });
    if (!others.some((o) => o.id !== p.id) && c.status === 'placed') {
      const back = await candidateRepository.update(
        c.id,
        c.version,
        { status: 'released' },
        [
          {
            at: p.closedAt ?? ctx.now,
            by: actor.userId,
            role: actor.role,
            field: 'status',
            from: 'placed',
            to: 'released',
          },
        ],
        session,
      );
      if (back) outbox.push(...((await hooks.candidates.afterWrite?.(back, 'update', session)) ?? []));
    }
    await notificationRepository.cancelForPlacement(p.id, 'pekerjaan berakhir (employment ended)', session);
  }
  return outbox;
}

// ---------------------------------------------------------------- read

/** A placement as its viewer may see it. */
export function presentPlacement(
  p: PlacementRecord,
  who: Who,
  extra: {
    candidate?: CandidateRecord | null;
    vacancy?: VacancyRecord | null;
    now: Date;
    checkins?: unknown[];
  },
) {
  const disclosed =
    (DISCLOSED_STATES as readonly string[]).includes(p.state) ||
    (p.closedAt !== undefined && p.introducedAt !== undefined);
  const base = {
    id: p.id,
    vacancyId: p.vacancyId,
    employerId: p.employerId,
    origin: p.origin,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    vacancy: extra.vacancy ? presentVacancy(extra.vacancy) : undefined,
  };
  if (who === 'self') {
    const closed = !isActive(p.state) && p.state !== 'retained_180';
    return {
      ...base,
      candidateId: p.candidateId,
      // Internal notes and rejections never reach the person: a closed placement is just closed.
      state: closed ? ('closed' as const) : p.state,
      timeline: p.timeline
        .filter((e) => !(CLOSING_STATES as readonly string[]).includes(e.to))
        .map((e) => ({ at: e.at.toISOString(), to: e.to })),
      allowedMoves: allowedMoves(p.state, who),
    };
  }
  if (who === 'employer') {
    const c = extra.candidate;
    return {
      ...base,
      state: p.state,
      // Before the introduction the employer sees only people employers may see: someone who has since
      // revoked consent or been withdrawn vanishes from the placement too.
      candidate:
        c && (disclosed || isVisibleToEmployers(c, extra.now))
          ? anonymise(c, extra.now, new Map())
          : undefined,
      // Name and contact only from the introduction on, only for this employer.
      identity:
        disclosed && c && p.introducedAt
          ? { fullName: c.fullName, contact: { email: c.contact.email, phone: c.contact.phone } }
          : undefined,
      timeline: p.timeline.map((e) => ({
        at: e.at.toISOString(),
        from: e.from,
        to: e.to,
        ...(e.role === 'employer' ? { note: e.note } : {}),
      })),
      employerFeedback: p.employerFeedback,
      allowedMoves: allowedMoves(p.state, who),
    };
  }
  const c = extra.candidate;
  return {
    ...base,
    state: p.state,
    candidateId: p.candidateId,
    candidate: c
      ? {
          id: c.id,
          publicId: c.publicId,
          fullName: c.fullName,
          registrationNumber: c.registrationNumber,
          status: c.status,
          bapasId: c.bapasId,
        }
      : undefined,
    bapasId: p.bapasId,
    timeline: p.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
    introducedAt: p.introducedAt?.toISOString(),
    hiredAt: p.hiredAt?.toISOString(),
    closedAt: p.closedAt?.toISOString(),
    closedReason: p.closedReason,
    employerFeedback: p.employerFeedback,
    checkins: extra.checkins,
    allowedMoves: allowedMoves(p.state, who),
  };
}

async function checkinsOf(p: PlacementRecord) {
  const entries = await notificationRepository.byPlacement(p.id);
  return entries.map((n) => ({
    milestone: n.milestone,
    kind: n.kind,
    dueAt: n.dueAt?.toISOString(),
    status: n.status,
    recipient: n.email,
  }));
}

/**
 * Every answer that shows an employer the person's name and contact is an audited disclosure: the
 * single read, the list, the answer to the employer's own step and to their feedback alike.
 */
async function auditIdentityRead(
  actor: Actor,
  p: Pick<PlacementRecord, 'id' | 'candidateId' | 'employerId'>,
  view: ReturnType<typeof presentPlacement>,
  ctx: Ctx,
): Promise<void> {
  if (actor.role !== 'employer' || !('identity' in view) || !view.identity) return;
  await recordAudit(actor, p.candidateId, 'disclose_identity', ctx, {
    detail: `read by employer ${p.employerId}, placement ${p.id}`,
  });
}

export async function getPlacement(actor: Actor, id: string, ctx: Ctx) {
  const p = await placementRepository.findById(id);
  const who = p ? await relation(actor, p) : null;
  if (!p || !who) throw notFound();
  const [c, v] = await Promise.all([
    candidateRepository.findById(p.candidateId),
    vacancyRepository.findById(p.vacancyId),
  ]);
  const view = presentPlacement(p, who, {
    candidate: c,
    vacancy: v,
    now: ctx.now,
    checkins: who === 'officer' || who === 'admin' || who === 'staff' ? await checkinsOf(p) : undefined,
  });
  await auditIdentityRead(actor, p, view, ctx);
  return view;
}

export async function listPlacements(
  actor: Actor,
  query: { status?: PlacementState; candidateId?: string; vacancyId?: string; page: number; limit: number },
  ctx: Ctx,
): Promise<Page<Record<string, unknown>>> {
  const filter: PlacementFilter = {
    state: query.status,
    candidateId: query.candidateId,
    vacancyId: query.vacancyId,
  };
  const empty = { items: [], total: 0, page: query.page, limit: query.limit };
  let who: Who;
  switch (actor.role) {
    case 'admin':
      who = 'admin';
      break;
    case 'officer':
      if (!actor.facilityId) return empty;
      filter.bapasId = actor.facilityId;
      who = 'officer';
      break;
    case 'employer':
      if (!actor.employerId) return empty;
      filter.employerId = actor.employerId;
      who = 'employer';
      break;
    case 'candidate':
      if (!actor.candidateId) return empty;
      filter.candidateId = actor.candidateId;
      who = 'self';
      break;
    case 'facility_staff':
      if (!actor.facilityId) return empty;
      filter.facilityId = actor.facilityId;
      who = 'staff';
      break;
    default:
      return empty;
  }
  const { items, total } = await placementRepository.list(
    filter,
    (query.page - 1) * query.limit,
    query.limit,
  );
  const candidates = new Map(
    (await candidateRepository.findByIds([...new Set(items.map((p) => p.candidateId))])).map((c) => [
      c.id,
      c,
    ]),
  );
  const vacancies = new Map(
    (await vacancyRepository.findByIds([...new Set(items.map((p) => p.vacancyId))])).map((v) => [v.id, v]),
  );
  const views = items.map((p) =>
    presentPlacement(p, who, {
      candidate: candidates.get(p.candidateId),
      vacancy: vacancies.get(p.vacancyId),
      now: ctx.now,
    }),
  );
  for (const [i, view] of views.entries()) await auditIdentityRead(actor, items[i]!, view, ctx);
  return {
    items: views,
    total,
    page: query.page,
    limit: query.limit,
  };
}

/** The employer's note on an introduced person (interview outcome, impressions). */
export async function setEmployerFeedback(actor: Actor, id: string, feedback: string, ctx: Ctx) {
  const p = await placementRepository.findById(id);
  if (!p || actor.role !== 'employer' || actor.employerId !== p.employerId) throw notFound();
  if (!p.introducedAt)
    throw errors.conflict('Umpan balik setelah perkenalan', 'Feedback comes after the introduction');
  const updated = await placementRepository.setFeedback(id, feedback);
  if (!updated) throw notFound();
  const [c, v] = await Promise.all([
    candidateRepository.findById(p.candidateId),
    vacancyRepository.findById(p.vacancyId),
  ]);
  void employerRepository;
  const view = presentPlacement(updated, 'employer', { candidate: c, vacancy: v, now: ctx.now });
  await auditIdentityRead(actor, updated, view, ctx);
  return view;
}
