import { z } from 'zod';
import { Sector } from '../employers/schemas.js';
import { bi, objectId, queryBool } from '../http/validate.js';
import { EVIDENCE, LEVELS } from '../shared/levels.js';
import { dateOnly, email, LatLng, pageQuery, phone, regionName } from '../shared/schemas.js';
import {
  CANDIDATE_STATUSES,
  type CHECKLIST_ITEMS,
  EDUCATION_LEVELS,
  GENDERS,
  RELEASE_TYPES,
  TRAINING_RESULTS,
} from './model.js';

export const ReleaseType = z.enum(RELEASE_TYPES);
export const CandidateStatus = z.enum(
  CANDIDATE_STATUSES.filter((s) => s !== 'erased') as [string, ...string[]],
);
export const Level = z.enum(LEVELS);
export const Evidence = z.enum(EVIDENCE);

/** A skill given by `code` or by `name`; names are normalised to codes by the service. */
export const SkillRefInput = z
  .object({
    code: z.string().trim().min(1).max(80).optional(),
    name: z.string().trim().min(1).max(120).optional(),
  })
  .refine((s) => Boolean(s.code) !== Boolean(s.name), {
    message: bi('isi salah satu: code atau name', 'give exactly one of code or name'),
    path: ['code'],
  });

/** A skill reference in lists: a plain string (code or name) or `{ code }` / `{ name }`. */
export const SkillListItem = z.union([z.string().trim().min(1).max(120), SkillRefInput]);

export const CandidateSkillInput = z
  .object({
    code: z.string().trim().min(1).max(80).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    level: Level,
    evidence: Evidence.optional(),
  })
  .refine((s) => Boolean(s.code) !== Boolean(s.name), {
    message: bi('isi salah satu: code atau name', 'give exactly one of code or name'),
    path: ['code'],
  });

const Domicile = z.object({ province: regionName, regency: regionName, location: LatLng.optional() });

const pastDate = dateOnly.refine((d) => d.getTime() <= Date.now(), {
  message: bi('tidak boleh di masa depan', 'must not be in the future'),
});

const Restrictions = z.object({
  allowedRegencies: z.array(regionName).max(50).optional(),
  curfew: z.boolean().optional(),
  excludedSectors: z.array(Sector).max(30).optional(),
});

const Preferences = z.object({
  sectors: z.array(Sector).max(30).optional(),
  regencies: z.array(regionName).max(50).optional(),
  willingToRelocate: z.boolean().optional(),
  nightShiftOk: z.boolean().optional(),
});

const Contact = z.object({ email: email.optional(), phone: phone.optional() });

const Consent = z.object({ shareWithEmployers: z.boolean(), contactByEmail: z.boolean() });

/** Work-readiness to-dos (KTP, SKCK, BPJS Ketenagakerjaan, bank account, CV); items merge on update. */
export const ChecklistInput = z
  .object({
    ktp: z.boolean().optional(),
    skck: z.boolean().optional(),
    bpjsKetenagakerjaan: z.boolean().optional(),
    bankAccount: z.boolean().optional(),
    cv: z.boolean().optional(),
  } satisfies Record<(typeof CHECKLIST_ITEMS)[number], z.ZodOptional<z.ZodBoolean>>)
  .strict();

const profileFields = {
  registrationNumber: z
    .string()
    .trim()
    .min(3)
    .max(40)
    .regex(
      /^[A-Za-z0-9./-]+$/,
      bi('hanya huruf, angka, titik, garis miring dan strip', 'letters, digits, . / - only'),
    ),
  fullName: z.string().trim().min(2).max(120),
  birthDate: pastDate.refine((d) => d.getUTCFullYear() >= 1930, {
    message: bi('tahun lahir tidak masuk akal', 'implausible birth year'),
  }),
  gender: z.enum(GENDERS),
  facilityId: objectId,
  bapasId: objectId.optional(),
  officerId: objectId.optional().describe('The supervising officer (an officer user of the Bapas)'),
  domicile: Domicile,
  release: z.object({ expectedDate: dateOnly, type: ReleaseType }),
  skills: z.array(CandidateSkillInput).max(60).default([]),
  education: z.object({ level: z.enum(EDUCATION_LEVELS) }).optional(),
  languages: z.array(z.string().trim().min(2).max(40)).max(10).optional(),
  workHistory: z
    .array(
      z.object({
        title: z.string().trim().min(2).max(120),
        employer: z.string().trim().max(120).optional(),
        years: z.number().min(0).max(60),
      }),
    )
    .max(30)
    .optional(),
  preferences: Preferences.optional(),
  contact: Contact.optional(),
  consent: Consent,
  offenceCategory: z.string().trim().min(2).max(80).optional(),
  restrictions: Restrictions.optional(),
  notes: z.string().trim().max(4000).optional(),
  checklist: ChecklistInput.optional(),
};

