import type { Response } from 'supertest';
import { foldText } from '../../server/shared/text.js';

/** Keys no response may carry, whatever the route (the person's identity, case and contact data). */
export const FORBIDDEN_KEYS_EVERYWHERE = new Set([
  'fullName',
  'nameKey',
  'registrationNumber',
  'birthDate',
  'gender',
  'facilityId',
  'bapasId',
  'contact',
  'phone',
  'offenceCategory',
  'restrictions',
  'allowedRegencies',
  'excludedSectors',
  'curfew',
  'notes',
  'history',
  'workHistory',
  '_id',
]);

/**
 * Keys forbidden on routes that return people: also their email and any database id. `id` is allowed
 * only as the Indonesian half of a bilingual text (`{ id, en }`), e.g. a skill label.
 */
export const FORBIDDEN_KEYS_FOR_PEOPLE = new Set([...FORBIDDEN_KEYS_EVERYWHERE, 'email', 'id']);

/** Headers that are random per response and carry nothing from a record. */
const RANDOM_HEADERS = new Set(['x-request-id', 'etag', 'date']);

export interface Needle {
  /** What it is, for the failure message (never the value itself in full). */
  what: string;
  /** Lower-cased text that must not occur. */
  text: string;
}

/** Everything generated for one person that must never reach an employer. */
export interface Secrets {
  label: string;
  needles: Needle[];
  numbers: number[];
  /** Identifiers of the person: the database id always; the public id too when they are hidden. */
  ids: string[];
}

function variants(s: string): string[] {
  const out = new Set<string>();
  for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) out.add(s.normalize(form).toLowerCase());
  out.add(foldText(s));
  return [...out].filter((v) => v.length > 0);
}

/** Needles for a person's stored values (name parts over 3 characters, plus each distinctive value). */
export function secretsFor(
  label: string,
  p: {
    id: string;
    fullName: string;
    registrationNumber: string;
    birthDay: string;
    birthDate: Date;
    email: string;
    phone: string;
    offenceCategory: string;
    notes: string;
    tokens: Record<string, string>;
  },
): Secrets {
  const needles: Needle[] = [];
  const add = (what: string, value: string, min = 4) => {
    for (const v of variants(value)) if ([...v].length >= min) needles.push({ what, text: v });
  };
  add('fullName', p.fullName);
  for (const part of p.fullName.split(/\s+/u)) if (part.length > 3) add('name part', part);
  add('registrationNumber', p.registrationNumber, 3);
  add('birthDate', p.birthDay);
  const [y, m, d] = p.birthDay.split('-');
  add('birthDate (d/m/y)', `${d}/${m}/${y}`);
  add('birthDate (d-m-y)', `${d}-${m}-${y}`);
  add('email', p.email);
  add('phone', p.phone);
  const digits = p.phone.replace(/\D/g, '');
  add('phone digits', digits);
  add('phone (last 8 digits)', digits.slice(-8));
  add('offenceCategory', p.offenceCategory);
  add('notes', p.notes);
  for (const [what, token] of Object.entries(p.tokens)) add(`${what} token`, token);
  const ms = p.birthDate.getTime();
  return { label, needles, numbers: [ms, Math.floor(ms / 1000)], ids: [p.id] };
}

interface Collected {
  strings: string[];
  numbers: number[];
  keyProblems: string[];
}

function collect(body: unknown, forbiddenKeys: Set<string>): Collected {
  const out: Collected = { strings: [], numbers: [], keyProblems: [] };
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') out.strings.push(v);
    else if (typeof v === 'number') out.numbers.push(v);
    else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(x, `${path}[${i}]`);
    } else if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      const bilingual = 'en' in obj;
      for (const [k, x] of Object.entries(obj)) {
        out.strings.push(k);
        if (forbiddenKeys.has(k) && !(k === 'id' && bilingual)) out.keyProblems.push(`${path}.${k}`);
        visit(x, `${path}.${k}`);
      }
    }
  };
  visit(body, '$');
  return out;
}

/**
 * Every way `res` could leak one of `people`: forbidden keys, any of their values in the body (parsed
 * strings and raw text) or in a header, or a number equal to their birth date. Returns one line each.
 */
export function scanResponse(
  label: string,
  res: Response,
  people: readonly Secrets[],
  forbiddenKeys: Set<string>,
): string[] {
  const problems: string[] = [];
  const c = collect(res.body, forbiddenKeys);
  for (const k of c.keyProblems) problems.push(`${label}: forbidden key ${k}`);
  const headerText = Object.entries(res.headers as Record<string, string | string[]>)
    .filter(([name]) => !RANDOM_HEADERS.has(name.toLowerCase()))
    .map(([name, v]) => `${name}: ${Array.isArray(v) ? v.join(', ') : v}`)
    .join('\u0000')
    .toLowerCase();
  const bodyText = [...c.strings, typeof res.text === 'string' ? res.text : ''].join('\u0000').toLowerCase();
  const numbers = new Set(c.numbers);
  for (const p of people) {
    for (const n of p.needles) {
      if (bodyText.includes(n.text)) problems.push(`${label}: body holds ${p.label}'s ${n.what}`);
      if (headerText.includes(n.text)) problems.push(`${label}: a header holds ${p.label}'s ${n.what}`);
    }
    for (const id of p.ids) {
      const lower = id.toLowerCase();
      if (bodyText.includes(lower) || headerText.includes(lower))
        problems.push(`${label}: response holds ${p.label}'s identifier ${id}`);
    }
    for (const n of p.numbers)
      if (numbers.has(n)) problems.push(`${label}: a number equals ${p.label}'s birth date`);
  }
  return problems;
}
