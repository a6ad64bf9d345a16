// Generated CSV files for the import tests, written to the OS temp directory (never the repo), with
// the exact (line, column) pairs each bad row must produce.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CANDIDATE_COLUMNS } from '../../server/imports/candidates.js';
import type { ImportSummary, RowIssue } from '../../server/imports/runner.js';
import { VACANCY_COLUMNS } from '../../server/imports/vacancies.js';
import { dayFromNow } from '../support/factories.js';

/** A fresh temp directory and a function that removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bk-import-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Writes rows as CSV and returns the physical line each data row starts on (header = line 1), so
 * expectations survive multi-line cells.
 */
export function writeCsv(
  file: string,
  header: readonly string[],
  rows: string[][],
  opts: { delimiter?: string; eol?: string; bom?: boolean } = {},
): number[] {
  const { delimiter = ',', eol = '\n', bom = false } = opts;
  const lines = [header.join(delimiter)];
  const starts: number[] = [];
  let line = 2;
  for (const r of rows) {
    const text = r.map((c) => quote(c, delimiter)).join(delimiter);
    starts.push(line);
    line += 1 + (text.match(/\n/g)?.length ?? 0);
    lines.push(eol === '\n' ? text : text.replace(/(?<!\r)\n/g, eol));
  }
  writeFileSync(file, `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`, 'utf8');
  return starts;
}

