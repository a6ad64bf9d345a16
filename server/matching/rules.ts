import { availableFrom, isVisibleToEmployers } from '../candidates/projection.js';
import type { CandidateRecord } from '../candidates/types.js';
import { distanceKm } from '../shared/geo.js';
import { evidenceRank, levelRank } from '../shared/levels.js';
import { regionKey } from '../shared/regions.js';
import { SECTORS } from '../shared/sectors.js';
import { getSkill, programmesFor } from '../skills/service.js';
import type { VacancyRecord } from '../vacancies/repository.js';
import { isOpen } from '../vacancies/service.js';

const DAY = 24 * 3600 * 1000;
/** A person may start up to this many days after the vacancy's start date. */
export const LATE_START_DAYS = 14;
export const DEFAULT_RADIUS_KM = 50;

export type Violation =
  | 'required_skills'
  | 'consent'
  | 'vacancy_closed'
  | 'not_free_in_time'
  | 'distance'
  | 'parole_region'
  | 'curfew_night_shift'
  | 'excluded_sector'
  | 'certification';

export interface RuleInput {
  candidate: CandidateRecord;
  vacancy: VacancyRecord;
  now: Date;
  /** Employer-facing results also require consent to sharing. */
  employerFacing: boolean;
}

function requiredCodes(v: VacancyRecord): string[] {
  return v.skills.filter((s) => s.required).map((s) => s.code);
}

function heldCodes(c: CandidateRecord): Set<string> {
  return new Set(c.skills.map((s) => s.code));
}

function validCertifiedSkills(c: CandidateRecord, now: Date): Set<string> {
  return new Set(c.certifications.filter((x) => !x.expiresAt || x.expiresAt >= now).flatMap((x) => x.skills));
}

/** Distance in km when both places have coordinates. */
export function distanceBetween(c: CandidateRecord, v: VacancyRecord): number | undefined {
  if (!c.domicile.location || v.location.lat === undefined || v.location.lng === undefined) return undefined;
  return distanceKm(c.domicile.location, { lat: v.location.lat, lng: v.location.lng });
}

/**
 * The hard rules. A pair that breaks any of them is never shown, whatever its score. Restrictions
 * (parole region, curfew, excluded sectors) come from the MongoDB profile, never from an index.
 */
export function violations({ candidate: c, vacancy: v, now, employerFacing }: RuleInput): Violation[] {
  const out: Violation[] = [];
  const required = requiredCodes(v);
  const held = heldCodes(c);
  const heldRequired = required.filter((code) => held.has(code)).length;
  if (required.length > 0 && heldRequired * 2 < required.length) out.push('required_skills');
  if (required.length === 0 && !v.skills.some((s) => held.has(s.code))) out.push('required_skills');
  if (employerFacing && !isVisibleToEmployers(c, now)) out.push('consent');
  if (!isOpen(v, now) || v.openings < 1) out.push('vacancy_closed');

  const latestStart = v.startDate.getTime() + LATE_START_DAYS * DAY;
  const freeInTime =
    (c.status === 'in_custody' && c.release.expectedDate.getTime() <= latestStart) || c.status === 'released';
  if (!freeInTime) out.push('not_free_in_time');

  const sameRegency = c.domicile.regencyKey !== '' && c.domicile.regencyKey === v.location.regencyKey;
  const km = distanceBetween(c, v);
  const withinRadius = km !== undefined && km <= (v.radiusKm || DEFAULT_RADIUS_KM);
  if (!withinRadius && !sameRegency && c.preferences.willingToRelocate !== true) out.push('distance');

  const allowed = c.restrictions.allowedRegencies;
  if (allowed && allowed.length > 0 && !allowed.some((r) => regionKey(r) === v.location.regencyKey))
    out.push('parole_region');
  if (v.nightShift && c.restrictions.curfew === true) out.push('curfew_night_shift');
  if (c.restrictions.excludedSectors?.includes(v.sector)) out.push('excluded_sector');

  const certified = validCertifiedSkills(c, now);
  if (v.certificationsRequired.some((code) => !certified.has(code))) out.push('certification');
  return out;
}

