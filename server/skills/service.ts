// The skills capability: look-ups, search, name resolution and suggestions over the static taxonomy.
// No database: every index below is built once when the module loads.

import { type ErrorDetail, errors } from '../http/errors.js';
import { PROGRAMMES, type ProgrammeDef, SKILLS, type SkillDef, VOCATIONS } from './taxonomy.data.js';

export type { ProgrammeDef, SkillDef } from './taxonomy.data.js';

/** What leaves the API for one skill. */
export interface SkillView {
  code: string;
  label: { id: string; en: string };
  synonyms: string[];
  kbji: string;
  vocation: string;
}

export interface VocationView {
  code: string;
  label: { id: string; en: string };
  synonyms: string[];
  skillCount: number;
}

/** A skill as callers send it: its code, or any name people use for it. */
export type SkillRef = { code: string } | { name: string };

export type SkillResolution =
  | { ok: true; code: string }
  | {
      ok: false;
      /** `ambiguous` when the name is a whole trade ("las", "welder") rather than one skill. */
      reason: 'unknown' | 'ambiguous';
      /** The trade an ambiguous name stands for. */
      vocation?: string;
      suggestions: SkillView[];
    };

export interface ProgrammeMatch {
  programme: ProgrammeDef;
  /** The requested skill codes this programme teaches, in the programme's order. */
  covers: string[];
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;
const MAX_SUGGESTIONS = 5;
/** Below this similarity a skill is not worth suggesting. */
const MIN_SUGGESTION_SCORE = 0.2;
/** Words that say nothing about a skill; ignored when comparing word by word. */
const STOPWORDS = new Set([
  'dan',
  'atau',
  'di',
  'ke',
  'dari',
  'untuk',
  'dengan',
  'yang',
  'and',
  'or',
  'of',
  'the',
  'a',
  'an',
  'in',
  'with',
]);

/**
 * Normalises free text for matching: lowercase, diacritics stripped (NFKD), apostrophes dropped
 * ("men's" → "mens"), any other punctuation turned into a space, spaces collapsed and trimmed.
 */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Indexes, built once
// ---------------------------------------------------------------------------------------------

interface Prepared {
  text: string;
  tokens: string[];
  grams: Set<string>;
}

interface SkillEntry {
  index: number;
  def: SkillDef;
  view: SkillView;
  /** Normalised code, labels and synonyms, unique. */
  terms: Prepared[];
  /** Every word of every term. */
  words: Set<string>;
}

function prepare(text: string): Prepared {
  return { text, tokens: text.split(' ').filter(Boolean), grams: trigrams(text) };
}

function uniqueNormalised(values: readonly string[]): string[] {
  return [...new Set(values.map(normaliseText).filter(Boolean))];
}

function freezeView(def: SkillDef): SkillView {
  return Object.freeze({
    code: def.code,
    label: Object.freeze({ id: def.label.id, en: def.label.en }),
    synonyms: Object.freeze([...def.synonyms]) as string[],
    kbji: def.kbji,
    vocation: def.vocation,
  });
}

const entries: SkillEntry[] = SKILLS.map((def, index) => {
  const terms = uniqueNormalised([def.code, def.label.id, def.label.en, ...def.synonyms]).map(prepare);
  return { index, def, view: freezeView(def), terms, words: new Set(terms.flatMap((t) => t.tokens)) };
});
const byCode = new Map(entries.map((e) => [e.def.code, e]));
const byCodeLower = new Map(entries.map((e) => [e.def.code.toLowerCase(), e]));

/** Normalised name → skill. The taxonomy keeps every term unique to one skill; first one wins otherwise. */
const byTerm = new Map<string, SkillEntry>();
for (const e of entries) for (const t of e.terms) if (!byTerm.has(t.text)) byTerm.set(t.text, e);

/** Every distinct word of every skill term. */
const vocabulary = [...new Set(entries.flatMap((e) => [...e.words]))];

/** Normalised trade word ("las", "welder", "teknik las pengelasan") → vocation code. */
const vocationByTerm = new Map<string, string>();
for (const v of VOCATIONS) {
  for (const t of uniqueNormalised([v.code, v.label.id, v.label.en, ...v.synonyms])) {
    if (!vocationByTerm.has(t)) vocationByTerm.set(t, v.code);
  }
}

const vocationCodes = new Set(VOCATIONS.map((v) => v.code));
const entriesByVocation = new Map<string, SkillEntry[]>();
for (const e of entries) {
  const list = entriesByVocation.get(e.def.vocation) ?? [];
  list.push(e);
  entriesByVocation.set(e.def.vocation, list);
}

const vocationViews: readonly VocationView[] = Object.freeze(
  VOCATIONS.map((v) =>
    Object.freeze({
      code: v.code,
      label: Object.freeze({ id: v.label.id, en: v.label.en }),
      synonyms: Object.freeze([...v.synonyms]) as string[],
      skillCount: entriesByVocation.get(v.code)?.length ?? 0,
    }),
  ),
);

/** Every vocation code, for request schemas. */
export const VOCATION_CODES = VOCATIONS.map((v) => v.code) as [string, ...string[]];

// ---------------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------------

/** The skill with exactly this code (codes are canonical lowercase), if any. */
export function getSkill(code: string): SkillDef | undefined {
  return byCode.get(code)?.def;
}

/** The API view of the skill with exactly this code, if any. */
export function getSkillView(code: string): SkillView | undefined {
  return byCode.get(code)?.view;
}

/** Whether `code` is a canonical skill code; use it to validate stored codes. */
export function isSkillCode(code: string): boolean {
  return byCode.has(code);
}

/** Whether `code` is a vocation code. */
export function isVocationCode(code: string): boolean {
  return vocationCodes.has(code);
}

/** The vocation (kejuruan) of a skill code, if the code exists. */
export function vocationOf(code: string): string | undefined {
  return byCode.get(code)?.def.vocation;
}

/** Every vocation with the number of skills it holds, in taxonomy order. */
export function listVocations(): VocationView[] {
  return [...vocationViews];
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/**
 * How well a skill matches a search; lower ranks first. Within prefix and word-prefix matches, a
 * query that ends on a word boundary ("ac" in "ac split") beats one inside a word ("ac" in "acian").
 */
const Rank = {
  Exact: 0,
  PrefixWords: 1,
  Prefix: 2,
  WordPrefixWords: 3,
  WordPrefix: 4,
  Substring: 5,
  Words: 6,
  Vocation: 7,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

function termRank(term: string, q: string): Rank | undefined {
  if (term === q) return Rank.Exact;
  if (term.startsWith(q)) return term[q.length] === ' ' ? Rank.PrefixWords : Rank.Prefix;
  const padded = ` ${term} `;
  if (padded.includes(` ${q} `)) return Rank.WordPrefixWords;
  if (padded.includes(` ${q}`)) return Rank.WordPrefix;
  if (term.includes(q)) return Rank.Substring;
  return undefined;
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_LIST_LIMIT);
}

function meaningfulTokens(tokens: string[]): string[] {
  const kept = tokens.filter((t) => !STOPWORDS.has(t));
  return kept.length ? kept : tokens;
}

/**
 * Searches skills for a picker or autocomplete. `q` matches code, labels and synonyms (normalised):
 * exact term first, then terms starting with `q`, then words starting with `q`, then any substring,
 * then shared words, then skills of a trade named by `q` ("montir"). Ties keep taxonomy order.
 * Without `q` every skill (of `vocation`, if given) is returned unless `limit` is set; with `q` the
 * default limit is 50. `limit` is capped at 500.
 */
export function listSkills(opts: { q?: string; vocation?: string; limit?: number }): SkillView[] {
  const pool = opts.vocation ? (entriesByVocation.get(opts.vocation) ?? []) : entries;
  const q = normaliseText(opts.q ?? '');
  if (!q) return pool.slice(0, clampLimit(opts.limit, MAX_LIST_LIMIT)).map((e) => e.view);

  const qTokens = meaningfulTokens(q.split(' '));
  const tradeOfQuery = vocationByTerm.get(q);
  const ranked: { entry: SkillEntry; rank: Rank; overlap: number }[] = [];
  for (const entry of pool) {
    let rank: Rank | undefined;
    for (const term of entry.terms) {
      const r = termRank(term.text, q);
      if (r !== undefined && (rank === undefined || r < rank)) rank = r;
      if (rank === Rank.Exact) break;
    }
    let overlap = 0;
    if (rank === undefined) {
      const hits = qTokens.filter(
        (qt) => entry.words.has(qt) || (qt.length >= 3 && hasWordStartingWith(entry, qt)),
      );
      overlap = hits.length / qTokens.length;
      if (overlap > 0) rank = Rank.Words;
      else if (tradeOfQuery === entry.def.vocation) rank = Rank.Vocation;
    }
    if (rank !== undefined) ranked.push({ entry, rank, overlap });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.overlap - a.overlap || a.entry.index - b.entry.index);
  return ranked.slice(0, clampLimit(opts.limit, DEFAULT_LIST_LIMIT)).map((r) => r.entry.view);
}

function hasWordStartingWith(entry: SkillEntry, prefix: string): boolean {
  for (const w of entry.words) if (w.startsWith(prefix)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Resolution and suggestions
// ---------------------------------------------------------------------------------------------

/**
 * Turns a code or a name into a skill code. A code must match exactly (case-insensitive); a name
 * must equal a label, synonym or code after normalisation ("  LAS   listrik " → welding.smaw). A
 * trade word ("las", "welder") is ambiguous and suggests that trade's most common skills (taxonomy
 * order lists them first); anything else unknown suggests the closest skills, best first.
 */
export function resolveSkill(ref: SkillRef): SkillResolution {
  if ('code' in ref) {
    const hit = byCodeLower.get(ref.code.trim().toLowerCase());
    if (hit) return { ok: true, code: hit.def.code };
    return { ok: false, reason: 'unknown', suggestions: suggestSkills(ref.code) };
  }
  const name = normaliseText(ref.name);
  const hit = byTerm.get(name);
  if (hit) return { ok: true, code: hit.def.code };
  const vocation = vocationByTerm.get(name);
  if (vocation) {
    const common = (entriesByVocation.get(vocation) ?? []).slice(0, MAX_SUGGESTIONS).map((e) => e.view);
    return { ok: false, reason: 'ambiguous', vocation, suggestions: common };
  }
  return { ok: false, reason: 'unknown', suggestions: suggestSkills(ref.name) };
}

/**
 * Up to `limit` skills closest to free text, best first: character-trigram similarity (Dice) blended
 * with word-by-word matching that forgives small typos ("las lisrik" → welding.smaw).
 */
export function suggestSkills(text: string, limit = MAX_SUGGESTIONS): SkillView[] {
  const q = normaliseText(text);
  if (!q) return [];
  const query = prepare(q);
  const qTokens = meaningfulTokens(query.tokens);
  // Each query word against the whole vocabulary once; terms then only look scores up.
  const wordScores = qTokens.map((qt) => {
    const scores = new Map<string, number>();
    for (const w of vocabulary) {
      const score = wordSimilarity(qt, w);
      if (score > 0) scores.set(w, score);
    }
    return scores;
  });
  const trades = tradesNamedIn(query.text);
  const scored: { entry: SkillEntry; score: number }[] = [];
  for (const entry of entries) {
    let best = 0;
    for (const term of entry.terms) best = Math.max(best, similarity(query, wordScores, term));
    // A trade word in the query ("las …") tips close calls towards that trade's skills.
    if (trades.has(entry.def.vocation)) best += 0.05;
    if (best >= MIN_SUGGESTION_SCORE) scored.push({ entry, score: best });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.index - b.entry.index);
  return scored.slice(0, Math.max(0, limit)).map((s) => s.entry.view);
}

/** Vocations whose trade words appear as whole words in `text`, longest phrases winning. */
function tradesNamedIn(text: string): Set<string> {
  const padded = ` ${text} `;
  const found = [...vocationByTerm.keys()].filter((t) => padded.includes(` ${t} `));
  const longest = found.filter((t) => !found.some((o) => o !== t && ` ${o} `.includes(` ${t} `)));
  return new Set(longest.map((t) => vocationByTerm.get(t) ?? ''));
}

function similarity(query: Prepared, wordScores: Map<string, number>[], term: Prepared): number {
  const dice = diceCoefficient(query.grams, term.grams);
  let words = 0;
  for (const scores of wordScores) {
    let bestWord = 0;
    for (const tt of term.tokens) bestWord = Math.max(bestWord, scores.get(tt) ?? 0);
    words += bestWord;
  }
  words /= wordScores.length;
  let score = 0.6 * dice + 0.4 * words;
  // One contains the other as whole words ("las listrik 3g" ⊃ "las listrik").
  if (` ${term.text} `.includes(` ${query.text} `) || ` ${query.text} `.includes(` ${term.text} `)) {
    score = Math.max(score, 0.5 + 0.5 * dice);
  }
  return score;
}

function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 3 && (a.startsWith(b) || b.startsWith(a))) return 0.5 + (0.4 * shorter) / longer;
  const allowed = longer >= 8 ? 2 : longer >= 4 ? 1 : 0;
  if (allowed === 0) return 0;
  const d = levenshtein(a, b, allowed);
  return d <= allowed ? 1 - d / longer : 0;
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function diceCoefficient(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Edit distance, giving up (returning max + 1) once it must exceed `max`. */
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

const CODE_LIKE = /^[a-z]+\.[a-z0-9-]+$/i;

/** Reads one free-text item (a query-string or CSV value) as a code when it looks like one, else a name. */
export function skillRefFromText(text: string): SkillRef {
  const s = text.trim();
  return CODE_LIKE.test(s) ? { code: s } : { name: s };
}

function quoteList(views: SkillView[], lang: 'id' | 'en'): string {
  return views
    .slice(0, 3)
    .map((v) => `${v.label[lang]} (${v.code})`)
    .join(', ');
}

function failureDetail(
  ref: SkillRef,
  path: string,
  failure: Exclude<SkillResolution, { ok: true }>,
): ErrorDetail {
  const given = 'code' in ref ? ref.code : ref.name;
  const suggestions = failure.suggestions.map((s) => ({ code: s.code, label: { ...s.label } }));
  let message: string;
  let messageEn: string;
  if (failure.reason === 'ambiguous') {
    const trade = VOCATIONS.find((v) => v.code === failure.vocation);
    message = `"${given}" adalah nama kejuruan (${trade?.label.id ?? failure.vocation}), bukan satu keahlian. Pilih keahliannya, misalnya: ${quoteList(failure.suggestions, 'id')}`;
    messageEn = `"${given}" names a trade (${trade?.label.en ?? failure.vocation}), not one skill. Choose the skill, for example: ${quoteList(failure.suggestions, 'en')}`;
  } else if (failure.suggestions.length) {
    message = `Keahlian "${given}" tidak dikenal. Mungkin maksud Anda: ${quoteList(failure.suggestions, 'id')}`;
    messageEn = `Unknown skill "${given}". Did you mean: ${quoteList(failure.suggestions, 'en')}`;
  } else {
    message = `Keahlian "${given}" tidak dikenal`;
    messageEn = `Unknown skill "${given}"`;
  }
  return { path, code: 'unknown_skill', message, messageEn, reason: failure.reason, suggestions };
}

/**
 * Resolves a list of skill references to codes, in order. If any fail, throws one 400
 * (`validation_failed`) with a detail per failing item at `${pathPrefix}.${i}.code|name`, carrying
 * `suggestions: [{ code, label }]`. Duplicates are kept; callers decide what they mean.
 */
export function resolveSkillRefs(refs: readonly SkillRef[], pathPrefix: string): string[] {
  const codes: string[] = [];
  const details: ErrorDetail[] = [];
  refs.forEach((ref, i) => {
    const result = resolveSkill(ref);
    if (result.ok) codes.push(result.code);
    else details.push(failureDetail(ref, `${pathPrefix}.${i}.${'code' in ref ? 'code' : 'name'}`, result));
  });
  if (details.length) throw errors.validation(details);
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Programmes and search-engine synonyms
// ---------------------------------------------------------------------------------------------

/**
 * BLK programmes that teach any of the given skills, most skills covered first, then the shorter
 * course, then taxonomy order. Unknown codes are ignored. Used to turn missing skills into training
 * suggestions.
 */
export function programmesFor(
  codes: readonly string[],
  opts: { vocation?: string; limit?: number } = {},
): ProgrammeMatch[] {
  const wanted = new Set(codes);
  const matches: (ProgrammeMatch & { index: number })[] = [];
  PROGRAMMES.forEach((programme, index) => {
    if (opts.vocation && programme.vocation !== opts.vocation) return;
    const covers = programme.skills.filter((s) => wanted.has(s));
    if (covers.length) matches.push({ programme, covers, index });
  });
  matches.sort(
    (a, b) => b.covers.length - a.covers.length || a.programme.hours - b.programme.hours || a.index - b.index,
  );
  const limit = opts.limit === undefined ? matches.length : Math.max(0, Math.trunc(opts.limit));
  return matches.slice(0, limit).map(({ programme, covers }) => ({ programme, covers }));
}

/** Every programme (of `vocation`, if given) in taxonomy order, covering nothing in particular. */
export function listProgrammes(opts: { vocation?: string; limit?: number } = {}): ProgrammeMatch[] {
  const list = PROGRAMMES.filter((p) => !opts.vocation || p.vocation === opts.vocation);
  const limit = opts.limit === undefined ? list.length : Math.max(0, Math.trunc(opts.limit));
  return list.slice(0, limit).map((programme) => ({ programme, covers: [] }));
}

/**
 * Synonym groups for the search engine: one per skill (its labels and synonyms) and one per
 * vocation (its labels and trade words), normalised and de-duplicated; groups of one are dropped.
 */
export function synonymGroups(): string[][] {
  const groups: string[][] = [];
  for (const s of SKILLS) groups.push(uniqueNormalised([s.label.id, s.label.en, ...s.synonyms]));
  for (const v of VOCATIONS) groups.push(uniqueNormalised([v.label.id, v.label.en, ...v.synonyms]));
  return groups.filter((g) => g.length > 1);
}
