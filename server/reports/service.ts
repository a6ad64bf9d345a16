// The reports capability: placement outcomes (counts, time to hire, retention) and the skills gap
// between open vacancies and people coming out. Definitions are in docs/reports.md.

import type { Actor, RequestContext } from '../auth/actor.js';
import { requireFacility } from '../facilities/service.js';
import { AppError, type ErrorDetail, errors } from '../http/errors.js';
import { PLACEMENT_STATES, type PlacementState } from '../placements/states.js';
import { isoDay } from '../shared/schemas.js';
import { foldText } from '../shared/text.js';
import { getSkill, listVocations, programmesFor } from '../skills/service.js';
import { type CandidateFacts, type PlacementRow, reportRepository } from './repository.js';

type Ctx = Pick<RequestContext, 'now'>;
export interface Label {
  id: string;
  en: string;
}

const DAY = 86_400_000;
/** The default window ends today and covers 365 calendar days. */
export const DEFAULT_PERIOD_DAYS = 365;
export const RETENTION_MILESTONES = [30, 90, 180] as const;
export type Milestone = (typeof RETENTION_MILESTONES)[number];

export const STATE_LABELS: Record<PlacementState, Label> = {
  employer_interest: { id: 'Minat pemberi kerja', en: 'Employer interest' },
  proposed: { id: 'Diusulkan', en: 'Proposed' },
  candidate_consented: { id: 'Disetujui yang bersangkutan', en: 'Candidate consented' },
  introduced: { id: 'Diperkenalkan', en: 'Introduced' },
  interviewing: { id: 'Wawancara', en: 'Interviewing' },
  offered: { id: 'Ditawari kerja', en: 'Offered' },
  hired: { id: 'Diterima bekerja', en: 'Hired' },
  retained_30: { id: 'Bertahan 30 hari', en: 'Retained 30 days' },
  retained_90: { id: 'Bertahan 90 hari', en: 'Retained 90 days' },
  retained_180: { id: 'Bertahan 180 hari', en: 'Retained 180 days' },
  declined: { id: 'Ditolak', en: 'Declined' },
  withdrawn: { id: 'Ditarik', en: 'Withdrawn' },
  ended: { id: 'Berakhir', en: 'Ended' },
};

/** Breakdown key for placements whose vacancy has no (known) required skill. */
export const NO_VOCATION = { key: '(none)', label: { id: '(tanpa kejuruan)', en: '(no vocation)' } };
/** Breakdown key for people without a passed BLK training. */
export const NO_PROGRAMME = {
  key: '(none)',
  label: { id: '(tanpa pelatihan BLK)', en: '(no BLK training)' },
};

const vocationLabels = new Map(listVocations().map((v) => [v.code, v.label]));

// ---------------------------------------------------------------------------------------------
// Placements report
// ---------------------------------------------------------------------------------------------

export interface Retention {
  /** Hired placements whose N-day check-in was due by the end of the period. */
  eligible: number;
  /** Of those, the ones that reached retained_N or a later retention step. */
  retained: number;
  /** retained / eligible, 3 decimals; null when nobody is eligible. */
  rate: number | null;
}
export type RetentionSet = Record<'d30' | 'd90' | 'd180', Retention>;

export interface BreakdownRow {
  key: string;
  label: Label;
  placements: number;
  /** Placements that reached hired (or beyond). */
  hired: number;
  retention: RetentionSet;
}

export interface PlacementsReport {
  period: { from: string; to: string };
  filters: { bapasId?: string; facilityId?: string; blkId?: string };
  total: number;
  byState: Record<PlacementState, number>;
  hired: number;
  daysReleaseToHire: { median: number | null; n: number };
  retention: RetentionSet;
  byVocation: BreakdownRow[];
  byProgramme: BreakdownRow[];
}

export interface PlacementsReportQuery {
  from?: Date;
  to?: Date;
  facilityId?: string;
  bapasId?: string;
  blkId?: string;
}

