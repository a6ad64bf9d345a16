/**
 * The demo placements as a pure value: which person goes with which vacancy, how far each got and when
 * each step happened, derived from the plan's people and vacancies and the anchor day alone.
 *
 * The rules the API enforces hold here too: a person is only placed where their release conditions
 * allow (regency, curfew, excluded sectors), where they hold at least half the required skills (and
 * any required certificate) and where they live or are willing to move; consent comes before the
 * introduction; a person is hired at most once, only after their release, and never into more openings
 * than a vacancy has (the demo employer keeps one open in each, so its login always has open jobs).
 * Retention steps are recorded 30/90/180 days or more after the hire, and every step lies before the
 * anchor day.
 */
import type { PlacementState } from '../../server/placements/states.js';
import { DEMO_EMPLOYER } from './data/employers.js';
import { addDays } from './dates.js';
import type { CandidatePlan, VacancyPlan } from './plan.js';
import type { Rng } from './prng.js';

/** Who takes a step: the person's Bapas officer or the vacancy's employer. */
export type PlacementParty = 'officer' | 'employer';

export interface PlacementStepPlan {
  to: PlacementState;
  by: PlacementParty;
  /** ISO instant. */
  at: string;
  note?: string;
  reason?: string;
  /** Officer notes kept from the person and the employer. */
  internal?: boolean;
}

export interface PlacementPlan {
  candidate: { facilityCode: string; registrationNumber: string };
  vacancy: { employerName: string; externalRef: string };
  origin: PlacementParty;
  /** ISO instant of the first event. */
  createdAt: string;
  note?: string;
  steps: PlacementStepPlan[];
}

/** The state a planned placement ends in. */
export function finalStateOf(p: PlacementPlan): PlacementState {
  return p.steps[p.steps.length - 1]?.to ?? (p.origin === 'employer' ? 'employer_interest' : 'proposed');
}

type PersonInput = CandidatePlan;
type JobInput = VacancyPlan;

/** A skill as the plan writes it: a code, or a reference holding one. */
const codeOf = (ref: string | { code?: string }): string[] =>
  typeof ref === 'string' ? [ref] : ref.code ? [ref.code] : [];

// ---------------------------------------------------------------- who fits where

interface Person {
  plan: PersonInput;
  held: Set<string>;
  certified: Set<string>;
  /** Days between the release and the anchor day (released people), else undefined. */
  releasedBack?: number;
  /** Days from the anchor day to the expected release (people in custody). */
  releaseAhead?: number;
  demoLogin: boolean;
}

interface Job {
  plan: JobInput;
  required: string[];
  /** Hires it can still take. */
  capacity: number;
  /** Openings left; at zero the vacancy is filled and takes no new placement. */
  openings: number;
  used: number;
  demoEmployer: boolean;
  startAhead: number;
}

const dayDiff = (a: string, b: string) =>
  Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);

function toPerson(p: PersonInput, anchorDay: string, demoLogin: boolean): Person {
  const held = new Set<string>([
    ...(p.input.skills ?? []).flatMap(codeOf),
    ...p.trainings.filter((t) => t.input.result === 'passed').flatMap((t) => t.input.skills.flatMap(codeOf)),
    ...p.certifications.flatMap((c) => c.input.skills.flatMap(codeOf)),
  ]);
  const certified = new Set(
    p.certifications
      .filter((c) => !c.input.expiresAt || c.input.expiresAt >= anchorDay)
      .flatMap((c) => c.input.skills.flatMap(codeOf)),
  );
  return {
    plan: p,
    held,
    certified,
    releasedBack: p.releasedOn ? dayDiff(anchorDay, p.releasedOn) : undefined,
    releaseAhead: p.releasedOn ? undefined : dayDiff(p.input.release.expectedDate, anchorDay),
    demoLogin,
  };
}

function toJob(v: JobInput, anchorDay: string): Job {
  const demoEmployer = v.employerName === DEMO_EMPLOYER;
  const openings = v.input.openings ?? 1;
  return {
    plan: v,
    required: v.input.skills.filter((s) => s.required).flatMap(codeOf),
    capacity: demoEmployer ? openings - 1 : openings,
    openings,
    used: 0,
    demoEmployer,
    startAhead: v.input.startDate ? dayDiff(v.input.startDate, anchorDay) : 30,
  };
}

