import { anonymise, isVisibleToEmployers, weekOf } from '../candidates/projection.js';
import type { CandidateRecord } from '../candidates/types.js';
import type { EmployerRecord } from '../employers/repository.js';
import { regionKey } from '../shared/regions.js';
import { isoDay } from '../shared/schemas.js';
import { getSkill, listVocations, normaliseText } from '../skills/service.js';
import type { VacancyRecord } from '../vacancies/repository.js';
import { isOpen } from '../vacancies/service.js';

export const CANDIDATES_INDEX = 'candidates';
export const VACANCIES_INDEX = 'vacancies';

/** Seconds since the epoch, the unit numeric filters use. */
export const toSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

const vocationLabels = new Map(listVocations().map((v) => [v.code, v]));

/** Words a person might type for a skill: its labels, synonyms and its trade's names. */
function skillText(codes: string[]): string[] {
  const out = new Set<string>();
  for (const code of codes) {
    const s = getSkill(code);
    if (!s) continue;
    out.add(s.label.id);
    out.add(s.label.en);
    for (const syn of s.synonyms) out.add(syn);
    const v = vocationLabels.get(s.vocation);
    if (v) {
      out.add(v.label.id);
      out.add(v.label.en);
      for (const syn of v.synonyms) out.add(syn);
    }
  }
  return [...out];
}

/** Coarse location (about 11 km) so the index can answer radius questions without pinpointing a home. */
const coarse = (x: number) => Math.round(x * 10) / 10;

/**
 * The search document of a person: the anonymised projection plus filter fields derived from it.
 * Built only from the projection and skill codes — never from name, registration number, birth date,
 * contact, offence or restrictions — and only for people employers may see.
 */
export function candidateDocument(c: CandidateRecord, now: Date): Record<string, unknown> | null {
  if (!isVisibleToEmployers(c, now)) return null;
  const p = anonymise(c, now, new Map());
  const codes = p.skills.map((s) => s.code);
  const certifiedSkills = [
    ...new Set(c.certifications.filter((x) => !x.expiresAt || x.expiresAt >= now).flatMap((x) => x.skills)),
  ];
  const week = weekOf(new Date(`${p.availability.weekOf}T00:00:00Z`));
  return {
    publicId: p.publicId,
    version: c.version,
    ageBand: p.ageBand,
    domicile: p.domicile,
    regencyKey: regionKey(p.domicile.regency),
    provinceKey: regionKey(p.domicile.province),
    skills: p.skills,
    skillCodes: codes,
    vocations: [...new Set(p.skills.map((s) => s.vocation).filter(Boolean))],
    skillText: skillText(codes),
    certified: certifiedSkills.length > 0,
    certifiedSkills,
    trainings: p.trainings,
    certifications: p.certifications,
    education: p.education,
    educationLevel: p.education?.level ?? 'none',
    languages: p.languages,
    availability: { weekOf: p.availability.weekOf },
    availableFromWeek: toSeconds(week),
    preferences: p.preferences,
    willingToRelocate: p.preferences.willingToRelocate === true,
    nightShiftOk: p.preferences.nightShiftOk !== false,
    ...(c.domicile.location
      ? { _geo: { lat: coarse(c.domicile.location.lat), lng: coarse(c.domicile.location.lng) } }
      : {}),
  };
}

/** The search document of an open vacancy (vacancies hold no personal data). */
export function vacancyDocument(
  v: VacancyRecord,
  employer: EmployerRecord | null,
  now: Date,
): Record<string, unknown> | null {
  if (!isOpen(v, now) || v.openings < 1) return null;
  const codes = v.skills.map((s) => s.code);
  return {
    id: v.id,
    version: v.version,
    employerId: v.employerId,
    employerName: employer?.name ?? '',
    employerVerified: employer?.verified ?? false,
    title: v.title,
    description: v.description,
    sector: v.sector,
    kbji: v.kbji ?? null,
    skills: v.skills.map((s) => ({
      code: s.code,
      required: s.required,
      minLevel: s.minLevel ?? null,
      label: getSkill(s.code)?.label,
    })),
    skillCodes: codes,
    requiredSkillCodes: v.skills.filter((s) => s.required).map((s) => s.code),
    vocations: [...new Set(codes.map((c) => getSkill(c)?.vocation).filter(Boolean))],
    skillText: skillText(codes),
    certificationsRequired: v.certificationsRequired,
    location: { province: v.location.province, regency: v.location.regency },
    regencyKey: v.location.regencyKey,
    provinceKey: regionKey(v.location.province),
    radiusKm: v.radiusKm,
    openings: v.openings,
    wage: v.wage ?? null,
    startDate: toSeconds(v.startDate),
    startDay: isoDay(v.startDate),
    closesAt: v.closesAt ? toSeconds(v.closesAt) : null,
    nightShift: v.nightShift,
    ...(v.location.lat !== undefined && v.location.lng !== undefined
      ? { _geo: { lat: v.location.lat, lng: v.location.lng } }
      : {}),
  };
}

/** Field names that must never appear in any search document. */
export const FORBIDDEN_INDEX_FIELDS = [
  'fullName',
  'nameKey',
  'registrationNumber',
  'birthDate',
  'gender',
  'facilityId',
  'bapasId',
  'contact',
  'email',
  'phone',
  'offenceCategory',
  'restrictions',
  'allowedRegencies',
  'excludedSectors',
  'curfew',
  'notes',
  'history',
  '_id',
] as const;

/** Normalised text helper re-exported for query building. */
export { normaliseText };