export interface MissingSkill {
  code: string;
  label: { id: string; en: string };
  /** BLK programmes that teach it: the seed of training advice. */
  programmes: { code: string; name: { id: string; en: string }; hours: number }[];
}

export interface MatchExplanation {
  score: number;
  reasons: string[];
  reasonsEn: string[];
  missingSkills: MissingSkill[];
  distanceKm?: number;
}

const label = (code: string) => getSkill(code)?.label ?? { id: code, en: code };

function listLabels(codes: string[], lang: 'id' | 'en', max = 4): string {
  const names = codes.slice(0, max).map((c) => label(c)[lang]);
  return codes.length > max ? `${names.join(', ')}, …` : names.join(', ');
}

const teachingCache = new Map<string, MissingSkill['programmes']>();

/** The (at most two) BLK programmes that teach a skill; the taxonomy is static, so kept once read. */
function teaching(code: string): MissingSkill['programmes'] {
  let out = teachingCache.get(code);
  if (!out) {
    out = Object.freeze(
      programmesFor([code], { limit: 2 }).map((p) =>
        Object.freeze({ code: p.programme.code, name: p.programme.name, hours: p.programme.hours }),
      ),
    ) as MissingSkill['programmes'];
    teachingCache.set(code, out);
  }
  return out;
}

function dayCount(ms: number): number {
  return Math.round(ms / DAY);
}

/**
 * Score 0–100 and reasons a person can check. Weights: required skills 45, optional skills 10,
 * level against minimum 10, strength of evidence 10, distance 10, timing 10, stated preferences 5.
 */
