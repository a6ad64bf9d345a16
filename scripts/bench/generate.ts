/**
 * The benchmark data set: facilities, employers, candidate and vacancy inputs shaped exactly like what
 * the API and imports hand to the services. Everything is drawn from seeded generators, one per record
 * index, so record i is identical in every run and at every data-set size.
 */
import type { CreateCandidateInput } from '../../server/candidates/schemas.js';
import type { EducationLevel, ReleaseType } from '../../server/candidates/types.js';
import type { Evidence, Level } from '../../server/shared/levels.js';
import type { Sector } from '../../server/shared/sectors.js';
import { SKILLS, type SkillDef, VOCATIONS } from '../../server/skills/taxonomy.data.js';
import type { CreateVacancyInput } from '../../server/vacancies/schemas.js';
import { BENCH_REGENCIES, type BenchRegency, REGENCY_WEIGHTS } from './places.js';
import { type Rng, rngFor } from './prng.js';

const DAY = 24 * 3600 * 1000;

/** How common each trade is among trained people and job openings (relative weights). */
const VOCATION_WEIGHTS: Record<string, number> = {
  construction: 14,
  automotive: 14,
  welding: 12,
  agriculture: 12,
  culinary: 10,
  garment: 8,
  electrical: 7,
  computer: 6,
  logistics: 6,
  fisheries: 5,
  barbering: 5,
  crafts: 4,
  furniture: 4,
  hospitality: 3,
  refrigeration: 3,
  electronics: 3,
  machining: 2,
};

const VOCATION_SECTOR: Record<string, Sector> = {
  welding: 'manufacturing',
  automotive: 'automotive',
  electrical: 'electrical',
  garment: 'garment',
  computer: 'ict_office',
  construction: 'construction',
  refrigeration: 'electrical',
  culinary: 'food_service',
  barbering: 'personal_care',
  agriculture: 'agriculture',
  fisheries: 'fisheries',
  crafts: 'creative',
  logistics: 'logistics',
  hospitality: 'hospitality',
  electronics: 'electrical',
  furniture: 'manufacturing',
  machining: 'manufacturing',
};

const vocationWeights = VOCATIONS.map((v) => [v.code, VOCATION_WEIGHTS[v.code] ?? 1] as const);

/** Skills of each trade with Zipf-like weights: the first skills of a trade are the common ones. */
const skillsByVocation = new Map<string, (readonly [SkillDef, number])[]>(
  VOCATIONS.map((v) => [
    v.code,
    SKILLS.filter((s) => s.vocation === v.code).map((s, rank) => [s, 1 / (rank + 1) ** 0.9] as const),
  ]),
);

function skillsOf(vocation: string): (readonly [SkillDef, number])[] {
  const list = skillsByVocation.get(vocation);
  if (!list?.length) throw new Error(`no skills for trade ${vocation}`);
  return list;
}

/** `n` distinct skills of a trade, popular ones first more often. */
function drawSkills(rng: Rng, vocation: string, n: number, exclude: Set<string> = new Set()): SkillDef[] {
  const pool = skillsOf(vocation).filter(([s]) => !exclude.has(s.code));
  const out: SkillDef[] = [];
  while (out.length < n && pool.length > 0) {
    const s = rng.weighted(pool);
    out.push(s);
    pool.splice(
      pool.findIndex(([x]) => x.code === s.code),
      1,
    );
  }
  return out;
}

function jitter(rng: Rng, r: BenchRegency, spreadDeg: number) {
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    lat: round(r.lat + (rng.next() - 0.5) * 2 * spreadDeg),
    lng: round(r.lng + (rng.next() - 0.5) * 2 * spreadDeg),
  };
}

const dayOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

function timezoneOf(province: string): 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura' {
  if (/Papua|Maluku/.test(province)) return 'Asia/Jayapura';
  if (/Sulawesi|Bali|Nusa Tenggara|Kalimantan (Timur|Selatan)/.test(province)) return 'Asia/Makassar';
  return 'Asia/Jakarta';
}