/** The rules createPlacement enforces, plus what makes the pair a sensible match. */
function fits(p: Person, j: Job): boolean {
  const c = p.plan.input;
  const v = j.plan.input;
  const r = c.restrictions ?? {};
  const regency = v.location.regency;
  if (r.allowedRegencies?.length && !r.allowedRegencies.includes(regency)) return false;
  if (r.curfew && v.nightShift) return false;
  if (r.excludedSectors?.includes(v.sector)) return false;
  const heldRequired = j.required.filter((code) => p.held.has(code)).length;
  if (heldRequired === 0 || heldRequired * 2 < j.required.length) return false;
  if ((v.certificationsRequired ?? []).some((code) => !p.certified.has(code))) return false;
  const near =
    c.domicile.regency === regency ||
    c.preferences?.regencies?.includes(regency) === true ||
    c.preferences?.willingToRelocate === true;
  return near;
}

// ---------------------------------------------------------------- stories

/** One kind of placement story: its final state, how many, and how it got there. */
interface Story {
  name: string;
  count: number;
  origin: PlacementParty;
  /** The steps after creation, in order. */
  path: PlacementState[];
  /** Who closes it, when it ends closed. */
  closer?: PlacementParty;
  /** Days before the anchor day of the hire (stories with a hire), else of the last step. */
  back: [number, number];
  /** How many of `count` go to the demo employer's vacancies (when any fits). */
  demo?: number;
  /** Only the demo candidate login. */
  demoLogin?: boolean;
}

const TO_INTRO: PlacementState[] = ['candidate_consented', 'introduced'];
const TO_HIRE: PlacementState[] = [...TO_INTRO, 'interviewing', 'offered', 'hired'];

const STORIES: readonly Story[] = [
  // The demo candidate has a proposal waiting for their own consent.
  { name: 'demo-proposed', count: 1, origin: 'officer', path: [], back: [1, 3], demo: 1, demoLogin: true },
  {
    name: 'retained_180',
    count: 2,
    origin: 'officer',
    path: [...TO_HIRE, 'retained_30', 'retained_90', 'retained_180'],
    back: [188, 200],
  },
  {
    name: 'retained_90',
    count: 3,
    origin: 'officer',
    path: [...TO_HIRE, 'retained_30', 'retained_90'],
    back: [95, 114],
  },
  {
    name: 'retained_30',
    count: 4,
    origin: 'employer',
    path: ['proposed', ...TO_HIRE, 'retained_30'],
    back: [36, 85],
    demo: 1,
  },
  { name: 'hired', count: 3, origin: 'officer', path: TO_HIRE, back: [10, 28], demo: 1 },
  { name: 'ended', count: 2, origin: 'officer', path: [...TO_HIRE, 'retained_30', 'ended'], back: [50, 100] },
  {
    name: 'offered',
    count: 2,
    origin: 'officer',
    path: [...TO_INTRO, 'interviewing', 'offered'],
    back: [1, 6],
  },
  {
    name: 'interviewing',
    count: 3,
    origin: 'officer',
    path: [...TO_INTRO, 'interviewing'],
    back: [1, 8],
    demo: 1,
  },
  {
    name: 'introduced',
    count: 3,
    origin: 'employer',
    path: ['candidate_consented', 'introduced'],
    back: [1, 10],
    demo: 1,
  },
  { name: 'candidate_consented', count: 3, origin: 'officer', path: ['candidate_consented'], back: [1, 12] },
  { name: 'proposed', count: 3, origin: 'officer', path: [], back: [1, 14] },
  { name: 'proposed-accepted', count: 1, origin: 'employer', path: ['proposed'], back: [1, 7] },
  { name: 'employer_interest', count: 4, origin: 'employer', path: [], back: [1, 9], demo: 2 },
  {
    name: 'declined-by-person',
    count: 1,
    origin: 'officer',
    path: ['declined'],
    closer: 'officer',
    back: [3, 30],
  },
  {
    name: 'declined-after-interview',
    count: 1,
    origin: 'officer',
    path: [...TO_INTRO, 'interviewing', 'declined'],
    closer: 'employer',
    back: [3, 30],
    demo: 1,
  },
  {
    name: 'withdrawn-by-employer',
    count: 1,
    origin: 'employer',
    path: ['withdrawn'],
    closer: 'employer',
    back: [5, 40],
  },
  {
    name: 'withdrawn-by-officer',
    count: 1,
    origin: 'officer',
    path: ['candidate_consented', 'withdrawn'],
    closer: 'officer',
    back: [5, 40],
  },
];

