import { isoDay } from '../shared/schemas.js';
import { skillLabel } from '../vacancies/presenter.js';
import { CHECKLIST_ITEMS } from './model.js';
import type { CandidateRecord, Certification, ChecklistItem, Training } from './types.js';

const day = (d: Date | undefined) => (d ? isoDay(d) : undefined);

function presentTraining(t: Training) {
  return {
    id: t.id,
    provider: t.provider,
    providerName: t.providerName,
    programme: t.programme,
    startDate: isoDay(t.startDate),
    endDate: isoDay(t.endDate),
    hours: t.hours,
    result: t.result,
    skills: t.skills,
  };
}

function presentCertification(c: Certification) {
  return {
    id: c.id,
    scheme: c.scheme,
    number: c.number,
    issuer: c.issuer,
    issuedAt: isoDay(c.issuedAt),
    expiresAt: day(c.expiresAt),
    skills: c.skills,
    provider: c.provider,
  };
}

function presentSkills(c: CandidateRecord) {
  return c.skills.map((s) => ({
    code: s.code,
    label: skillLabel(s.code),
    level: s.level,
    evidence: s.evidence,
  }));
}

/** Every to-do item with its state; items never ticked are false. */
export function presentChecklist(c: Pick<CandidateRecord, 'checklist'>): Record<ChecklistItem, boolean> {
  return Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, c.checklist?.[k] === true])) as Record<
    ChecklistItem,
    boolean
  >;
}

/** The full profile for admins, the person's officer and their facility's staff (and the person). */
export function presentFull(c: CandidateRecord) {
  return {
    id: c.id,
    publicId: c.publicId,
    registrationNumber: c.registrationNumber,
    fullName: c.fullName,
    birthDate: isoDay(c.birthDate),
    gender: c.gender,
    facilityId: c.facilityId,
    bapasId: c.bapasId,
    officerId: c.officerId,
    domicile: { province: c.domicile.province, regency: c.domicile.regency, location: c.domicile.location },
    release: {
      expectedDate: isoDay(c.release.expectedDate),
      type: c.release.type,
      actualDate: day(c.release.actualDate),
    },
    status: c.status,
    skills: presentSkills(c),
    trainings: c.trainings.map(presentTraining),
    certifications: c.certifications.map(presentCertification),
    education: c.education,
    languages: c.languages,
    workHistory: c.workHistory,
    preferences: c.preferences,
    contact: c.contact,
    consent: { ...c.consent, updatedAt: c.consent.updatedAt?.toISOString() },
    offenceCategory: c.offenceCategory,
    restrictions: c.restrictions,
    notes: c.notes,
    checklist: presentChecklist(c),
    history: c.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type FullCandidateView = ReturnType<typeof presentFull>;

/** What a BLK trainer reads: who the participant is and the skills part, nothing about the case. */
export function presentSkillsView(c: CandidateRecord) {
  return {
    id: c.id,
    fullName: c.fullName,
    registrationNumber: c.registrationNumber,
    facilityId: c.facilityId,
    status: c.status,
    skills: presentSkills(c),
    trainings: c.trainings.map(presentTraining),
    certifications: c.certifications.map(presentCertification),
    education: c.education,
    languages: c.languages,
  };
}
export type SkillsCandidateView = ReturnType<typeof presentSkillsView>;

/** A list row for staff roles. */
export function presentSummary(c: CandidateRecord) {
  return {
    id: c.id,
    publicId: c.publicId,
    registrationNumber: c.registrationNumber,
    fullName: c.fullName,
    facilityId: c.facilityId,
    bapasId: c.bapasId,
    status: c.status,
    release: {
      expectedDate: isoDay(c.release.expectedDate),
      type: c.release.type,
      actualDate: day(c.release.actualDate),
    },
    domicile: { province: c.domicile.province, regency: c.domicile.regency },
    skills: c.skills.map((s) => s.code),
    consent: { shareWithEmployers: c.consent.shareWithEmployers, contactByEmail: c.consent.contactByEmail },
  };
}