/** Midnight UTC of the day holding `d`. */
function utcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function outOfScope(path: string, message: string, messageEn: string): AppError {
  return new AppError({
    code: 'forbidden',
    status: 403,
    message,
    messageEn,
    details: [{ path, code: 'out_of_scope', message, messageEn }],
  });
}

/** The placements the actor may count, narrowed by the query filters; throws 400 / 403. */
async function placementScope(
  actor: Actor,
  q: PlacementsReportQuery,
): Promise<{ bapasId?: string; facilityId?: string; blkId?: string }> {
  // Unknown ids (or ids of the wrong kind of facility) first: 400 naming every bad field.
  const problems: ErrorDetail[] = [];
  const checks: [string | undefined, Parameters<typeof requireFacility>[1], string][] = [
    [q.facilityId, ['lapas', 'rutan', 'lpka'], 'query.facilityId'],
    [q.bapasId, ['bapas'], 'query.bapasId'],
    [q.blkId, ['blk'], 'query.blkId'],
  ];
  for (const [id, kinds, path] of checks) {
    if (id)
      await requireFacility(id, kinds, path).catch((e: AppError) => problems.push(...(e.details ?? [])));
  }
  if (problems.length) throw errors.validation(problems);

  const own = (field: 'bapasId' | 'facilityId' | 'blkId', what: Label) => {
    if (!actor.facilityId) {
      throw errors.forbidden(
        `Akun Anda belum terhubung ke ${what.id}`,
        `Your account is not linked to a ${what.en}`,
      );
    }
    const asked = q[field];
    if (asked && asked !== actor.facilityId) {
      throw outOfScope(`query.${field}`, `Hanya ${what.id} Anda sendiri`, `Only your own ${what.en}`);
    }
    return { ...pick(q), [field]: actor.facilityId };
  };
  switch (actor.role) {
    case 'admin':
      return pick(q);
    case 'officer':
      return own('bapasId', { id: 'Bapas', en: 'Bapas' });
    case 'facility_staff':
      return own('facilityId', { id: 'fasilitas', en: 'facility' });
    case 'trainer':
      return own('blkId', { id: 'BLK', en: 'BLK' });
    default:
      throw errors.forbidden();
  }
}

