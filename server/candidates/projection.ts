import type { Evidence, Level } from '../shared/levels.js';
import { isoDay } from '../shared/schemas.js';
import type { Sector } from '../shared/sectors.js';
import { getSkill } from '../skills/service.js';
import type { CandidateRecord, EducationLevel, TrainingResult } from './types.js';

/**
 * The anonymised projection: the only candidate shape an employer ever receives and the only one
 * allowed into an employer-facing search index. It is built field by field from an allow-list; nothing
 * is copied wholesale, so a new field on the profile can never leak by accident.
 */
export interface AnonymisedCandidate {
  publicId: string;
  ageBand: string;
  domicile: { province: string; regency: string };
  skills: {
    code: string;
    label: { id: string; en: string };
    level: Level;
    evidence?: Evidence;
    vocation?: string;
  }[];
  trainings: { programme: string; provider: string; hours: number; result: TrainingResult }[];
  certifications: { scheme: string; issuer: string; year: number }[];
  education?: { level: EducationLevel };
  languages: string[];
  availability: { weekOf: string; now: boolean };
  preferences: {
    sectors?: Sector[];
    regencies?: string[];
    willingToRelocate?: boolean;
    nightShiftOk?: boolean;
  };
}

export const MIN_EMPLOYER_VISIBLE_AGE = 18;

/** Whole years between birth and `now`. */
export function ageAt(birthDate: Date, now: Date): number {
  let age = now.getUTCFullYear() - birthDate.getUTCFullYear();
  const m = now.getUTCMonth() - birthDate.getUTCMonth();
  if (m < 0 || (m === 0 && now.getUTCDate() < birthDate.getUTCDate())) age--;
  return age;
}

export function ageBand(age: number): string {
  if (age < 18) return 'under-18';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/** Monday (UTC) of the week containing `d`. */
export function weekOf(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

/** The day a person can start: the actual release if released, else the expected one. */
export function availableFrom(c: Pick<CandidateRecord, 'status' | 'release'>): Date {
  return c.status === 'released' && c.release.actualDate ? c.release.actualDate : c.release.expectedDate;
}

/**
 * Whether employers may see this person at all: consent to sharing, in custody or released and not
 * placed, and an adult (juveniles from an LPKA are never shown to employers).
 */
export function isVisibleToEmployers(c: CandidateRecord, now: Date): boolean {
  return (
    c.consent.shareWithEmployers &&
    (c.status === 'in_custody' || c.status === 'released') &&
    ageAt(c.birthDate, now) >= MIN_EMPLOYER_VISIBLE_AGE
  );
}

export function anonymise(
  c: CandidateRecord,
  now: Date,
  providerNames: Map<string, string>,
): AnonymisedCandidate {
  const from = availableFrom(c);
  return {
    publicId: c.publicId,
    ageBand: ageBand(ageAt(c.birthDate, now)),
    domicile: { province: c.domicile.province, regency: c.domicile.regency },
    skills: c.skills.map((s) => {
      const def = getSkill(s.code);
      return {
        code: s.code,
        label: def ? { id: def.label.id, en: def.label.en } : { id: s.code, en: s.code },
        level: s.level,
        evidence: s.evidence,
        vocation: def?.vocation,
      };
    }),
    trainings: c.trainings.map((t) => ({
      programme: t.programme,
      provider: providerNames.get(t.provider) ?? t.providerName,
      hours: t.hours,
      result: t.result,
    })),
    certifications: c.certifications.map((cert) => ({
      scheme: cert.scheme,
      issuer: cert.issuer,
      year: cert.issuedAt.getUTCFullYear(),
    })),
    education: c.education?.level ? { level: c.education.level } : undefined,
    languages: [...c.languages],
    availability: { weekOf: isoDay(weekOf(from)), now: from.getTime() <= now.getTime() },
    preferences: {
      sectors: c.preferences.sectors ? [...c.preferences.sectors] : undefined,
      regencies: c.preferences.regencies ? [...c.preferences.regencies] : undefined,
      willingToRelocate: c.preferences.willingToRelocate,
      nightShiftOk: c.preferences.nightShiftOk,
    },
  };
}
