import { z } from 'zod';
import { email, LatLng, regionName } from '../shared/schemas.js';
import { SECTOR_CODES } from '../shared/sectors.js';

export const Sector = z.enum(SECTOR_CODES);

export const CreateEmployerBody = z.object({
  name: z.string().trim().min(2).max(160),
  sector: Sector,
  province: regionName,
  regency: regionName,
  location: LatLng.optional(),
  contactEmail: email,
  fairChancePledge: z.boolean().default(false),
  verified: z.boolean().optional().describe('admins only'),
});

export const PatchEmployerBody = CreateEmployerBody.partial()
  .extend({ fairChancePledge: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'kosong || empty patch' });

export const EmployerView = z.object({
  id: z.string(),
  name: z.string(),
  sector: Sector,
  province: z.string(),
  regency: z.string(),
  location: LatLng.optional(),
  contactEmail: z.string(),
  fairChancePledge: z.boolean(),
  verified: z.boolean(),
  verifiedAt: z.string().optional(),
  createdAt: z.string(),
});
export type EmployerView = z.output<typeof EmployerView>;
