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

/** Formatted days by key: Intl formatting is slow and a digest names the same few days many times. */
function dayFormatter(f: Intl.DateTimeFormat): (d: string | Date) => string {
  const cache = new Map<string | number, string>();
  return (d) => {
    const key = typeof d === 'string' ? d : d.getTime();
    let out = cache.get(key);
    if (out === undefined) {
      out = f.format(typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d);
      if (cache.size >= 10_000) cache.clear();
      cache.set(key, out);
    }
    return out;
  };
}

/** "12 Januari 2027" for a YYYY-MM-DD day or a date (calendar dates are stored at midnight UTC). */
export const formatDayId: (d: string | Date) => string = dayFormatter(dayId);

/** "12 January 2027". */
export const formatDayEn: (d: string | Date) => string = dayFormatter(dayEn);

/** "Rp 3.500.000". */
export function formatRupiah(n: number): string {
  return rupiah.format(n);
}

const HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(s: string): string {
  return HTML_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : s;
}
