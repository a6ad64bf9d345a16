/**
 * The demo data set as a pure value: every facility, employer, vacancy, person, training,
 * certification and login, derived from the fixed seed and the anchor day alone. Building the plan
 * touches no database, so two runs (or two machines) always plan exactly the same records.
 */
import type { z } from 'zod';
import type { Role } from '../../server/auth/actor.js';
import type {
  CertificationBody,
  CreateCandidateBody,
  TrainingBody,
} from '../../server/candidates/schemas.js';
import type { CandidateSkill } from '../../server/candidates/types.js';
import type { CreateEmployerBody } from '../../server/employers/schemas.js';
import type { CreateFacilityBody } from '../../server/facilities/schemas.js';
import type { Sector } from '../../server/shared/sectors.js';
import { getSkill } from '../../server/skills/service.js';
import { PROGRAMMES, type ProgrammeDef } from '../../server/skills/taxonomy.data.js';
import type { CreateVacancyBody } from '../../server/vacancies/schemas.js';
import { DEMO_EMPLOYER, EMPLOYERS, type EmployerSeed } from './data/employers.js';
import { type JobTemplate, jobTemplate } from './data/jobs.js';
import {
  DAENG_NAMES,
  DEFAULT_LSP,
  DOMICILE_WEIGHTS,
  EDUCATION_WEIGHTS,
  FEMALE_FIRST,
  FEMALE_PREFIX,
  LAST_NAMES,
  LSP_BY_VOCATION,
  MALE_FIRST,
  MALE_PREFIX,
  OFFENCE_EXCLUSIONS,
  OFFENCE_WEIGHTS,
  RELEASE_TYPE_WEIGHTS,
  VOCATION_SECTORS,
  VOCATION_WEIGHTS,
  WORK_HISTORY,
} from './data/people.js';
import { FACILITIES, FACILITY, PROVINCE, REGENCIES, type RegencyName, TIMEZONE } from './data/places.js';
import { addDays } from './dates.js';
import { type PlacementPlan, planPlacements } from './placements.js';
import { createRng, DEMO_SEED, type Rng } from './prng.js';

export type { PlacementPlan } from './placements.js';

/** The one password of every demo account except the admin (development data only). */
export const DEMO_PASSWORD = 'demo-bekal-2026';

/** Domain of the demo accounts; `.local` never resolves, so no mail can leave for it by accident. */
export const DEMO_LOGIN_DOMAIN = 'demo.bekalkerja.local';

/** Reserved example domain for the people's and employers' contact addresses. */
export const CONTACT_DOMAIN = 'example.id';

export interface FacilityPlan {
  input: z.input<typeof CreateFacilityBody>;
}

export interface EmployerPlan {
  input: z.input<typeof CreateEmployerBody> & { name: string };
}

export interface VacancyPlan {
  employerName: string;
  externalRef: string;
  input: Omit<z.input<typeof CreateVacancyBody>, 'employerId'>;
  /** `filled` is reached by an update after creation (vacancies are created open or closed). */
  finalStatus: 'open' | 'closed' | 'filled';
}

export interface TrainingPlan {
  providerCode: string;
  input: Omit<z.input<typeof TrainingBody>, 'provider'> & { programme: string; startDate: string };
}

export interface CertificationPlan {
  providerCode: string;
  input: Omit<z.input<typeof CertificationBody>, 'provider'> & { number: string };
}

export interface CandidatePlan {
  facilityCode: string;
  bapasCode?: string;
  input: Omit<z.input<typeof CreateCandidateBody>, 'facilityId' | 'bapasId'> & {
    registrationNumber: string;
    fullName: string;
  };
  trainings: TrainingPlan[];
  certifications: CertificationPlan[];
  /** The day the release is recorded, for people whose release day lies before the anchor day. */
  releasedOn?: string;
}

export type LoginBinding =
  | { facilityCode: string }
  | { employerName: string }
  | { candidate: { facilityCode: string; registrationNumber: string } };

export interface LoginPlan {
  role: Exclude<Role, 'admin'>;
  email: string;
  name: string;
  /** What the account works for, shown in the logins table. */
  scope: string;
  bind: LoginBinding;
}

export interface SeedPlan {
  anchorDay: string;
  facilities: FacilityPlan[];
  employers: EmployerPlan[];
  vacancies: VacancyPlan[];
  candidates: CandidatePlan[];
  placements: PlacementPlan[];
  logins: LoginPlan[];
}

