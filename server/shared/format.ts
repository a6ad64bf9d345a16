const dayId = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dayEn = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});

/** "12 Januari 2027" for a YYYY-MM-DD day or a date (calendar dates are stored at midnight UTC). */
export function formatDayId(d: string | Date): string {
  return dayId.format(typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d);
}

/** "12 January 2027". */
export function formatDayEn(d: string | Date): string {
  return dayEn.format(typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d);
}

/** "Rp 3.500.000". */
export function formatRupiah(n: number): string {
  return rupiah.format(n);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
