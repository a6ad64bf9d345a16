import { z } from 'zod';
import { Sector } from '../employers/schemas.js';
import { bi, objectId } from '../http/validate.js';
import { LEVELS } from '../shared/levels.js';
import { dateOnly, dateOrDateTime, pageQuery, pageSchema, regionName } from '../shared/schemas.js';
import { VACANCY_STATUSES, WAGE_PERIODS } from './model.js';

export const Level = z.enum(LEVELS);
export const VacancyStatus = z.enum(VACANCY_STATUSES);

/** A skill given by `code` or by `name` (any label or synonym); names are normalised to codes. */
export const VacancySkillInput = z
  .object({
    code: z.string().trim().min(1).max(80).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    required: z.boolean().default(true),
    minLevel: Level.optional(),
  })
  .refine((s) => Boolean(s.code) !== Boolean(s.name), {
    message: bi('isi salah satu: code atau name', 'give exactly one of code or name'),
    path: ['code'],
  });

const VacancyLocation = z
  .object({
    province: regionName,
    regency: regionName,
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), {
    message: bi('lat dan lng harus diisi bersama', 'lat and lng go together'),
    path: ['lng'],
  });

const Wage = z
  .object({ min: z.number().int().min(0), max: z.number().int().min(0), period: z.enum(WAGE_PERIODS) })
  .refine((w) => w.max >= w.min, { message: bi('max harus ≥ min', 'max must be ≥ min'), path: ['max'] });

const vacancyFields = {
  title: z.string().trim().min(3).max(160),
  kbji: z
    .string()
    .regex(/^\d{4}$/, bi('kode KBJI 4 digit', 'a 4-digit KBJI code'))
    .optional(),
  sector: Sector,
  description: z.string().trim().min(10).max(5000),
  skills: z.array(VacancySkillInput).min(1).max(30),
  certificationsRequired: z.array(z.string().trim().min(1).max(120)).max(10).optional(),
  location: VacancyLocation,
  radiusKm: z.number().min(1).max(500).optional(),
  openings: z.number().int().min(1).max(10_000),
  wage: Wage.optional(),
  startDate: dateOnly,
  closesAt: dateOrDateTime.optional(),
  nightShift: z.boolean().optional(),
  status: z.enum(['open', 'closed']).optional(),
  externalRef: z.string().trim().min(1).max(80).optional(),
};

export const CreateVacancyBody = z.object({ employerId: objectId.optional(), ...vacancyFields });
export type CreateVacancyInput = z.output<typeof CreateVacancyBody>;

export const PatchVacancyBody = z
  .object({
    ...vacancyFields,
    openings: z.number().int().min(0).max(10_000),
    status: VacancyStatus,
    closesAt: dateOrDateTime.nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: bi('tidak ada perubahan', 'nothing to change') });
export type PatchVacancyInput = z.output<typeof PatchVacancyBody>;

export const ListVacanciesQuery = z.object({
  status: VacancyStatus.optional(),
  regency: z.string().trim().min(1).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  employerId: objectId.optional(),
  ...pageQuery,
});

export const VacancyView = z.object({
  id: z.string(),
  employerId: z.string(),
  employer: z.object({ name: z.string(), verified: z.boolean(), fairChancePledge: z.boolean() }).optional(),
  title: z.string(),
  kbji: z.string().optional(),
  sector: Sector,
  description: z.string(),
  skills: z.array(
    z.object({
      code: z.string(),
      label: z.object({ id: z.string(), en: z.string() }),
      required: z.boolean(),
      minLevel: Level.optional(),
    }),
  ),
  certificationsRequired: z.array(z.string()),
  location: z.object({
    province: z.string(),
    regency: z.string(),
    lat: z.number().optional(),
    lng: z.number().optional(),
  }),
  radiusKm: z.number(),
  openings: z.number(),
  wage: z.object({ min: z.number(), max: z.number(), period: z.enum(WAGE_PERIODS) }).optional(),
  startDate: z.string(),
  closesAt: z.string().optional(),
  nightShift: z.boolean(),
  status: VacancyStatus,
  version: z.number(),
  externalRef: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VacancyView = z.output<typeof VacancyView>;
export const VacancyPage = pageSchema(VacancyView);