function pick(q: PlacementsReportQuery): { bapasId?: string; facilityId?: string; blkId?: string } {
  return {
    ...(q.bapasId ? { bapasId: q.bapasId } : {}),
    ...(q.facilityId ? { facilityId: q.facilityId } : {}),
    ...(q.blkId ? { blkId: q.blkId } : {}),
  };
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A share rounded to 3 decimals; null when the denominator is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** Accumulates placements, hires and retention for one report row. */
class Tally {
  placements = 0;
  hired = 0;
  private readonly eligible: Record<Milestone, number> = { 30: 0, 90: 0, 180: 0 };
  private readonly retained: Record<Milestone, number> = { 30: 0, 90: 0, 180: 0 };

  constructor(private readonly cutoffDay: number) {}

  add(p: PlacementRow): void {
    this.placements++;
    if (!p.hiredAt) return;
    this.hired++;
    const hiredDay = utcDay(p.hiredAt);
    for (const n of RETENTION_MILESTONES) {
      if (hiredDay + n * DAY > this.cutoffDay) continue;
      this.eligible[n]++;
      // A later retention step implies the earlier ones (retained_90 counts for 30 and 90).
      if (p.retainedDays >= n) this.retained[n]++;
    }
  }

  retention(): RetentionSet {
    const one = (n: Milestone): Retention => ({
      eligible: this.eligible[n],
      retained: this.retained[n],
      rate: rate(this.retained[n], this.eligible[n]),
    });
    return { d30: one(30), d90: one(90), d180: one(180) };
  }

  row(key: string, label: Label): BreakdownRow {
    return { key, label, placements: this.placements, hired: this.hired, retention: this.retention() };
  }
}

/** Rows by most placements first, then key; the "none" row last. */
function sortedRows(rows: Map<string, { label: Label; tally: Tally }>): BreakdownRow[] {
  return [...rows.entries()]
    .map(([key, r]) => r.tally.row(key, r.label))
    .sort(
      (a, b) =>
        Number(a.key === NO_VOCATION.key) - Number(b.key === NO_VOCATION.key) ||
        b.placements - a.placements ||
        a.key.localeCompare(b.key),
    );
}

/** The passed programmes of a person, once each: key `providerId:folded name`, label "name (BLK)". */
function passedProgrammes(c: CandidateFacts | undefined): { key: string; label: Label }[] {
  const seen = new Map<string, Label>();
  for (const t of c?.passed ?? []) {
    const key = `${t.provider}:${foldText(t.programme)}`;
    if (seen.has(key)) continue;
    const text = t.providerName ? `${t.programme} (${t.providerName})` : t.programme;
    seen.set(key, { id: text, en: text });
  }
  return [...seen.entries()].map(([key, label]) => ({ key, label }));
}

/**
 * Placement outcomes for the caller's scope (officers: their Bapas; facility staff: their facility;
 * trainers: people trained or certified by their BLK; admins: all) over placements created in
 * [from, to]: counts by current state, median days from release to hire, retention at 30/90/180 days,
 * and the same by vocation and by BLK programme. Filters outside the caller's scope answer 403.
 */
export async function placementsReport(
  actor: Actor,
  q: PlacementsReportQuery,
  ctx: Ctx,
): Promise<PlacementsReport> {
  const today = utcDay(ctx.now);
  const toDay = q.to ? utcDay(q.to) : today;
  const fromDay = q.from ? utcDay(q.from) : toDay - (DEFAULT_PERIOD_DAYS - 1) * DAY;
  if (fromDay > toDay) {
    throw errors.field('query.from', 'harus sebelum atau sama dengan to', 'must be on or before to');
  }
  const scope = await placementScope(actor, q);
  const candidateIds = scope.blkId ? await reportRepository.candidateIdsTrainedBy(scope.blkId) : undefined;
  const rows = await reportRepository.placementRows({
    createdFrom: new Date(fromDay),
    createdBefore: new Date(toDay + DAY),
    bapasId: scope.bapasId,
    facilityId: scope.facilityId,
    candidateIds,
  });
  const [people, firstSkills] = await Promise.all([
    reportRepository.candidateFacts([...new Set(rows.map((r) => r.candidateId))]),
    reportRepository.firstRequiredSkills([...new Set(rows.map((r) => r.vacancyId))]),
  ]);

  // A check-in cannot have happened after today, whatever the period says.
  const cutoffDay = Math.min(toDay, today);
  const byState = Object.fromEntries(PLACEMENT_STATES.map((s) => [s, 0])) as Record<PlacementState, number>;
  const overall = new Tally(cutoffDay);
  const byVocation = new Map<string, { label: Label; tally: Tally }>();
  const byProgramme = new Map<string, { label: Label; tally: Tally }>();
  const bucket = (m: typeof byVocation, key: string, label: Label) => {
    let entry = m.get(key);
    if (!entry) {
      entry = { label, tally: new Tally(cutoffDay) };
      m.set(key, entry);
    }
    return entry.tally;
  };
  const daysToHire: number[] = [];

  for (const p of rows) {
    byState[p.state]++;
    overall.add(p);
    const person = people.get(p.candidateId);
    if (p.hiredAt && person?.releasedOn) {
      daysToHire.push((utcDay(p.hiredAt) - utcDay(person.releasedOn)) / DAY);
    }
    const vocation = getSkill(firstSkills.get(p.vacancyId) ?? '')?.vocation;
    const vocationLabel = vocation ? vocationLabels.get(vocation) : undefined;
    if (vocation && vocationLabel) bucket(byVocation, vocation, vocationLabel).add(p);
    else bucket(byVocation, NO_VOCATION.key, NO_VOCATION.label).add(p);
    const programmes = passedProgrammes(person);
    if (programmes.length === 0) bucket(byProgramme, NO_PROGRAMME.key, NO_PROGRAMME.label).add(p);
    for (const g of programmes) bucket(byProgramme, g.key, g.label).add(p);
  }

  return {
    period: { from: isoDay(new Date(fromDay)), to: isoDay(new Date(toDay)) },
    filters: pick(q),
    total: rows.length,
    byState,
    hired: overall.hired,
    daysReleaseToHire: { median: median(daysToHire), n: daysToHire.length },
    retention: overall.retention(),
    byVocation: sortedRows(byVocation),
    byProgramme: sortedRows(byProgramme),
  };
}

// ---------------------------------------------------------------------------------------------
// Skills-gap report
// ---------------------------------------------------------------------------------------------

export interface SkillsGapQuery {
  province?: string;
  regency?: string;
  horizonDays: number;
  all?: boolean;
}

export interface GapProgramme {
  code: string;
  name: Label;
  vocation: string;
  hours: number;
  certificationScheme: string | null;
}

export interface GapRow {
  code: string;
  label: Label;
  vocation: { code: string; label: Label } | null;
  demand: number;
  supply: number;
  gap: number;
  programmes: GapProgramme[];
}

export interface SkillsGapReport {
  asOf: string;
  region: { province: string | null; regency: string | null };
  horizonDays: number;
  releaseWindow: { from: string; to: string };
  totals: { vacancies: number; openings: number; people: number };
  items: GapRow[];
}

/** How many BLK programmes each gap row suggests. */
const PROGRAMMES_PER_GAP = 3;

/**
 * Demand (required skills of open vacancies in the region, weighted by openings) against supply
 * (people of the region released and not placed, or due for release within the horizon, holding the
 * skill), largest gap first, each with up to three BLK programmes that teach the skill. Holds no
 * personal data, so any staff role may ask about any region.
 */
export async function skillsGapReport(actor: Actor, q: SkillsGapQuery, ctx: Ctx): Promise<SkillsGapReport> {
  if (!['admin', 'officer', 'facility_staff', 'trainer'].includes(actor.role)) throw errors.forbidden();
  const today = utcDay(ctx.now);
  const horizonEnd = today + q.horizonDays * DAY;
  const region = { province: q.province, regency: q.regency };
  const [demand, supply] = await Promise.all([
    reportRepository.skillDemand(region, ctx.now),
    reportRepository.skillSupply(region, new Date(today), new Date(horizonEnd)),
  ]);
  const demandBy = new Map(demand.bySkill.map((s) => [s.code, s.count]));
  const supplyBy = new Map(supply.bySkill.map((s) => [s.code, s.count]));
  const codes = q.all ? new Set([...demandBy.keys(), ...supplyBy.keys()]) : new Set(demandBy.keys());

  const items: GapRow[] = [];
  for (const code of codes) {
    const d = demandBy.get(code) ?? 0;
    const s = supplyBy.get(code) ?? 0;
    if (!q.all && d - s <= 0) continue;
    const skill = getSkill(code);
    const vocationLabel = skill ? vocationLabels.get(skill.vocation) : undefined;
    items.push({
      code,
      label: skill ? { id: skill.label.id, en: skill.label.en } : { id: code, en: code },
      vocation: skill && vocationLabel ? { code: skill.vocation, label: vocationLabel } : null,
      demand: d,
      supply: s,
      gap: d - s,
      programmes: programmesFor([code], { limit: PROGRAMMES_PER_GAP }).map(({ programme: p }) => ({
        code: p.code,
        name: { id: p.name.id, en: p.name.en },
        vocation: p.vocation,
        hours: p.hours,
        certificationScheme: p.certificationScheme ?? null,
      })),
    });
  }
  items.sort((a, b) => b.gap - a.gap || b.demand - a.demand || a.code.localeCompare(b.code));

  return {
    asOf: isoDay(new Date(today)),
    region: { province: q.province ?? null, regency: q.regency ?? null },
    horizonDays: q.horizonDays,
    releaseWindow: { from: isoDay(new Date(today)), to: isoDay(new Date(horizonEnd)) },
    totals: { vacancies: demand.vacancies, openings: demand.openings, people: supply.people },
    items,
  };
}
