// The officer's placement pipeline as a read model: the same scope as listPlacements (an officer sees
// the placements of their own Bapas, an admin all of them), plus the filters the pipeline screen needs
// ("overdue", "my clients only") that the API list does not offer. Reads only; every change still goes
// through transitionPlacement.

import type { Actor } from '../../auth/actor.js';
import { candidateRepository } from '../../candidates/repository.js';
import type { CandidateRecord } from '../../candidates/types.js';
import { employerRepository } from '../../employers/repository.js';
import {
  type PlacementFilter,
  type PlacementRecord,
  placementRepository,
} from '../../placements/repository.js';
import type { presentPlacement } from '../../placements/service.js';
import { isActive, PLACEMENT_STATES, type PlacementState, RETENTION_DAYS } from '../../placements/states.js';
import { vacancyRepository } from '../../vacancies/repository.js';

const DAY = 86_400_000;
/** An active placement before hiring with no step for this many days is overdue. */
export const STALE_DAYS = 14;
/** How many placements one pipeline query reads at most (a Bapas's live pipeline is far smaller). */
const MAX_LOADED = 10_000;

export const PRE_HIRE_STATES: readonly PlacementState[] = [
  'employer_interest',
  'proposed',
  'candidate_consented',
  'introduced',
  'interviewing',
  'offered',
];

/** The placement as officers and admins see it (timeline with internal notes, check-ins). */
export type StaffPlacementView = Extract<ReturnType<typeof presentPlacement>, { closedReason: unknown }>;

/** True for the officer/admin presentation of a placement. */
export function isStaffView(v: ReturnType<typeof presentPlacement>): v is StaffPlacementView {
  return 'closedReason' in v && 'hiredAt' in v;
}

/** When the placement last moved: its newest timeline step (or its creation). */
export function lastStepAt(p: Pick<PlacementRecord, 'timeline' | 'createdAt'>): Date {
  const times = p.timeline.map((e) => e.at.getTime());
  return new Date(times.length ? Math.max(...times) : p.createdAt.getTime());
}

export interface CheckinStatus {
  days: 30 | 90 | 180;
  state: PlacementState;
  dueAt: Date;
  /** When the retention step was recorded, if it was. */
  recordedAt?: Date;
  status: 'recorded' | 'due' | 'upcoming' | 'not_applicable';
}

/**
 * The 30/90/180-day retention check-ins of a hire: due dates from the start day, recorded when the
 * timeline reached that retention step. Empty before hiring.
 */
export function retentionCheckins(
  p: Pick<PlacementRecord, 'hiredAt' | 'timeline' | 'state' | 'closedAt'>,
  now: Date,
): CheckinStatus[] {
  if (!p.hiredAt) return [];
  const hiredAt = p.hiredAt;
  return (['retained_30', 'retained_90', 'retained_180'] as const).map((state) => {
    const days = RETENTION_DAYS[state] as 30 | 90 | 180;
    const dueAt = new Date(hiredAt.getTime() + days * DAY);
    const recordedAt = p.timeline.find((e) => e.to === state)?.at;
    let status: CheckinStatus['status'];
    if (recordedAt) status = 'recorded';
    else if (!isActive(p.state) || (p.closedAt && p.closedAt < dueAt)) status = 'not_applicable';
    else status = dueAt.getTime() <= now.getTime() ? 'due' : 'upcoming';
    return { days, state, dueAt, recordedAt, status };
  });
}

/** Why a placement needs attention: stalled before hiring, or a retention check-in due and not recorded. */
export function overdueReason(
  p: Pick<PlacementRecord, 'state' | 'timeline' | 'createdAt' | 'hiredAt' | 'closedAt'>,
  now: Date,
): 'stale' | 'checkin' | null {
  if (PRE_HIRE_STATES.includes(p.state)) {
    return now.getTime() - lastStepAt(p).getTime() > STALE_DAYS * DAY ? 'stale' : null;
  }
  return retentionCheckins(p, now).some((c) => c.status === 'due') ? 'checkin' : null;
}

export interface PipelineQuery {
  /** A state; 'active' for every live placement (the default); 'all' including closed ones. */
  stage: PlacementState | 'active' | 'all';
  overdue: boolean;
  /** Only placements of clients whose supervising officer is the actor. */
  mine: boolean;
  sort: 'recent' | 'oldest';
  page: number;
  limit: number;
}

export interface PipelineRow {
  id: string;
  state: PlacementState;
  candidateId: string;
  candidateName: string;
  registrationNumber: string;
  vacancyTitle: string;
  employerName: string;
  lastStepAt: Date;
  overdue: 'stale' | 'checkin' | null;
}

/** One page of the pipeline in the actor's scope, with counts; newest step first unless asked otherwise. */
export async function pipelinePage(
  actor: Actor,
  q: PipelineQuery,
  now: Date,
): Promise<{ items: PipelineRow[]; total: number }> {
  const filter: PlacementFilter = {};
  if (actor.role === 'officer') {
    if (!actor.facilityId) return { items: [], total: 0 };
    filter.bapasId = actor.facilityId;
  } else if (actor.role !== 'admin') {
    return { items: [], total: 0 };
  }
  if (q.stage === 'active') filter.states = PLACEMENT_STATES.filter(isActive);
  else if (q.stage !== 'all') filter.state = q.stage;

  let placements = await placementRepository.findMany(filter, MAX_LOADED);
  if (q.overdue) placements = placements.filter((p) => overdueReason(p, now) !== null);
  const candidates = new Map<string, CandidateRecord>();
  const loadCandidates = async (ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !candidates.has(id));
    for (const c of await candidateRepository.findByIds(missing)) candidates.set(c.id, c);
  };
  if (q.mine) {
    await loadCandidates(placements.map((p) => p.candidateId));
    placements = placements.filter((p) => candidates.get(p.candidateId)?.officerId === actor.userId);
  }
  const withStep = placements.map((p) => ({ p, at: lastStepAt(p) }));
  withStep.sort((a, b) =>
    q.sort === 'oldest'
      ? a.at.getTime() - b.at.getTime() || a.p.id.localeCompare(b.p.id)
      : b.at.getTime() - a.at.getTime() || b.p.id.localeCompare(a.p.id),
  );
  const slice = withStep.slice((q.page - 1) * q.limit, q.page * q.limit);
  await loadCandidates(slice.map(({ p }) => p.candidateId));
  const vacancies = new Map(
    (await vacancyRepository.findByIds([...new Set(slice.map(({ p }) => p.vacancyId))])).map((v) => [
      v.id,
      v,
    ]),
  );
  const employers = new Map(
    (await employerRepository.findByIds([...new Set(slice.map(({ p }) => p.employerId))])).map((e) => [
      e.id,
      e,
    ]),
  );
  return {
    total: withStep.length,
    items: slice.map(({ p, at }) => {
      const c = candidates.get(p.candidateId);
      return {
        id: p.id,
        state: p.state,
        candidateId: p.candidateId,
        candidateName: c?.fullName ?? '—',
        registrationNumber: c?.registrationNumber ?? '',
        vacancyTitle: vacancies.get(p.vacancyId)?.title ?? '—',
        employerName: employers.get(p.employerId)?.name ?? '—',
        lastStepAt: at,
        overdue: overdueReason(p, now),
      };
    }),
  };
}
