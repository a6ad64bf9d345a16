/** Calendar-day helpers. Days are `YYYY-MM-DD` strings; arithmetic is done at midnight UTC. */

/** `day` shifted by `days` (negative for earlier). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar day of `at` in `timeZone` (the demo's "today" is a day in WITA, Asia/Makassar). */
export function dayIn(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
