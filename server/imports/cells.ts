// Turning CSV cells into the values the API schemas expect. Cells are text; these converters accept
// the spellings operators actually type (ya/tidak, L/P, decimal commas) and leave the real
// validation to the same zod schemas the API uses.

import { SECTORS } from '../shared/sectors.js';
import { foldText } from '../shared/text.js';

/** A conversion problem with one cell, in Bahasa Indonesia and English. */
export interface CellProblem {
  message: string;
  messageEn: string;
}

export type Cell<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = (message: string, messageEn: string): Cell<never> => ({
  ok: false,
  problem: { message, messageEn },
});

const TRUE = new Set(['true', 'ya', 'y', '1', 'yes']);
const FALSE = new Set(['false', 'tidak', 'n', '0', 'no']);

/** true/false, ya/tidak, y/n, yes/no, 1/0 (any case). */
export function toBool(text: string): Cell<boolean> {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return bad(`"${text}" bukan nilai ya/tidak (true/false)`, `"${text}" is not a yes/no value (true/false)`);
}

/** A decimal number; a single decimal comma is accepted ("-4,53"). */
export function toDecimal(text: string): Cell<number> {
  const s = text.trim();
  if (!/^[+-]?\d+([.,]\d+)?$/.test(s)) return bad(`"${text}" bukan angka`, `"${text}" is not a number`);
  return ok(Number(s.replace(',', '.')));
}

/** A whole number; thousands separators in groups of three are accepted ("2.500.000"). */
export function toInteger(text: string): Cell<number> {
  const s = text.trim();
  if (/^[+-]?\d+$/.test(s)) return ok(Number(s));
  if (/^\d{1,3}([., ]\d{3})+$/.test(s)) return ok(Number(s.replace(/[., ]/g, '')));
  return bad(`"${text}" bukan bilangan bulat`, `"${text}" is not a whole number`);
}

/** `;`-separated items, trimmed, empty items dropped. */
export function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

const GENDERS: Record<string, 'male' | 'female'> = {
  male: 'male',
  m: 'male',
  l: 'male',
  'laki-laki': 'male',
  'laki laki': 'male',
  lakilaki: 'male',
  female: 'female',
  f: 'female',
  p: 'female',
  perempuan: 'female',
  wanita: 'female',
};

/** male/female, L/P, laki-laki/perempuan; anything else is passed on for the schema to reject. */
export function toGender(text: string): string {
  const s = text.trim().toLowerCase();
  return GENDERS[s] ?? s;
}

/** Lowercase with spaces and dashes as underscores: "Bebas Murni" → "bebas_murni", "PB" → "pb". */
export function toCode(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const sectorByLabel = new Map<string, string>();
for (const [code, label] of Object.entries(SECTORS)) {
  sectorByLabel.set(foldText(code), code);
  sectorByLabel.set(foldText(label.id), code);
  sectorByLabel.set(foldText(label.en), code);
}

/** A sector code, or its Indonesian or English label ("Konstruksi" → construction). */
export function toSector(text: string): string {
  return sectorByLabel.get(foldText(text)) ?? toCode(text);
}

const LEVEL_WORDS: Record<string, string> = {
  dasar: 'basic',
  menengah: 'intermediate',
  mahir: 'advanced',
};
const EVIDENCE_WORDS: Record<string, string> = {
  pengalaman: 'experience',
  pelatihan: 'training',
  sertifikasi: 'certification',
  sertifikat: 'certification',
};

/** A skill level in English or Indonesian (dasar/menengah/mahir). */
export function toLevel(text: string): string {
  const s = text.trim().toLowerCase();
  return LEVEL_WORDS[s] ?? s;
}

/** Skill evidence in English or Indonesian (pengalaman/pelatihan/sertifikasi). */
export function toEvidence(text: string): string {
  const s = text.trim().toLowerCase();
  return EVIDENCE_WORDS[s] ?? s;
}