// ---------------------------------------------------------------- helpers

const round = (n: number, digits: number) => Number(n.toFixed(digits));

function jitter(rng: Rng, p: { lat: number; lng: number }, spread: number) {
  return {
    lat: round(p.lat + (rng.next() - 0.5) * 2 * spread, 4),
    lng: round(p.lng + (rng.next() - 0.5) * 2 * spread, 4),
  };
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Working days of a course of `hours` at 40 hours a week, as calendar days. */
function courseDays(hours: number): number {
  return Math.ceil(hours / 40) * 7 - 2;
}

function programmesOf(vocation: string): ProgrammeDef[] {
  const list = PROGRAMMES.filter((p) => p.vocation === vocation);
  if (list.length === 0) throw new Error(`no BLK programme for vocation ${vocation}`);
  return list;
}

function requireSkill(code: string): NonNullable<ReturnType<typeof getSkill>> {
  const skill = getSkill(code);
  if (!skill) throw new Error(`unknown skill ${code} in the demo data`);
  return skill;
}

// ---------------------------------------------------------------- facilities and employers

function planFacilities(): FacilityPlan[] {
  return FACILITIES.map((f) => ({
    input: {
      code: f.code,
      name: f.name,
      kind: f.kind,
      province: PROVINCE,
      regency: f.regency,
      location: f.location,
      timezone: TIMEZONE,
    },
  }));
}

function planEmployers(): EmployerPlan[] {
  return EMPLOYERS.map((e) => ({
    input: {
      name: e.name,
      sector: e.sector,
      province: PROVINCE,
      regency: e.regency,
      location: e.location,
      contactEmail: `rekrutmen.${slug(e.name)}@${CONTACT_DOMAIN}`,
      fairChancePledge: e.fairChancePledge,
      verified: e.verified,
    },
  }));
}

// ---------------------------------------------------------------- vacancies

function wageFor(
  rng: Rng,
  job: JobTemplate,
  regency: RegencyName,
): { min: number; max: number; period: 'day' | 'month' } | undefined {
  if (rng.chance(0.08)) return undefined;
  const skilled = job.required.some((r) => r.minLevel === 'intermediate' || r.minLevel === 'advanced');
  if (job.pay === 'day') {
    const min = 100_000 + rng.int(0, 6) * 5_000;
    const max = Math.min(150_000, min + rng.int(0, 4) * 5_000 + (skilled ? 10_000 : 0));
    return { min, max, period: 'day' };
  }
  // UMP Sulawesi Selatan 2026 is about Rp 3.9–4.1 million; the city of Makassar pays a little more.
  const min = 3_900_000 + rng.int(0, 4) * 50_000 + (regency === 'Makassar' ? 200_000 : 0);
  const max = min + rng.int(0, 5) * 250_000 + (skilled ? 250_000 : 0);
  return { min, max, period: 'month' };
}

function planVacancy(
  rng: Rng,
  anchorDay: string,
  employer: EmployerSeed,
  job: JobTemplate,
  externalRef: string,
  allOpen: boolean,
): VacancyPlan {
  const status: VacancyPlan['finalStatus'] = allOpen
    ? 'open'
    : rng.weighted([
        ['open', 86],
        ['closed', 7],
        ['filled', 7],
      ] as const);
  const startOffset = rng.int(14, 120);
  const startDate = addDays(anchorDay, startOffset);
  const closesAt =
    status === 'open'
      ? addDays(anchorDay, Math.max(7, startOffset - rng.int(3, 10)))
      : addDays(anchorDay, -rng.int(2, 20));
  const nightShift = job.nightShift === true && rng.chance(0.5);
  const wage = wageFor(rng, job, employer.regency);
  const requireCert = job.certifiable !== undefined && rng.chance(0.35);
  const optional = rng.sample(job.optional, rng.int(1, job.optional.length));
  const town = REGENCIES[employer.regency].town;
  const description = [
    job.description.replaceAll('{town}', town),
    nightShift ? 'Termasuk giliran kerja malam.' : '',
    requireCert ? 'Wajib memiliki sertifikat kompetensi BNSP untuk keahlian utama.' : '',
    employer.fairChancePledge
      ? 'Kami menerima pelamar lulusan pelatihan BLK, termasuk warga binaan yang akan atau telah bebas.'
      : '',
    wage ? '' : 'Gaji dibicarakan saat wawancara.',
  ]
    .filter(Boolean)
    .join(' ');
  const [lo, hi] = job.openings;
  return {
    employerName: employer.name,
    externalRef,
    finalStatus: status,
    input: {
      title: job.title,
      kbji: requireSkill(job.required[0]!.code).kbji,
      sector: employer.sector,
      description,
      skills: [
        ...job.required.map((r) => ({
          code: requireSkill(r.code).code,
          required: true,
          minLevel: r.minLevel,
        })),
        ...optional.map((code) => ({ code: requireSkill(code).code, required: false })),
      ],
      certificationsRequired: requireCert && job.certifiable ? [job.certifiable] : undefined,
      location: {
        province: PROVINCE,
        regency: employer.regency,
        lat: employer.location.lat,
        lng: employer.location.lng,
      },
      radiusKm: employer.regency === 'Makassar' ? rng.int(20, 40) : rng.int(25, 60),
      openings: rng.int(lo, hi),
      wage,
      startDate,
      closesAt,
      nightShift,
      status: status === 'open' ? 'open' : 'closed',
      externalRef,
    },
  };
}

function planVacancies(root: Rng, anchorDay: string): VacancyPlan[] {
  const out: VacancyPlan[] = [];
  for (const employer of EMPLOYERS) {
    for (let k = 0; k < employer.vacancies; k++) {
      const rng = root.fork(`vacancy:${employer.name}:${k}`);
      const key = k < employer.jobs.length ? employer.jobs[k]! : rng.pick(employer.jobs);
      const ref = `DEMO-V${String(out.length + 1).padStart(3, '0')}`;
      out.push(planVacancy(rng, anchorDay, employer, jobTemplate(key), ref, employer.name === DEMO_EMPLOYER));
    }
  }
  return out;
}

// ---------------------------------------------------------------- people

interface CustodySite {
  code: string;
  regency: 'Bone' | 'Makassar';
  bapasCode: string;
  /** The BLK that trains most of its people, and the other one. */
  mainBlk: string;
  otherBlk: string;
  count: number;
  registrationPrefix: string;
  femaleShare: number;
}

const SITES: readonly CustodySite[] = [
  {
    code: FACILITY.lapasWatampone,
    regency: 'Bone',
    bapasCode: FACILITY.bapasWatampone,
    mainBlk: FACILITY.blkBone,
    otherBlk: FACILITY.blkMakassar,
    count: 165,
    registrationPrefix: 'W23.PAS.4',
    femaleShare: 0.06,
  },
  {
    code: FACILITY.rutanWatampone,
    regency: 'Bone',
    bapasCode: FACILITY.bapasWatampone,
    mainBlk: FACILITY.blkBone,
    otherBlk: FACILITY.blkMakassar,
    count: 60,
    registrationPrefix: 'W23.RTN.2',
    femaleShare: 0.18,
  },
  {
    code: FACILITY.lapasMakassar,
    regency: 'Makassar',
    bapasCode: FACILITY.bapasMakassar,
    mainBlk: FACILITY.blkMakassar,
    otherBlk: FACILITY.blkBone,
    count: 75,
    registrationPrefix: 'W23.PAS.1',
    femaleShare: 0,
  },
];

const LEVEL_WEIGHTS = [
  ['basic', 50],
  ['intermediate', 35],
  ['advanced', 15],
] as const;

function drawName(rng: Rng, gender: 'male' | 'female', regency: RegencyName): string {
  const first = gender === 'male' ? rng.pick(MALE_FIRST) : rng.pick(FEMALE_FIRST);
  const drawn =
    gender === 'male'
      ? rng.chance(0.3)
        ? rng.pick(MALE_PREFIX)
        : ''
      : rng.chance(0.35)
        ? rng.pick(FEMALE_PREFIX)
        : '';
  // "St." abbreviates Sitti; never "St. Sitti".
  const prefix = drawn && !(drawn === 'St.' && first === 'Sitti') ? `${drawn} ` : '';
  const makassarese = regency === 'Makassar' || regency === 'Maros';
  const last = makassarese && rng.chance(0.4) ? rng.pick(DAENG_NAMES) : rng.pick(LAST_NAMES);
  return `${prefix}${first} ${last}`;
}

/** `ilham.t042@example.id`: given name, initial of the last name, a running number. */
function contactEmail(fullName: string, seq: number): string {
  const words = fullName
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .split(' ')
    .filter((w) => w.length > 2 && w !== 'andi' && w !== 'muh' && w !== 'abd');
  const given = words[0] ?? 'warga';
  const initial = (words[words.length - 1] ?? 'x').charAt(0);
  return `${given}.${initial}${String(seq).padStart(3, '0')}@${CONTACT_DOMAIN}`;
}

interface TrainingDraft {
  programme: ProgrammeDef;
  providerCode: string;
  startDate: string;
  endDate: string;
  result: 'passed' | 'failed' | 'ongoing';
}

/**
 * Alumni: released on parole long enough ago (190–320 days before the anchor day) to have held a job
 * for six months, so the demo can show 180-day retention without a hire that predates a release. They
 * live in the facility's own regency, where most of the demo's employers are.
 */
interface AlumnusDraw {
  releaseOffset: number;
}

function planPerson(
  rng: Rng,
  anchorDay: string,
  site: CustodySite,
  index: number,
  seq: number,
  usedNames: Set<string>,
  demoLogin: boolean,
  alumnus?: AlumnusDraw,
): CandidatePlan {
  const gender: 'male' | 'female' = !demoLogin && rng.chance(site.femaleShare) ? 'female' : 'male';
  const domicile = alumnus ? site.regency : rng.weighted(DOMICILE_WEIGHTS[site.regency]);
  let fullName = drawName(rng, gender, domicile);
  while (usedNames.has(fullName)) fullName = drawName(rng, gender, domicile);
  usedNames.add(fullName);

  // Birth years 1965–2006, most people born in the late 1980s and 1990s.
  const birthYear = Math.round(1965 + ((rng.next() + rng.next()) / 2) * 41);
  const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

  const vocation = demoLogin ? 'welding' : rng.weighted(VOCATION_WEIGHTS[gender]);
  const releaseOffset = demoLogin ? -12 : (alumnus?.releaseOffset ?? rng.int(-120, 240));
  const releaseDay = addDays(anchorDay, releaseOffset);
  // A release on the anchor day itself is recorded later by staff; earlier ones are on record.
  const released = releaseOffset < 0;
  const releaseType = demoLogin || alumnus ? 'pb' : rng.weighted(RELEASE_TYPE_WEIGHTS);
  const offence = rng.weighted(OFFENCE_WEIGHTS);

  // Trainings: most people took a BLK course, some a second one.
  const programmes = programmesOf(vocation);
  const picked = rng.pick(programmes);
  const main = demoLogin ? (programmes.find((p) => p.certificationScheme) ?? picked) : picked;
  const drafts: TrainingDraft[] = [];
  if (demoLogin || rng.chance(0.82)) {
    const fromMain = rng.chance(site.regency === 'Bone' ? 0.88 : 0.9);
    const providerCode = demoLogin || fromMain ? site.mainBlk : site.otherBlk;
    const canBeOngoing = !released && releaseOffset > 20;
    const result = demoLogin
      ? 'passed'
      : canBeOngoing
        ? rng.weighted([
            ['passed', 78],
            ['failed', 7],
            ['ongoing', 15],
          ] as const)
        : rng.weighted([
            ['passed', 90],
            ['failed', 10],
          ] as const);
    let startDate: string;
    let endDate: string;
    if (result === 'ongoing') {
      startDate = addDays(anchorDay, -rng.int(3, 20));
      endDate = addDays(startDate, courseDays(main.hours));
    } else {
      const latestEnd = released ? addDays(releaseDay, -7) : addDays(anchorDay, -5);
      endDate = addDays(latestEnd, -rng.int(0, 300));
      startDate = addDays(endDate, -courseDays(main.hours));
    }
    drafts.push({ programme: main, providerCode, startDate, endDate, result });
    if (rng.chance(0.15)) {
      const otherVocation = rng.chance(0.6) ? vocation : rng.weighted(VOCATION_WEIGHTS[gender]);
      const others = programmesOf(otherVocation).filter((p) => p.code !== main.code);
      if (others.length > 0) {
        const second = rng.pick(others);
        const end = addDays(startDate, -rng.int(14, 120));
        drafts.unshift({
          programme: second,
          providerCode,
          startDate: addDays(end, -courseDays(second.hours)),
          endDate: end,
          result: rng.chance(0.85) ? 'passed' : 'failed',
        });
      }
    }
  }

  // Skills the person brings: a few from their trade, mostly ones the course also teaches.
  const pool = [...new Set([...main.skills, ...programmes.flatMap((p) => p.skills)])];
  const skillCount = rng.weighted([
    [1, 25],
    [2, 35],
    [3, 25],
    [4, 15],
  ] as const);
  const baseSkills: CandidateSkill[] = rng
    .sample(main.skills, Math.min(skillCount, main.skills.length))
    .concat(rng.sample(pool, Math.max(0, skillCount - main.skills.length)))
    .filter((code, i, all) => all.indexOf(code) === i)
    .map((code) => ({
      code: requireSkill(code).code,
      level: rng.weighted(LEVEL_WEIGHTS),
      evidence: 'experience',
    }));

  // Certificates follow passed courses whose programme has a BNSP scheme.
  const certifications: CertificationPlan[] = [];
  for (const d of drafts) {
    if (d.result !== 'passed' || !d.programme.certificationScheme) continue;
    if (!demoLogin && !rng.chance(0.65)) continue;
    const issued = addDays(d.endDate, rng.int(5, 30));
    const issuedAt = issued < anchorDay ? issued : addDays(anchorDay, -1);
    const kbji = requireSkill(d.programme.skills[0]!).kbji;
    certifications.push({
      providerCode: d.providerCode,
      input: {
        scheme: d.programme.certificationScheme,
        number: `${d.programme.vocation.slice(0, 3).toUpperCase()}.${kbji}.${String(seq).padStart(5, '0')}${certifications.length}.${issuedAt.slice(0, 4)}`,
        issuer: LSP_BY_VOCATION[d.programme.vocation] ?? DEFAULT_LSP,
        issuedAt,
        expiresAt: addDays(issuedAt, 3 * 365),
        skills: [...d.programme.skills],
      },
    });
  }

  const regency = REGENCIES[domicile];
  const hasEmail = demoLogin || rng.chance(0.62);
  const supervised = releaseType !== 'bebas_murni';
  const restrictions: { allowedRegencies?: string[]; curfew?: boolean; excludedSectors?: Sector[] } = {};
  if (releaseType === 'pb' && (demoLogin || rng.chance(0.55))) {
    restrictions.allowedRegencies = [...new Set([domicile, site.regency])];
    restrictions.curfew = rng.chance(0.35);
  }
  const exclusions = OFFENCE_EXCLUSIONS[offence];
  if (supervised && exclusions) restrictions.excludedSectors = [...exclusions];

  const localLanguages =
    domicile === 'Makassar' || domicile === 'Maros'
      ? rng.chance(0.15)
        ? ['Makassar', 'Bugis']
        : [
            rng.weighted([
              ['Makassar', 70],
              ['Bugis', 30],
            ] as const),
          ]
      : [...regency.languages];
  const historyCount = rng.weighted([
    [0, 20],
    [1, 55],
    [2, 25],
  ] as const);
  const workHistory = Array.from({ length: historyCount }, (_, i) => ({
    title: rng.pick(i === 0 ? (WORK_HISTORY[vocation] ?? WORK_HISTORY.general!) : WORK_HISTORY.general!),
    years: rng.chance(0.2) ? 0.5 : rng.int(1, 8),
  }));
  const sectors: Sector[] = rng.sample(VOCATION_SECTORS[vocation] ?? ['other'], rng.int(1, 2));
  const regencies = [...new Set([domicile, ...(rng.chance(0.4) ? [site.regency] : [])])];

  const registrationNumber = `${site.registrationPrefix}-${String(100 + index * 3 + rng.int(0, 2)).padStart(4, '0')}`;
  return {
    facilityCode: site.code,
    bapasCode: supervised ? site.bapasCode : undefined,
    input: {
      registrationNumber,
      fullName,
      birthDate,
      gender,
      domicile: {
        province: PROVINCE,
        regency: domicile,
        location: jitter(rng, regency.centre, domicile === 'Bone' ? 0.12 : 0.06),
      },
      release: { expectedDate: releaseDay, type: releaseType },
      skills: baseSkills,
      education: { level: rng.weighted(EDUCATION_WEIGHTS) },
      languages: ['Bahasa Indonesia', ...localLanguages],
      workHistory,
      preferences: {
        sectors,
        regencies,
        willingToRelocate: rng.chance(0.3),
        nightShiftOk: rng.chance(0.4),
      },
      contact: hasEmail ? { email: contactEmail(fullName, seq) } : {},
      consent: {
        shareWithEmployers: demoLogin || alumnus !== undefined || rng.chance(0.85),
        contactByEmail: hasEmail && (demoLogin || rng.chance(0.95)),
      },
      offenceCategory: offence,
      restrictions,
    },
    trainings: drafts.map((d) => ({
      providerCode: d.providerCode,
      input: {
        programme: d.programme.name.id,
        startDate: d.startDate,
        endDate: d.endDate,
        hours: d.programme.hours,
        result: d.result,
        skills: [...d.programme.skills],
      },
    })),
    certifications,
    releasedOn: released ? releaseDay : undefined,
  };
}

function planPeople(root: Rng, anchorDay: string): CandidatePlan[] {
  const usedNames = new Set<string>();
  const out: CandidatePlan[] = [];
  for (const site of SITES) {
    for (let i = 0; i < site.count; i++) {
      const rng = root.fork(`person:${site.code}:${i}`);
      // The first person of Lapas Watampone is the demo candidate login: released twelve days before
      // the anchor day on parole, consenting, reachable by email, trained and certified at BLK Bone.
      const demoLogin = site.code === FACILITY.lapasWatampone && i === 0;
      out.push(planPerson(rng, anchorDay, site, i, out.length + 1, usedNames, demoLogin));
    }
  }
  // After everyone else, so the people above are the same with or without them.
  for (const [site, count] of [
    [SITES[0]!, 5],
    [SITES[2]!, 3],
  ] as const) {
    for (let k = 0; k < count; k++) {
      const rng = root.fork(`alumnus:${site.code}:${k}`);
      const alumnus = { releaseOffset: -rng.int(190, 320) };
      out.push(planPerson(rng, anchorDay, site, site.count + k, out.length + 1, usedNames, false, alumnus));
    }
  }
  return out;
}

// ---------------------------------------------------------------- logins

function planLogins(people: CandidatePlan[]): LoginPlan[] {
  const person = people.find((p) => p.facilityCode === FACILITY.lapasWatampone);
  if (!person) throw new Error('the demo plan has no person in Lapas Watampone');
  return [
    {
      role: 'officer',
      email: `officer@${DEMO_LOGIN_DOMAIN}`,
      name: 'Andi Nurhaedah, S.Sos.',
      scope: 'Bapas Kelas II Watampone',
      bind: { facilityCode: FACILITY.bapasWatampone },
    },
    {
      role: 'facility_staff',
      email: `staff@${DEMO_LOGIN_DOMAIN}`,
      name: 'Syamsuddin, S.H.',
      scope: 'Lapas Kelas IIA Watampone (Giatja)',
      bind: { facilityCode: FACILITY.lapasWatampone },
    },
    {
      role: 'trainer',
      email: `trainer@${DEMO_LOGIN_DOMAIN}`,
      name: 'Baharuddin Lamba, S.T.',
      scope: 'BLK Kabupaten Bone',
      bind: { facilityCode: FACILITY.blkBone },
    },
    {
      role: 'employer',
      email: `employer@${DEMO_LOGIN_DOMAIN}`,
      name: 'Rosdiana (HRD)',
      scope: DEMO_EMPLOYER,
      bind: { employerName: DEMO_EMPLOYER },
    },
    {
      role: 'candidate',
      email: `candidate@${DEMO_LOGIN_DOMAIN}`,
      name: person.input.fullName,
      scope: `Klien PB Bapas Watampone (${person.input.registrationNumber})`,
      bind: {
        candidate: { facilityCode: person.facilityCode, registrationNumber: person.input.registrationNumber },
      },
    },
  ];
}

/**
 * The whole demo data set for an anchor day (`YYYY-MM-DD`, the first run's "today" in WITA).
 * Pure and deterministic: the same day always gives the same plan.
 */
export function buildSeedPlan(anchorDay: string, seed: number = DEMO_SEED): SeedPlan {
  const root = createRng(seed);
  const candidates = planPeople(root.fork('people'), anchorDay);
  const vacancies = planVacancies(root.fork('vacancies'), anchorDay);
  const logins = planLogins(candidates);
  const demoCandidate = logins.find((l) => l.role === 'candidate')?.bind;
  if (!demoCandidate || !('candidate' in demoCandidate))
    throw new Error('the demo plan has no candidate login');
  return {
    anchorDay,
    facilities: planFacilities(),
    employers: planEmployers(),
    vacancies,
    candidates,
    placements: planPlacements(
      root.fork('placements'),
      anchorDay,
      candidates,
      vacancies,
      demoCandidate.candidate,
    ),
    logins,
  };
}