/** The error report as written, parsed back. */
export function readReport(file: string): RowIssue[] {
  const records = parse(readFileSync(file, 'utf8'), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return records.map((r) => ({
    row: Number(r.row),
    field: r.field ?? '',
    message: r.message ?? '',
    messageEn: r.messageEn ?? '',
  }));
}

/** `line|column` for each issue, for exact set comparisons. */
export function pairs(issues: readonly RowIssue[]): string[] {
  return [...new Set(issues.map((i) => `${i.row}|${i.field}`))].sort();
}

export function counts(s: ImportSummary) {
  return { created: s.created, updated: s.updated, unchanged: s.unchanged, failed: s.failed };
}

// ---------------------------------------------------------------- candidates

export type CandidateRow = Record<(typeof CANDIDATE_COLUMNS)[number], string>;

const SKILL_SETS = [
  'las listrik:intermediate:training; welding.safety:basic',
  'automotive.motorcycle-efi:advanced',
  'K3 Pengelasan:dasar:pengalaman',
  '',
  'welding.smaw:basic; welding.smaw:advanced:certification',
];
const RELEASE_TYPES = ['pb', 'cb', 'bebas_murni', 'cmb', 'asimilasi', 'PB', 'Bebas Murni'];

/** A valid candidate row; `i` varies every column so the import sees many spellings. */
export function goodCandidateRow(i: number, prefix: string, bapasCode: string): CandidateRow {
  const even = i % 2 === 0;
  return {
    registrationNumber: `${prefix}-${i}/2025`,
    fullName: `Warga Binaan ${i}`,
    birthDate: `${1970 + (i % 35)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    gender: ['L', 'P', 'male', 'female'][i % 4]!,
    bapasCode: i % 3 === 0 ? bapasCode : '',
    province: 'Sulawesi Selatan',
    regency: i % 5 === 0 ? 'Kab. Bone' : 'Bone',
    lat: even ? (i % 4 === 0 ? '-4,53' : '-4.53') : '',
    lng: even ? '120.32' : '',
    releaseDate: dayFromNow(10 + (i % 400)),
    releaseType: RELEASE_TYPES[i % RELEASE_TYPES.length]!,
    skills: SKILL_SETS[i % SKILL_SETS.length]!,
    education: ['sd', 'smp', 'SMA', 'smk', ''][i % 5]!,
    languages: even ? 'Bahasa Indonesia; Bugis' : '',
    preferredSectors: i % 3 === 1 ? 'manufacturing; Konstruksi' : '',
    preferredRegencies: i % 3 === 2 ? 'Bone; Makassar' : '',
    willingToRelocate: even ? 'ya' : 'tidak',
    nightShiftOk: i % 3 === 0 ? 'true' : '',
    email: even ? `WBP${i}@Test.BekalKerja.local` : '',
    phone: i % 3 === 0 ? `+62 812 ${String(i).padStart(6, '0')}` : '',
    shareWithEmployers: i % 3 === 0 ? 'ya' : 'tidak',
    contactByEmail: even ? 'Y' : '',
    offenceCategory: i % 4 === 0 ? 'pencurian' : '',
    allowedRegencies: i % 6 === 0 ? 'Bone' : '',
    curfew: i % 6 === 0 ? 'ya' : '',
    excludedSectors: i % 8 === 0 ? 'finance; Perdagangan eceran' : '',
    notes: i % 50 === 7 ? `Catatan, "penting"\nbaris kedua ${i}` : '',
  };
}

export const toCells = (r: CandidateRow): string[] => CANDIDATE_COLUMNS.map((c) => r[c]);

/** A bad row of kind `kind`, and the columns it must be reported on (`''` = the whole row). */
export function badCandidateRow(
  kind: number,
  i: number,
  prefix: string,
  codes: { bapas: string; lapas: string },
  previousRegNo: string,
): { cells: string[]; fields: string[] } {
  const r = goodCandidateRow(i, prefix, codes.bapas);
  const cases: [Partial<CandidateRow>, string[]][] = [
    [{ birthDate: '1990-13-45' }, ['birthDate']],
    [{ releaseType: 'parole' }, ['releaseType']],
    [{ skills: 'las lisrik:basic' }, ['skills']],
    [{ lat: '95', lng: '120' }, ['lat']],
    [{ email: 'bukan-email' }, ['email']],
    [{ registrationNumber: previousRegNo }, ['registrationNumber']],
    [{ fullName: '' }, ['fullName']],
    [{ gender: 'x' }, ['gender']],
    [{ bapasCode: 'TIDAK-ADA' }, ['bapasCode']],
    [{ bapasCode: codes.lapas }, ['bapasCode']],
    [{ releaseDate: 'besok', nightShiftOk: 'mungkin' }, ['releaseDate', 'nightShiftOk']],
    [{ lat: '-4.5', lng: '' }, ['lng']],
    [{ preferredSectors: 'manufacturing; perbankan' }, ['preferredSectors']],
    [{ skills: 'las listrik' }, ['skills']],
    [{ registrationNumber: `${prefix} ${i}` }, ['registrationNumber']],
    [{ birthDate: dayFromNow(30) }, ['birthDate']],
    [{}, ['']], // one cell short
    [{ releaseDate: '' }, ['releaseDate']],
  ];
  const [overrides, fields] = cases[kind % cases.length]!;
  const cells = toCells({ ...r, ...overrides });
  if (kind % cases.length === 16) cells.pop();
  return { cells, fields };
}

export const BAD_KINDS = 18;

// ---------------------------------------------------------------- vacancies

export type VacancyRow = Record<(typeof VACANCY_COLUMNS)[number], string>;

export function vacancyRow(i: number, employer: { name: string; id: string }, ref: string): VacancyRow {
  return {
    employerName: i % 4 === 3 ? '' : employer.name,
    employerId: i % 4 === 3 ? employer.id : '',
    externalRef: `${ref}-${i}`,
    title: `Juru Las ${i}`,
    kbji: '7212',
    sector: i % 2 ? 'manufacturing' : 'Konstruksi',
    description: `Pengelasan rangka baja nomor ${i} di bengkel Watampone.`,
    skills: i % 3 ? 'las listrik:required:basic; welding.safety:optional' : 'welding.gmaw:wajib',
    certificationsRequired: i % 5 === 0 ? 'las listrik' : '',
    province: 'Sulawesi Selatan',
    regency: 'Bone',
    lat: i % 2 ? '-4.54' : '',
    lng: i % 2 ? '120.33' : '',
    radiusKm: i % 3 ? '' : '30',
    openings: String((i % 5) + 1),
    wageMin: i % 2 ? '2.500.000' : '',
    wageMax: i % 2 ? '3500000' : '',
    wagePeriod: i % 2 ? 'bulan' : '',
    startDate: dayFromNow(20 + i),
    closesAt: i % 4 === 0 ? dayFromNow(15 + i) : '',
    nightShift: i % 2 ? 'tidak' : '',
    status: i % 7 === 0 ? 'closed' : 'open',
  };
}

export const vacancyCells = (r: VacancyRow): string[] => VACANCY_COLUMNS.map((c) => r[c]);
