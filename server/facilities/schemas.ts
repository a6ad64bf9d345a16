import { z } from 'zod';
import { INDONESIAN_TIMEZONES, LatLng, regionName } from '../shared/schemas.js';
import { FACILITY_KINDS } from './model.js';

export const FacilityKind = z.enum(FACILITY_KINDS);

export const CreateFacilityBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/)
    .transform((s) => s.toUpperCase()),
  name: z.string().trim().min(3).max(160),
  kind: FacilityKind,
  province: regionName,
  regency: regionName,
  location: LatLng,
  timezone: z.enum(INDONESIAN_TIMEZONES),
});

export const FacilityView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: FacilityKind,
  province: z.string(),
  regency: z.string(),
  location: LatLng,
  timezone: z.enum(INDONESIAN_TIMEZONES),
});
export type FacilityView = z.output<typeof FacilityView>;
