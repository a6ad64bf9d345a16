import type { CandidateRecord } from '../candidates/types.js';
import { isoDay } from '../shared/schemas.js';

/** Days relative to the release date, and who hears about it. */
export const MILESTONES = [
  { name: 'T-90', offset: -90, officer: true, employers: false, person: false },
  { name: 'T-30', offset: -30, officer: true, employers: true, person: false },
  { name: 'T-7', offset: -7, officer: true, employers: true, person: false },
  { name: 'T0', offset: 0, officer: true, employers: false, person: true },
  { name: 'T+14', offset: 14, officer: true, employers: false, person: true },
  { name: 'T+30', offset: 30, officer: true, employers: false, person: true },
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** A sweep that missed a day (worker down) still plans milestones this many days late. */
export const CATCH_UP_DAYS = 2;

const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant in a time zone (a facility's local calendar day). */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(new Date(`${day}T00:00:00Z`).getTime() + days * DAY));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY);
}

/** The release date milestones count from: the actual one once released, else the expected one. */
export function currentReleaseDay(c: Pick<CandidateRecord, 'status' | 'release'>): string {
  return isoDay(
    c.status === 'released' && c.release.actualDate ? c.release.actualDate : c.release.expectedDate,
  );
}

/** Release days whose milestone falls on `day` or within the catch-up window before it. */
export function targetReleaseDays(day: string): { day: string; milestone: Milestone }[] {
  const out: { day: string; milestone: Milestone }[] = [];
  for (const m of MILESTONES) {
    for (let late = 0; late <= CATCH_UP_DAYS; late++)
      out.push({ day: addDays(day, -m.offset - late), milestone: m });
  }
  return out;
}

/** The milestone due for a person on `day` (or caught up within the window), if any. */
export function milestoneFor(
  c: Pick<CandidateRecord, 'status' | 'release'>,
  day: string,
): Milestone | undefined {
  const release = currentReleaseDay(c);
  const since = daysBetween(release, day);
  return MILESTONES.find((m) => since >= m.offset && since <= m.offset + CATCH_UP_DAYS);
}

/** Whether a person still needs this milestone's messages (status and timing). */
export function milestoneApplies(c: Pick<CandidateRecord, 'status'>, m: Milestone): boolean {
  if (c.status === 'placed' || c.status === 'withdrawn' || c.status === 'erased') return false;
  // Before release only people in custody; after it only people released and not placed.
  if (m.offset < 0) return c.status === 'in_custody';
  if (m.offset === 0) return c.status === 'in_custody' || c.status === 'released';
  return c.status === 'released';
}