export const CreateCandidateBody = z.object(profileFields);
export type CreateCandidateInput = z.output<typeof CreateCandidateBody>;

/**
 * A partial update. Nested objects merge field by field (`release: { expectedDate }` keeps the
 * type); arrays replace; `null` clears an optional field.
 */
export const PatchCandidateBody = z
  .object({
    registrationNumber: profileFields.registrationNumber,
    fullName: profileFields.fullName,
    birthDate: profileFields.birthDate,
    gender: profileFields.gender,
    facilityId: objectId,
    bapasId: objectId.nullable(),
    officerId: objectId.nullable(),
    domicile: Domicile.partial(),
    release: z.object({ expectedDate: dateOnly, type: ReleaseType }).partial(),
    skills: z.array(CandidateSkillInput).max(60),
    education: z.object({ level: z.enum(EDUCATION_LEVELS) }).nullable(),
    languages: z.array(z.string().trim().min(2).max(40)).max(10),
    workHistory: profileFields.workHistory.unwrap(),
    preferences: Preferences,
    contact: z.object({ email: email.nullable().optional(), phone: phone.nullable().optional() }),
    offenceCategory: z.string().trim().min(2).max(80).nullable(),
    restrictions: Restrictions,
    notes: z.string().trim().max(4000).nullable(),
    checklist: ChecklistInput,
    status: z.literal('withdrawn'),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: bi('tidak ada perubahan', 'nothing to change') });
export type PatchCandidateInput = z.output<typeof PatchCandidateBody>;

export const ListCandidatesQuery = z.object({
  facilityId: objectId.optional(),
  bapasId: objectId.optional(),
  status: CandidateStatus.optional(),
  releaseBefore: dateOnly.optional(),
  releaseAfter: dateOnly.optional(),
  q: z.string().trim().min(2).max(80).optional(),
  consented: queryBool,
  releaseType: ReleaseType.optional(),
  sector: Sector.optional().describe("Work interest: one of the person's preferred sectors"),
  regency: regionName.optional().describe('Domicile regency'),
  sort: z.enum(['release', 'name']).default('release'),
  ...pageQuery,
});
export type ListCandidatesQuery = z.output<typeof ListCandidatesQuery>;

export const TrainingBody = z
  .object({
    provider: objectId,
    programme: z.string().trim().min(3).max(160),
    startDate: dateOnly,
    endDate: dateOnly,
    hours: z.number().int().min(1).max(2000),
    result: z.enum(TRAINING_RESULTS),
    skills: z.array(SkillListItem).min(1).max(20),
  })
  .refine((t) => t.endDate >= t.startDate, {
    message: bi('tanggal selesai sebelum tanggal mulai', 'endDate is before startDate'),
    path: ['endDate'],
  });
export type TrainingInput = z.output<typeof TrainingBody>;

export const CertificationBody = z
  .object({
    scheme: z.string().trim().min(3).max(200),
    number: z.string().trim().min(3).max(80),
    issuer: z.string().trim().min(2).max(160),
    issuedAt: dateOnly,
    expiresAt: dateOnly.optional(),
    skills: z.array(SkillListItem).min(1).max(20),
    provider: objectId.optional().describe('The BLK that prepared the person (trainers: their own BLK)'),
  })
  .refine((c) => !c.expiresAt || c.expiresAt > c.issuedAt, {
    message: bi('kedaluwarsa sebelum terbit', 'expiresAt is not after issuedAt'),
    path: ['expiresAt'],
  });
export type CertificationInput = z.output<typeof CertificationBody>;

export const ConsentBody = Consent;

export const ReleaseBody = z.object({ releasedAt: dateOnly });