const NOTES = {
  proposed: [
    'Keahlian klien sesuai kebutuhan lowongan; domisili dekat lokasi kerja.',
    'Lulusan pelatihan BLK, disiplin selama pembinaan. Mohon dipertimbangkan.',
    'Klien siap bekerja segera setelah bebas; keluarga mendukung.',
  ],
  employer_interest: [
    'Kami tertarik dengan kandidat ini; mohon diatur wawancara.',
    'Profil keahlian cocok dengan kebutuhan bengkel kami.',
  ],
  consent: [
    'Klien menyatakan setuju saat wajib lapor di Bapas.',
    'Persetujuan lisan saat kunjungan rumah, disaksikan keluarga.',
    'Klien setuju datanya dibagikan setelah dijelaskan prosesnya.',
  ],
  introduced: [
    'Klien perlu didampingi pada wawancara pertama.',
    'Sudah dibicarakan dengan klien tentang jam kerja dan transportasi.',
  ],
  interviewing: ['Wawancara dijadwalkan di kantor, pukul 09.00.', 'Wawancara dan uji praktik di bengkel.'],
  offered: ['Ditawarkan kontrak percobaan 3 bulan.', 'Ditawarkan kerja harian dengan peluang kontrak.'],
  hired: ['Mulai bekerja.', 'Mulai bekerja pada giliran pagi.'],
  retained: [
    'Cek bersama klien dan pemberi kerja: masih bekerja dengan baik.',
    'Klien masih bekerja; pemberi kerja puas dengan kedisiplinannya.',
  ],
  declined: {
    officer: 'Klien memilih membantu usaha keluarga di kampung.',
    employer: 'Posisi sudah diisi kandidat lain.',
  },
  withdrawn: {
    officer: 'Tanggal bebas klien bergeser; akan diusulkan ulang nanti.',
    employer: 'Perekrutan ditunda karena anggaran.',
  },
  ended: [
    'Kontrak musiman selesai; klien kembali mencari kerja.',
    'Klien pindah domisili ke luar kabupaten.',
  ],
};