// ---------------------------------------------------------------- facilities and employers

export interface FacilitySpec {
  code: string;
  name: string;
  kind: 'lapas' | 'rutan' | 'bapas';
  province: string;
  regency: string;
  location: { lat: number; lng: number };
  timezone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
}

const shortName = (r: BenchRegency) => r.name.replace(/^(Kota|Kabupaten) /, '');

/** One Lapas per regency, a Rutan in the larger ones, one Bapas per province. */
export function benchFacilities(): FacilitySpec[] {
  const out: FacilitySpec[] = [];
  const provinces = new Map<string, BenchRegency>();
  for (const [i, r] of BENCH_REGENCIES.entries()) {
    const base = { province: r.province, regency: r.name, timezone: timezoneOf(r.province) };
    out.push({
      ...base,
      code: `BENCH-LAPAS-${i}`,
      name: `Lapas ${shortName(r)}`,
      kind: 'lapas',
      location: { lat: r.lat, lng: r.lng },
    });
    if (r.weight >= 4) {
      out.push({
        ...base,
        code: `BENCH-RUTAN-${i}`,
        name: `Rutan ${shortName(r)}`,
        kind: 'rutan',
        location: { lat: r.lat + 0.01, lng: r.lng },
      });
    }
    if (!provinces.has(r.province)) provinces.set(r.province, r);
  }
  for (const [i, r] of [...provinces.values()].entries()) {
    out.push({
      code: `BENCH-BAPAS-${i}`,
      name: `Bapas ${r.province}`,
      kind: 'bapas',
      province: r.province,
      regency: r.name,
      location: { lat: r.lat - 0.01, lng: r.lng },
      timezone: timezoneOf(r.province),
    });
  }
  return out;
}

export interface EmployerSpec {
  name: string;
  sector: Sector;
  province: string;
  regency: string;
  location: { lat: number; lng: number };
  contactEmail: string;
  fairChancePledge: boolean;
  verified: boolean;
  /** The trade the employer mostly hires for. */
  vocation: string;
}

const COMPANY_FORMS = ['PT', 'CV', 'UD', 'Koperasi'] as const;
const COMPANY_WORDS = [
  'Maju',
  'Jaya',
  'Sentosa',
  'Makmur',
  'Abadi',
  'Karya',
  'Mandiri',
  'Sejahtera',
  'Bersama',
  'Nusantara',
  'Harapan',
  'Bintang',
] as const;

/** `n` employers spread over the regencies, each hiring mostly for one trade. */
export function benchEmployers(n: number): EmployerSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const rng = rngFor('employer', i);
    const r = rng.weighted(REGENCY_WEIGHTS);
    const vocation = rng.weighted(vocationWeights);
    return {
      name: `${rng.pick(COMPANY_FORMS)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_WORDS)} ${shortName(r)} ${i + 1}`,
      sector: VOCATION_SECTOR[vocation] ?? 'other',
      province: r.province,
      regency: r.name,
      location: jitter(rng, r, 0.08),
      contactEmail: `hr${i + 1}@bench.example.id`,
      fairChancePledge: rng.chance(0.6),
      verified: rng.chance(0.8),
      vocation,
    };
  });
}

// ---------------------------------------------------------------- candidates

