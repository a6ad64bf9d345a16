import { z } from 'zod';
import { Sector } from '../employers/schemas.js';
import { LatLng } from '../shared/schemas.js';
import { Evidence, Level, ReleaseType } from './schemas.js';

const Label = z.object({ id: z.string(), en: z.string() });
const SkillOut = z.object({ code: z.string(), label: Label, level: Level, evidence: Evidence.optional() });
const TrainingOut = z.object({
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  programme: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  hours: z.number(),
  result: z.enum(['passed', 'failed', 'ongoing']),
  skills: z.array(z.string()),
});
const CertificationOut = z.object({
  id: z.string(),
  scheme: z.string(),
  number: z.string(),
  issuer: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string().optional(),
  skills: z.array(z.string()),
  provider: z.string().optional(),
});
const Preferences = z.object({
  sectors: z.array(Sector).optional(),
  regencies: z.array(z.string()).optional(),
  willingToRelocate: z.boolean().optional(),
  nightShiftOk: z.boolean().optional(),
});

/** Documentation schemas for the candidate responses (OpenAPI). */
export const FullCandidateSchema = z.object({
  id: z.string(),
  publicId: z.string(),
  registrationNumber: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(['male', 'female']),
  facilityId: z.string(),
  bapasId: z.string().optional(),
  officerId: z.string().optional(),
  domicile: z.object({ province: z.string(), regency: z.string(), location: LatLng.optional() }),
  release: z.object({ expectedDate: z.string(), type: ReleaseType, actualDate: z.string().optional() }),
  status: z.string(),
  skills: z.array(SkillOut),
  trainings: z.array(TrainingOut),
  certifications: z.array(CertificationOut),
  education: z.object({ level: z.string().optional() }).optional(),
  languages: z.array(z.string()),
  workHistory: z.array(z.object({ title: z.string(), employer: z.string().optional(), years: z.number() })),
  preferences: Preferences,
  contact: z.object({ email: z.string().optional(), phone: z.string().optional() }),
  consent: z.object({
    shareWithEmployers: z.boolean(),
    contactByEmail: z.boolean(),
    updatedAt: z.string().optional(),
  }),
  offenceCategory: z.string().optional(),
  restrictions: z.object({
    allowedRegencies: z.array(z.string()).optional(),
    curfew: z.boolean().optional(),
    excludedSectors: z.array(Sector).optional(),
  }),
  notes: z.string().optional(),
  checklist: z
    .object({
      ktp: z.boolean(),
      skck: z.boolean(),
      bpjsKetenagakerjaan: z.boolean(),
      bankAccount: z.boolean(),
      cv: z.boolean(),
    })
    .describe('Work-readiness to-dos: KTP, SKCK, BPJS Ketenagakerjaan, bank account, CV'),
  history: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      role: z.string(),
      field: z.string(),
      from: z.unknown(),
      to: z.unknown(),
    }),
  ),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SkillsCandidateSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  registrationNumber: z.string(),
  facilityId: z.string(),
  status: z.string(),
  skills: z.array(SkillOut),
  trainings: z.array(TrainingOut),
  certifications: z.array(CertificationOut),
  education: z.object({ level: z.string().optional() }).optional(),
  languages: z.array(z.string()),
});

export const AnonymisedCandidateSchema = z.object({
  publicId: z.string(),
  ageBand: z.string(),
  domicile: z.object({ province: z.string(), regency: z.string() }),
  skills: z.array(SkillOut.extend({ vocation: z.string().optional() })),
  trainings: z.array(
    z.object({
      programme: z.string(),
      provider: z.string(),
      hours: z.number(),
      result: z.enum(['passed', 'failed', 'ongoing']),
    }),
  ),
  certifications: z.array(z.object({ scheme: z.string(), issuer: z.string(), year: z.number() })),
  education: z.object({ level: z.string() }).optional(),
  languages: z.array(z.string()),
  availability: z.object({ weekOf: z.string(), now: z.boolean() }),
  preferences: Preferences,
});

export const CandidateProfileResponse = z.union([
  FullCandidateSchema,
  SkillsCandidateSchema,
  AnonymisedCandidateSchema,
]);
