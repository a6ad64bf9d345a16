import type { EmployerRecord } from '../employers/repository.js';
import { isoDay } from '../shared/schemas.js';
import { getSkill } from '../skills/service.js';
import type { VacancyRecord } from './repository.js';
import type { VacancyView } from './schemas.js';

/** Skill code → bilingual label, falling back to the code for retired skills. */
export function skillLabel(code: string): { id: string; en: string } {
  const s = getSkill(code);
  return s ? { id: s.label.id, en: s.label.en } : { id: code, en: code };
}

/** The one vacancy shape that leaves the API. Vacancies hold no personal data. */
export function presentVacancy(v: VacancyRecord, employer?: EmployerRecord): VacancyView {
  return {
    id: v.id,
    employerId: v.employerId,
    employer: employer
      ? { name: employer.name, verified: employer.verified, fairChancePledge: employer.fairChancePledge }
      : undefined,
    title: v.title,
    kbji: v.kbji,
    sector: v.sector,
    description: v.description,
    skills: v.skills.map((s) => ({
      code: s.code,
      label: skillLabel(s.code),
      required: s.required,
      minLevel: s.minLevel,
    })),
    certificationsRequired: v.certificationsRequired,
    location: {
      province: v.location.province,
      regency: v.location.regency,
      lat: v.location.lat,
      lng: v.location.lng,
    },
    radiusKm: v.radiusKm,
    openings: v.openings,
    wage: v.wage,
    startDate: isoDay(v.startDate),
    closesAt: v.closesAt?.toISOString(),
    nightShift: v.nightShift,
    status: v.status,
    version: v.version,
    externalRef: v.externalRef,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}