/** A working-hours instant (09:00–15:59 WITA) on the day `back` days before the anchor day. */
function instant(rng: Rng, anchorDay: string, back: number): string {
  const h = rng.int(1, 7);
  const m = rng.int(0, 59);
  return `${addDays(anchorDay, -back)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
}

/**
 * Days before the anchor day of the creation and of each step, oldest first, all at least one day
 * apart and at least one day before the anchor day. Returns null when the story cannot fit.
 */
function schedule(rng: Rng, story: Story, person: Person): { created: number; steps: number[] } | null {
  const gap: Partial<Record<PlacementState, [number, number]>> = {
    proposed: [1, 3],
    candidate_consented: [2, 6],
    introduced: [1, 4],
    interviewing: [3, 8],
    offered: [2, 6],
    hired: [3, 10],
    declined: [3, 12],
    withdrawn: [3, 12],
  };
  const hireAt = story.path.indexOf('hired');
  const steps: number[] = new Array(story.path.length);
  let created: number;
  if (hireAt >= 0) {
    const hire = rng.int(story.back[0], story.back[1]);
    // A job starts after the release (alumni included): no negative release-to-hire times.
    if (person.releasedBack === undefined || person.releasedBack < hire + 3) return null;
    steps[hireAt] = hire;
    for (let i = hireAt - 1; i >= 0; i--) steps[i] = steps[i + 1]! + rng.int(...gap[story.path[i + 1]!]!);
    created = steps[0]! + rng.int(...gap[story.path[0]!]!);
    for (let i = hireAt + 1; i < story.path.length; i++) {
      const to = story.path[i]!;
      // A day more than the minimum: the check-in happens at another hour than the hire.
      if (to === 'retained_30') steps[i] = hire - rng.int(31, 34);
      else if (to === 'retained_90') steps[i] = hire - rng.int(91, 95);
      else if (to === 'retained_180') steps[i] = hire - rng.int(181, 186);
      else if (steps[i - 1]! > 4) steps[i] = rng.int(1, steps[i - 1]! - 3);
      else return null;
    }
  } else {
    let at = rng.int(story.back[0], story.back[1]);
    for (let i = story.path.length - 1; i >= 0; i--) {
      steps[i] = at;
      at += rng.int(...gap[story.path[i]!]!);
    }
    created = at;
    // In custody: planned ahead of a release that is near enough to start the job.
    if (person.releaseAhead !== undefined && person.releaseAhead > 90) return null;
  }
  if (steps.some((d, i) => d < 1 || (i > 0 && d >= steps[i - 1]!)) || (steps[0] ?? 0) >= created) return null;
  return { created, steps };
}

function buildSteps(rng: Rng, anchorDay: string, story: Story, days: number[]): PlacementStepPlan[] {
  return story.path.map((to, i): PlacementStepPlan => {
    const at = instant(rng, anchorDay, days[i]!);
    switch (to) {
      case 'proposed':
        return { to, by: 'officer', at, note: 'Minat pemberi kerja diterima petugas.' };
      case 'candidate_consented':
        return { to, by: 'officer', at, note: rng.pick(NOTES.consent) };
      case 'introduced':
        return { to, by: 'officer', at, note: rng.pick(NOTES.introduced), internal: true };
      case 'interviewing':
        return { to, by: 'employer', at, note: rng.pick(NOTES.interviewing) };
      case 'offered':
        return { to, by: 'employer', at, note: rng.pick(NOTES.offered) };
      case 'hired':
        return { to, by: 'employer', at, note: rng.pick(NOTES.hired) };
      case 'retained_30':
      case 'retained_90':
      case 'retained_180':
        return { to, by: 'officer', at, note: rng.pick(NOTES.retained) };
      case 'declined':
      case 'withdrawn': {
        const by = story.closer ?? 'officer';
        return { to, by, at, reason: NOTES[to][by] };
      }
      case 'ended':
        return { to, by: 'employer', at, reason: rng.pick(NOTES.ended) };
      default:
        throw new Error(`no demo step for ${to}`);
    }
  });
}

/**
 * About forty placements in every state, over the plan's supervised, consenting people and open
 * vacancies. Each story picks a person not used before and a vacancy that fits them, at random but
 * from the seeded generator, so the same anchor day always gives the same placements.
 */
export function planPlacements(
  rng: Rng,
  anchorDay: string,
  people: readonly PersonInput[],
  vacancies: readonly JobInput[],
  demoLogin: { facilityCode: string; registrationNumber: string },
): PlacementPlan[] {
  const persons = people
    .filter((p) => p.bapasCode !== undefined && p.input.consent.shareWithEmployers)
    .map((p) =>
      toPerson(
        p,
        anchorDay,
        p.facilityCode === demoLogin.facilityCode &&
          p.input.registrationNumber === demoLogin.registrationNumber,
      ),
    );
  const jobs = vacancies.filter((v) => v.finalStatus === 'open').map((v) => toJob(v, anchorDay));
  const used = new Set<Person>();
  const out: PlacementPlan[] = [];
  for (const story of STORIES) {
    for (let n = 0; n < story.count; n++) {
      const hires = story.path.includes('hired');
      const pairsFor = (demoOnly: boolean) => {
        const pairs: [Person, Job][] = [];
        for (const p of persons) {
          if (used.has(p) || p.demoLogin !== (story.demoLogin === true)) continue;
          for (const j of jobs) {
            if (j.used >= 3 || j.openings < 1 || (hires && j.capacity < 1) || (demoOnly && !j.demoEmployer))
              continue;
            // In custody: the job must not start long before the release.
            if (p.releaseAhead !== undefined && p.releaseAhead > j.startAhead + 30) continue;
            if (fits(p, j)) pairs.push([p, j]);
          }
        }
        return pairs;
      };
      // The demo employer's login should see these stories, when someone fits its vacancies.
      const demoPairs = n < (story.demo ?? 0) ? pairsFor(true) : [];
      const pairs = demoPairs.length ? demoPairs : pairsFor(false);
      // Random order, first pair whose dates work out.
      let placed = false;
      for (const [p, j] of rng.sample(pairs, pairs.length)) {
        const days = schedule(rng, story, p);
        if (!days) continue;
        used.add(p);
        j.used++;
        if (hires) {
          j.capacity--;
          j.openings--;
        }
        out.push({
          candidate: {
            facilityCode: p.plan.facilityCode,
            registrationNumber: p.plan.input.registrationNumber,
          },
          vacancy: { employerName: j.plan.employerName, externalRef: j.plan.externalRef },
          origin: story.origin,
          createdAt: instant(rng, anchorDay, days.created),
          note: rng.pick(story.origin === 'employer' ? NOTES.employer_interest : NOTES.proposed),
          steps: buildSteps(rng, anchorDay, story, days.steps),
        });
        placed = true;
        break;
      }
      if (!placed) throw new Error(`demo placements: no person and vacancy fit the story ${story.name}`);
    }
  }
  return out;
}