const MALE = [
  'Ahmad',
  'Budi',
  'Rahmat',
  'Agus',
  'Andi',
  'Dedi',
  'Eko',
  'Hendra',
  'Joko',
  'Rudi',
  'Wahyu',
  'Yusuf',
];
const FEMALE = ['Siti', 'Dewi', 'Rina', 'Sri', 'Nur', 'Ayu', 'Fitri', 'Lestari', 'Wati', 'Yuli'];
const FAMILY = [
  'Saputra',
  'Hidayat',
  'Nugroho',
  'Siregar',
  'Lubis',
  'Hasibuan',
  'Pratama',
  'Wijaya',
  'Daeng',
  'Setiawan',
];
const RELEASE_TYPES: readonly (readonly [ReleaseType, number])[] = [
  ['bebas_murni', 35],
  ['pb', 35],
  ['cb', 15],
  ['cmb', 5],
  ['asimilasi', 10],
];
const EDUCATION: readonly (readonly [EducationLevel, number])[] = [
  ['none', 4],
  ['sd', 22],
  ['smp', 30],
  ['sma', 24],
  ['smk', 15],
  ['d3', 3],
  ['s1', 2],
];
const LEVELS: readonly (readonly [Level, number])[] = [
  ['basic', 50],
  ['intermediate', 35],
  ['advanced', 15],
];
const EVIDENCE: readonly (readonly [Evidence, number])[] = [
  ['experience', 50],
  ['training', 40],
  ['certification', 10],
];
const SKILL_COUNTS: readonly (readonly [number, number])[] = [
  [1, 15],
  [2, 25],
  [3, 25],
  [4, 18],
  [5, 10],
  [6, 7],
];

/** The places candidates are held and supervised: facility ids by regency, Bapas ids by province. */
export interface CandidateContext {
  today: Date;
  lapasByRegency: Map<string, string[]>;
  bapasByProvince: Map<string, string>;
}

/** Candidate number `i`: a CreateCandidateInput as the API would pass it after validation. */
export function candidateInput(i: number, ctx: CandidateContext): CreateCandidateInput {
  const rng = rngFor('candidate', i);
  const r = rng.weighted(REGENCY_WEIGHTS);
  const gender = rng.chance(0.9) ? 'male' : 'female';
  const first = gender === 'male' ? rng.pick(MALE) : rng.pick(FEMALE);
  const age = rng.weighted([
    [rng.int(18, 24), 25],
    [rng.int(25, 34), 40],
    [rng.int(35, 44), 22],
    [rng.int(45, 60), 13],
  ]);
  const birthDate = new Date(ctx.today.getTime() - (age * 365.25 + rng.int(0, 360)) * DAY);
  const vocation = rng.weighted(vocationWeights);
  const count = rng.weighted(SKILL_COUNTS);
  const primaryCount = count <= 2 ? count : Math.ceil(count * 0.75);
  const primary = drawSkills(rng, vocation, primaryCount);
  const secondVocation = rng.weighted(vocationWeights);
  const secondary = drawSkills(
    rng,
    secondVocation,
    count - primary.length,
    new Set(primary.map((s) => s.code)),
  );
  const facilities = ctx.lapasByRegency.get(r.name);
  if (!facilities?.length) throw new Error(`no facility in ${r.name}`);
  const facilityId = rng.pick(facilities);
  // Release dates from a year ago to eighteen months ahead; most people leave within the next year.
  const releaseInDays = rng.weighted([
    [rng.int(-365, -1), 20],
    [rng.int(0, 180), 45],
    [rng.int(181, 365), 20],
    [rng.int(366, 540), 15],
  ]);
  const input: CreateCandidateInput = {
    registrationNumber: `BS.${i.toString(36).toUpperCase()}/${(i % 97) + 1}`,
    fullName: `${first} ${rng.pick(FAMILY)}`,
    birthDate: dayOf(birthDate),
    gender,
    facilityId,
    bapasId: rng.chance(0.7) ? ctx.bapasByProvince.get(r.province) : undefined,
    domicile: { province: r.province, regency: r.name, location: jitter(rng, r, 0.2) },
    release: {
      expectedDate: dayOf(new Date(ctx.today.getTime() + releaseInDays * DAY)),
      type: rng.weighted(RELEASE_TYPES),
    },
    skills: [...primary, ...secondary].map((s) => ({
      code: s.code,
      level: rng.weighted(LEVELS),
      evidence: rng.weighted(EVIDENCE),
    })),
    education: { level: rng.weighted(EDUCATION) },
    languages: ['Bahasa Indonesia', ...(rng.chance(0.6) ? [rng.pick(r.languages)] : [])],
    workHistory: rng.chance(0.5)
      ? [{ title: `Pekerja ${VOCATIONS.find((v) => v.code === vocation)?.label.id}`, years: rng.int(1, 10) }]
      : [],
    preferences: {
      sectors: rng.chance(0.4) ? [VOCATION_SECTOR[vocation] ?? 'other'] : undefined,
      willingToRelocate: rng.chance(0.2),
      nightShiftOk: rng.chance(0.7),
    },
    contact: {},
    consent: { shareWithEmployers: rng.chance(0.85), contactByEmail: rng.chance(0.5) },
    offenceCategory: rng.pick(['pencurian', 'narkotika', 'penipuan', 'penganiayaan', 'lainnya']),
    restrictions: {
      curfew: rng.chance(0.1) ? true : undefined,
      allowedRegencies: rng.chance(0.05) ? [r.name] : undefined,
      excludedSectors: rng.chance(0.05) ? ['finance'] : undefined,
    },
  };
  return input;
}

