import { z } from 'zod';
import { bi } from '../http/validate.js';

/** A calendar date `YYYY-MM-DD`, parsed to midnight UTC. */
export const dateOnly = z.iso
  .date({ error: bi('tanggal harus berformat YYYY-MM-DD', 'date must be YYYY-MM-DD') })
  .transform((s) => new Date(`${s}T00:00:00.000Z`));

/** A date or a date-time; date-only values mean midnight UTC. */
export const dateOrDateTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: bi(
      'tanggal/waktu tidak valid (YYYY-MM-DD atau ISO 8601)',
      'invalid date/time (YYYY-MM-DD or ISO 8601)',
    ),
  })
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s));

export const LatLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.output<typeof LatLng>;

/** Indonesia's three time zones: WIB, WITA, WIT. */
export const INDONESIAN_TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export const regionName = z.string().trim().min(2).max(80);

export const email = z
  .email({ error: bi('alamat email tidak valid', 'invalid email address') })
  .max(254)
  .transform((s) => s.trim().toLowerCase());

export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, bi('nomor telepon tidak valid', 'invalid phone number'));

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), limit: z.number() });
}

/** `YYYY-MM-DD` of a date in UTC (dates are stored at midnight UTC). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
