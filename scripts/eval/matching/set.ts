/**
 * The labelled matching evaluation set: its shape, where its files live, and how its relative days
 * become dates. Every date in the set is a whole number of days from the set's `asOf` day, so the
 * evaluation gives the same answer whatever day it runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EducationLevel, ReleaseType, TrainingResult } from '../../../server/candidates/types.js';
import type { Evidence, Level } from '../../../server/shared/levels.js';
import type { Sector } from '../../../server/shared/sectors.js';

/** Where the set's data files live. */
export const SET_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'matching-eval',
);

export interface EvalPoint {
  regency: string;
  lat: number;
  lng: number;
}

export interface EvalFacility {
  key: string;
  kind: 'lapas' | 'rutan' | 'lpka' | 'bapas' | 'blk';
  name: string;
  at: EvalPoint;
}

export interface EvalEmployer {
  key: string;
  name: string;
  sector: Sector;
  at: EvalPoint;
}

export interface EvalVacancySkill {
  code: string;
  required: boolean;
  minLevel?: Level;
}

export interface EvalVacancy {
  key: string;
  /** The BLK vocation (kejuruan) the vacancy belongs to, for per-vocation reporting. */
  vocation: string;
  employer: string;
  title: string;
  sector: Sector;
  description: string;
  skills: EvalVacancySkill[];
  certificationsRequired: string[];
  at: EvalPoint;
  radiusKm: number;
  openings: number;
  startInDays: number;
  /** Closing day relative to asOf; absent means open-ended. */
  closesInDays?: number;
  nightShift: boolean;
  status: 'open' | 'closed';
}

export interface EvalTraining {
  programme: string;
  /** BLK facility key. */
  provider: string;
  /** Days before asOf the course ended (negative: ends after asOf, e.g. an ongoing course). */
  endedDaysAgo: number;
  hours: number;
  result: TrainingResult;
  skills: string[];
}

export interface EvalCertification {
  scheme: string;
  issuer: string;
  skills: string[];
  issuedDaysAgo: number;
  /** How long the certificate is valid, in days from issue; absent means no expiry. */
  validDays?: number;
}

/** Why the candidate is in the set, written when the set was designed (checked against the labels). */
export interface EvalDesign {
  vacancy: string;
  archetype: string;
}

export interface EvalCandidate {
  key: string;
  design: EvalDesign;
  ageYears: number;
  gender: 'male' | 'female';
  /** Lapas, Rutan or LPKA facility key. */
  facility: string;
  /** Bapas facility key, if supervised. */
  bapas?: string;
  home: EvalPoint;
  status: 'in_custody' | 'released' | 'withdrawn';
  /** Expected release day relative to asOf; for released people it is also the actual release day. */
  releaseInDays: number;
  releaseType: ReleaseType;
  /** The profile's skills exactly as stored once trainings and certifications are recorded. */
  skills: { code: string; level: Level; evidence?: Evidence }[];
  trainings: EvalTraining[];
  certifications: EvalCertification[];
  education: EducationLevel;
  languages: string[];
  workHistory: { title: string; years: number }[];
  consent: boolean;
  preferences: {
    sectors?: Sector[];
    regencies?: string[];
    willingToRelocate?: boolean;
    nightShiftOk?: boolean;
  };
  restrictions: { allowedRegencies?: string[]; curfew?: boolean; excludedSectors?: Sector[] };
}

export interface EvalSet {
  /** The day (YYYY-MM-DD, UTC midnight) every relative day counts from; the matcher runs "as of" it. */
  asOf: string;
  province: string;
  facilities: EvalFacility[];
  employers: EvalEmployer[];
  vacancies: EvalVacancy[];
  candidates: EvalCandidate[];
}

export type Grade = 0 | 1 | 2 | 3;

/** One judged pair. */
export interface Qrel {
  vacancy: string;
  candidate: string;
  grade: Grade;
  reason: string;
}

/**
 * The labels as stored: per vacancy, every non-zero pair with its reason, and every zero pair
 * grouped under its reason (each begins with "hard rule:").
 */
export interface QrelsFile {
  rubric: string;
  vacancies: Record<
    string,
    { graded: { candidate: string; grade: 1 | 2 | 3; reason: string }[]; zero: Record<string, string[]> }
  >;
}

/** The figures a run must not fall below (see recorded.json). */
export interface RecordedFigures {
  date: string;
  vacancies: number;
  candidates: number;
  ours: { precisionAt10: number; ndcgAt10: number };
  baseline: { precisionAt10: number; ndcgAt10: number };
}

const DAY_MS = 24 * 3600 * 1000;

/** The asOf day as a Date (midnight UTC). */
export function asOfDate(set: Pick<EvalSet, 'asOf'>): Date {
  return new Date(`${set.asOf}T00:00:00.000Z`);
}

/** `YYYY-MM-DD` of the day `days` after asOf (negative: before). */
export function dayFrom(set: Pick<EvalSet, 'asOf'>, days: number): string {
  return new Date(asOfDate(set).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SET_DIR, name), 'utf8')) as T;
}

/**
 * Reads the set: vacancies.json, then the designed people (candidates.json) and the training cohorts
 * (cohorts.json) merged in key order — the (shuffled) order in which they are created.
 */
export function readEvalSet(): EvalSet {
  const places = readJson<Omit<EvalSet, 'candidates'>>('vacancies.json');
  const candidates = ['candidates.json', 'cohorts.json']
    .flatMap((name) => readJson<{ candidates: EvalCandidate[] }>(name).candidates)
    .sort((a, b) => a.key.localeCompare(b.key));
  return { ...places, candidates };
}

/** Flattens qrels.json into one entry per judged pair. */
export function readQrels(): Qrel[] {
  return flattenQrels(readJson<QrelsFile>('qrels.json'));
}

/** One entry per judged pair, zero groups expanded (each keeps its group's reason). */
export function flattenQrels(file: QrelsFile): Qrel[] {
  const out: Qrel[] = [];
  for (const [vacancy, { graded, zero }] of Object.entries(file.vacancies)) {
    for (const g of graded) out.push({ vacancy, candidate: g.candidate, grade: g.grade, reason: g.reason });
    for (const [reason, keys] of Object.entries(zero)) {
      for (const candidate of keys) out.push({ vacancy, candidate, grade: 0, reason });
    }
  }
  return out;
}

/** The figures the quality test must not fall below. */
export function readRecorded(): RecordedFigures {
  return readJson<RecordedFigures>('recorded.json');
}

/** Records new figures (`npm run eval:matching -- --record`). */
export function writeRecorded(figures: RecordedFigures): void {
  fs.writeFileSync(path.join(SET_DIR, 'recorded.json'), `${JSON.stringify(figures, null, 2)}\n`);
}