// ---------------------------------------------------------------- vacancies

const ROLE_WORDS = ['Tenaga', 'Operator', 'Teknisi', 'Staf', 'Pekerja', 'Asisten'] as const;

/** Employers as created, with the fields vacancies draw from. */
export interface EmployerRef {
  id: string;
  regency: string;
  province: string;
  location: { lat: number; lng: number };
  vocation: string;
}

/** Vacancy number `i`: a CreateVacancyInput for one of the employers. */
export function vacancyInput(i: number, employers: readonly EmployerRef[], today: Date): CreateVacancyInput {
  const rng = rngFor('vacancy', i);
  const e = employers[Math.floor(rng.next() * employers.length)]!;
  const vocation = rng.chance(0.8) ? e.vocation : rng.weighted(vocationWeights);
  const required = drawSkills(rng, vocation, rng.int(1, 4));
  const optional = drawSkills(rng, vocation, rng.int(0, 3), new Set(required.map((s) => s.code)));
  const voc = VOCATIONS.find((v) => v.code === vocation)!;
  const startInDays = rng.int(-20, 150);
  const startDate = dayOf(new Date(today.getTime() + startInDays * DAY));
  const open = rng.chance(0.9);
  const region = BENCH_REGENCIES.find((r) => r.name === e.regency);
  return {
    employerId: e.id,
    title: `${rng.pick(ROLE_WORDS)} ${required[0]?.label.id ?? voc.label.id}`,
    sector: VOCATION_SECTOR[vocation] ?? 'other',
    description: `Dibutuhkan ${voc.label.id.toLowerCase()} untuk ${e.regency}. Pengalaman atau pelatihan BLK diutamakan.`,
    skills: [
      ...required.map((s) => ({
        code: s.code,
        required: true,
        minLevel: rng.chance(0.3) ? rng.weighted(LEVELS) : undefined,
      })),
      ...optional.map((s) => ({ code: s.code, required: false })),
    ],
    certificationsRequired: [],
    location: {
      province: e.province,
      regency: e.regency,
      ...(region ? jitter(rng, region, 0.05) : e.location),
    },
    radiusKm: rng.weighted([
      [10, 15],
      [25, 30],
      [50, 35],
      [100, 20],
    ]),
    openings: rng.int(1, 20),
    wage: rng.chance(0.9)
      ? {
          min: 3_000_000 + rng.int(0, 20) * 50_000,
          max: 4_000_000 + rng.int(0, 30) * 50_000,
          period: 'month',
        }
      : undefined,
    startDate,
    closesAt: rng.chance(0.5) ? dayOf(new Date(startDate.getTime() + rng.int(20, 120) * DAY)) : undefined,
    nightShift: rng.chance(0.15),
    status: open ? 'open' : 'closed',
    externalRef: `BV-${i}`,
  };
}