export function explain({ candidate: c, vacancy: v, now }: RuleInput): MatchExplanation {
  const reasons: string[] = [];
  const reasonsEn: string[] = [];
  const held = new Map(c.skills.map((s) => [s.code, s]));
  const required = v.skills.filter((s) => s.required);
  const optional = v.skills.filter((s) => !s.required);
  const heldRequired = required.filter((s) => held.has(s.code));
  const heldOptional = optional.filter((s) => held.has(s.code));
  const certified = validCertifiedSkills(c, now);

  let score = 0;
  // Required skills (45).
  const reqShare = required.length ? heldRequired.length / required.length : 1;
  score += 45 * reqShare;
  if (required.length) {
    reasons.push(
      `${heldRequired.length} dari ${required.length} keahlian wajib: ${listLabels(
        heldRequired.map((s) => s.code),
        'id',
      )}`,
    );
    reasonsEn.push(
      `${heldRequired.length} of ${required.length} required skills: ${listLabels(
        heldRequired.map((s) => s.code),
        'en',
      )}`,
    );
  }
  // Optional skills (10).
  score += 10 * (optional.length ? heldOptional.length / optional.length : 1);
  if (heldOptional.length) {
    reasons.push(
      `keahlian tambahan: ${listLabels(
        heldOptional.map((s) => s.code),
        'id',
      )}`,
    );
    reasonsEn.push(
      `extra skills: ${listLabels(
        heldOptional.map((s) => s.code),
        'en',
      )}`,
    );
  }
  // Level against the minimum (10).
  const matched = [...heldRequired, ...heldOptional];
  const meets = matched.filter((s) => levelRank(held.get(s.code)?.level) >= levelRank(s.minLevel ?? 'basic'));
  score += 10 * (matched.length ? meets.length / matched.length : 0);
  const below = matched.filter((s) => !meets.includes(s));
  if (below.length) {
    reasons.push(
      `tingkat di bawah syarat untuk ${listLabels(
        below.map((s) => s.code),
        'id',
      )}`,
    );
    reasonsEn.push(
      `level below the minimum for ${listLabels(
        below.map((s) => s.code),
        'en',
      )}`,
    );
  }
  // Evidence: certification > passed training > experience (10).
  const evidence = heldRequired.map((s) =>
    certified.has(s.code) ? 3 : Math.min(2, evidenceRank(held.get(s.code)?.evidence)),
  );
  score += 10 * (evidence.length ? evidence.reduce((a, b) => a + b, 0) / (3 * evidence.length) : 0);
  const certifiedRequired = heldRequired.filter((s) => certified.has(s.code)).map((s) => s.code);
  if (certifiedRequired.length) {
    reasons.push(`bersertifikat BNSP: ${listLabels(certifiedRequired, 'id')}`);
    reasonsEn.push(`BNSP certified: ${listLabels(certifiedRequired, 'en')}`);
  } else if (heldRequired.some((s) => held.get(s.code)?.evidence === 'training')) {
    reasons.push('lulus pelatihan BLK untuk keahlian wajib');
    reasonsEn.push('passed BLK training for required skills');
  }
  // Distance (10). Tiers never cross: anyone within the radius (3–10, nearer is better, +1 for the same
  // regency) scores at least as much as a same-regency home beyond it (3), which beats relocating (2).
  const km = distanceBetween(c, v);
  const radius = v.radiusKm || DEFAULT_RADIUS_KM;
  const sameRegency = c.domicile.regencyKey === v.location.regencyKey;
  if (km !== undefined && km <= radius) {
    score += 3 + 6 * (1 - km / radius) + (sameRegency ? 1 : 0);
    reasons.push(`${Math.round(km)} km dari lokasi kerja`);
    reasonsEn.push(`${Math.round(km)} km from the workplace`);
  } else if (sameRegency) {
    score += 3;
    reasons.push(`tinggal di kabupaten yang sama (${v.location.regency})`);
    reasonsEn.push(`lives in the same regency (${v.location.regency})`);
  } else if (c.preferences.willingToRelocate) {
    score += 2;
    reasons.push('bersedia pindah domisili');
    reasonsEn.push('willing to relocate');
  }
  // Timing (10): free shortly before the start is best.
  const from = availableFrom(c);
  const lead = dayCount(v.startDate.getTime() - Math.max(from.getTime(), now.getTime()));
  if (c.status === 'released' && from.getTime() <= now.getTime()) {
    score += lead >= 0 ? 9 : 6;
    reasons.push('sudah bebas, siap mulai');
    reasonsEn.push('already released, ready to start');
  } else if (lead >= 0) {
    score += lead <= 30 ? 10 : lead <= 90 ? 7 : 5;
    reasons.push(`bebas ${lead} hari sebelum mulai kerja`);
    reasonsEn.push(`free ${lead} days before the start`);
  } else {
    score += Math.max(1, 5 + lead / 3);
    reasons.push(`bebas ${-lead} hari setelah tanggal mulai`);
    reasonsEn.push(`free ${-lead} days after the start date`);
  }
  // Stated preferences (5).
  if (c.preferences.sectors?.includes(v.sector)) {
    score += 3;
    reasons.push(`sesuai minat sektor (${SECTORS[v.sector].id})`);
    reasonsEn.push(`matches the preferred sector (${SECTORS[v.sector].en})`);
  }
  if (c.preferences.regencies?.some((r) => regionKey(r) === v.location.regencyKey)) {
    score += 2;
    reasons.push(`lokasi sesuai keinginan (${v.location.regency})`);
    reasonsEn.push(`preferred location (${v.location.regency})`);
  }
  if (v.nightShift && c.preferences.nightShiftOk === false) {
    score -= 5;
    reasons.push('lowongan shift malam, kurang sesuai preferensi');
    reasonsEn.push('night-shift vacancy, against stated preference');
  }

  const missing = required.filter((s) => !held.has(s.code)).map((s) => s.code);
  return {
    score: Math.max(0, Math.min(100, Math.round(score))),
    reasons,
    reasonsEn,
    missingSkills: missing.map((code) => ({ code, label: label(code), programmes: teaching(code) })),
    distanceKm: km === undefined ? undefined : Math.round(km * 10) / 10,
  };
}
