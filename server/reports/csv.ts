// CSV output for reports: RFC 4180 quoting, CRLF line ends, one header row.
// csv-stringify is not a dependency; these few lines are all the reports need.

import { PLACEMENT_STATES } from '../placements/states.js';
import {
  type BreakdownRow,
  type PlacementsReport,
  type RetentionSet,
  type SkillsGapReport,
  STATE_LABELS,
} from './service.js';

export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/**
 * One cell: numbers as written by JavaScript, null/undefined as empty, text quoted when it holds a
 * quote, separator or line break (quotes doubled). Text that a spreadsheet would run as a formula
 * (`=…`, `+…`, `-…`, `@…`) gets a leading apostrophe, since programme and BLK names are typed by people.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: the header row, then one line per row, CRLF-terminated. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  // Short rows are padded so every line has as many cells as the header.
  const line = (r: readonly CsvValue[]) =>
    Array.from({ length: Math.max(header.length, r.length) }, (_, i) => csvCell(r[i])).join(',');
  const lines = [line(header), ...rows.map(line)];
  return `${lines.join('\r\n')}\r\n`;
}

/** Headers for a CSV download named `filename` (reduced to safe characters). */
export function csvHeaders(filename: string): Record<string, string> {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${safe}"`,
  };
}

// ---------------------------------------------------------------------------------------------
// The reports as flat tables
// ---------------------------------------------------------------------------------------------

export const PLACEMENTS_CSV_HEADER = [
  'section',
  'key',
  'label',
  'labelEn',
  'placements',
  'hired',
  'eligible30',
  'retained30',
  'rate30',
  'eligible90',
  'retained90',
  'rate90',
  'eligible180',
  'retained180',
  'rate180',
  'medianDaysReleaseToHire',
  'medianN',
] as const;

function retentionCells(r: RetentionSet): CsvValue[] {
  return [r.d30, r.d90, r.d180].flatMap((x) => [x.eligible, x.retained, x.rate]);
}

/**
 * The placements report as one flat table with a `section` column: `total` (one row, key `all`,
 * with the median), `state` (one row per state, its count under `placements`), `vocation` and
 * `programme` (the breakdown rows). Cells that do not apply to a section are empty.
 */
export function placementsReportCsv(r: PlacementsReport): string {
  const { from, to } = r.period;
  const rows: CsvValue[][] = [
    [
      'total',
      'all',
      `Semua penempatan ${from} s.d. ${to}`,
      `All placements ${from} to ${to}`,
      r.total,
      r.hired,
      ...retentionCells(r.retention),
      r.daysReleaseToHire.median,
      r.daysReleaseToHire.n,
    ],
    ...PLACEMENT_STATES.map((s) => ['state', s, STATE_LABELS[s].id, STATE_LABELS[s].en, r.byState[s]]),
    ...r.byVocation.map((b) => breakdownCells('vocation', b)),
    ...r.byProgramme.map((b) => breakdownCells('programme', b)),
  ];
  return toCsv(PLACEMENTS_CSV_HEADER, rows);
}

function breakdownCells(section: string, b: BreakdownRow): CsvValue[] {
  return [section, b.key, b.label.id, b.label.en, b.placements, b.hired, ...retentionCells(b.retention)];
}

export const SKILLS_GAP_CSV_HEADER = [
  'code',
  'label',
  'labelEn',
  'vocation',
  'vocationLabel',
  'demand',
  'supply',
  'gap',
  'programmes',
] as const;

/**
 * The skills-gap report, one row per skill. `programmes` lists the suggested BLK programmes as
 * "code: name (hours jam; certification scheme)", separated by " | ".
 */
export function skillsGapCsv(r: SkillsGapReport): string {
  return toCsv(
    SKILLS_GAP_CSV_HEADER,
    r.items.map((g) => [
      g.code,
      g.label.id,
      g.label.en,
      g.vocation?.code,
      g.vocation?.label.id,
      g.demand,
      g.supply,
      g.gap,
      g.programmes
        .map(
          (p) =>
            `${p.code}: ${p.name.id} (${p.hours} jam${p.certificationScheme ? `; ${p.certificationScheme}` : ''})`,
        )
        .join(' | '),
    ]),
  );
}
