/**
 * The alerts benchmark's data set, built on the search benchmark's generator: the same facilities,
 * employers, profiles and vacancies, with release dates rearranged so that a chosen day (asOf) has a
 * known number of people at a release milestone, officers for every Bapas, email addresses for the
 * people who consented to email, and the releases of people past their release date recorded.
 * Everything goes through the services' write paths; every record is derived from its index alone,
 * so a data set of the same sizes is the same in every run (public ids and database ids aside).
 */
import type { Meilisearch } from 'meilisearch';
import mongoose from 'mongoose';
import type { CreateCandidateInput } from '../../../server/candidates/schemas.js';
import { bulkCreateCandidates, recordRelease } from '../../../server/candidates/service.js';
import type { Deps } from '../../../server/deps.js';
import type { WriteHooks } from '../../../server/hooks.js';
import {
  addDays,
  MILESTONES,
  type Milestone,
  targetReleaseDays,
} from '../../../server/notifications/milestones.js';
import { CANDIDATES_INDEX, VACANCIES_INDEX } from '../../../server/search/documents.js';
import { syncDirty } from '../../../server/search/sync.js';
import { mapLimit } from '../../../server/shared/concurrency.js';
import { isoDay } from '../../../server/shared/schemas.js';
import { userRepository } from '../../../server/users/repository.js';
import { createUser } from '../../../server/users/service.js';
import { bulkCreateVacancies } from '../../../server/vacancies/service.js';
import { benchFacilities, candidateInput, vacancyInput } from '../generate.js';
import { BENCH_ACTOR, waitEngineIdle } from '../import.js';
import { rngFor } from '../prng.js';
import { nowMs } from '../stats.js';
import { buildWorld } from '../world.js';
import type { AlertsArgs } from './args.js';

/** Profiles handed to one bulkCreateCandidates call, as an import streams its file. */
const SLICE = 10_000;
/** Releases recorded at once (each is its own transaction through recordRelease). */
const RELEASE_CONCURRENCY = 8;
/** Share of supervised people with an assigned officer; the rest are known to their whole Bapas. */
const ASSIGNED_SHARE = 0.95;
/** Share of people consenting to email who gave an address. */
const EMAIL_SHARE = 0.85;
/** The domain of every generated address of a person or officer (the local sink accepts any). */
export const BENCH_MAIL_DOMAIN = 'bench.bekalkerja.local';

const META_COLLECTION = 'bench_alerts_meta';

/** What a kept data set was built with; a `--reuse` run uses it only when it matches the request. */
export interface DatasetMeta {
  asOf: string;
  profiles: number;
  milestonePeople: number;
  vacancies: number;
  employers: number;
  officersPerBapas: number;
  officers: number;
  released: number;
  generatedAt: string;
}

export interface GenerationTimings {
  worldMs: number;
  officersMs: number;
  vacanciesMs: number;
  profilesMs: number;
  releasesMs: number;
  /** Indexing every profile and vacancy with the batch sync. */
  indexMs: number;
}

/** Whether profile `i` of `n` is one of the `m` milestone people (spread evenly over the indexes). */
export function isMilestonePerson(i: number, n: number, m: number): boolean {
  return (i * m) % n < m;
}

/** The milestone and how many days late (within the catch-up window) milestone person `i` is. */
export function milestoneOf(i: number): { milestone: Milestone; late: number } {
  const rng = rngFor('alerts-milestone', i);
  const milestone = rng.pick(MILESTONES);
  const late = rng.weighted([
    [0, 90],
    [1, 7],
    [2, 3],
  ] as const);
  return { milestone, late };
}

const at = (day: string) => new Date(`${day}T00:00:00Z`);

/** Officer `j` of Bapas number `b` (by the Bapas's order in the facility list). */
function officerSpec(b: number, j: number, bapasId: string, province: string) {
  return {
    email: `pk${b + 1}-${j + 1}@${BENCH_MAIL_DOMAIN}`,
    password: 'bench-officer-password',
    name: `Petugas ${province} ${j + 1}`,
    role: 'officer' as const,
    facilityId: bapasId,
  };
}

/**
 * Profile `i`: the search benchmark's profile `i`, with a release date moved so that exactly the
 * milestone people sit in a milestone window of `asOf`, an officer for most supervised people and an
 * address for most people who consented to email. Returns the day to record as the actual release
 * when the person is already out.
 */
export function alertsCandidateInput(
  i: number,
  args: Pick<AlertsArgs, 'profiles' | 'milestonePeople'>,
  ctx: Parameters<typeof candidateInput>[1],
  asOf: string,
  windows: ReadonlySet<string>,
  officersByBapas: ReadonlyMap<string, string[]>,
): { input: CreateCandidateInput; releasedOn?: Date } {
  const input = candidateInput(i, ctx);
  const rng = rngFor('alerts-candidate', i);
  let releasedOn: Date | undefined;
  if (isMilestonePerson(i, args.profiles, args.milestonePeople)) {
    const { milestone, late } = milestoneOf(i);
    const day = addDays(asOf, -milestone.offset - late);
    input.release = { ...input.release, expectedDate: at(day) };
    // Past release people are out (recorded); on release day half are recorded already.
    if (milestone.offset > 0 || (milestone.offset === 0 && rng.chance(0.5))) releasedOn = at(day);
  } else {
    let day = isoDay(input.release.expectedDate);
    // Windows are three days wide and at least five apart: three days on always leaves them.
    while (windows.has(day)) day = addDays(day, 3);
    input.release = { ...input.release, expectedDate: at(day) };
  }
  const officers = input.bapasId ? officersByBapas.get(input.bapasId) : undefined;
  if (officers?.length && rng.chance(ASSIGNED_SHARE)) input.officerId = rng.pick(officers);
  if (input.consent.contactByEmail && rng.chance(EMAIL_SHARE)) {
    input.contact = { ...input.contact, email: `wbp${i + 1}@${BENCH_MAIL_DOMAIN}` };
  }
  return { input, releasedOn };
}

function db() {
  const d = mongoose.connection.db;
  if (!d) throw new Error('not connected to MongoDB');
  return d;
}

/** The description of a kept data set, if one is there. */
export async function readMeta(): Promise<DatasetMeta | null> {
  const doc = await db()
    .collection(META_COLLECTION)
    .findOne({ _id: 'dataset' as never });
  if (!doc) return null;
  const { _id, ...meta } = doc as unknown as DatasetMeta & { _id: string };
  return meta;
}

/** Whether a kept data set was generated with the requested sizes and is complete. */
export async function reusable(args: AlertsArgs): Promise<DatasetMeta | null> {
  const meta = await readMeta();
  if (!meta) return null;
  const same =
    meta.profiles === args.profiles &&
    meta.milestonePeople === args.milestonePeople &&
    meta.vacancies === args.vacancies &&
    meta.employers === args.employers &&
    meta.officersPerBapas === args.officersPerBapas;
  if (!same) return null;
  const [profiles, vacancies, dirty] = await Promise.all([
    db().collection('candidates').countDocuments(),
    db().collection('vacancies').countDocuments(),
    db().collection('candidates').countDocuments({ searchDirty: true }),
  ]);
  return profiles === args.profiles && vacancies === args.vacancies && dirty === 0 ? meta : null;
}

/** The ids of every record written, in input order; throws on the first refused input. */
async function writeAll<I>(
  slices: Iterable<I[]>,
  write: (
    slice: I[],
  ) => Promise<{ created: { id: string }[]; failed: { index: number; error: { details?: unknown } }[] }>,
  what: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const slice of slices) {
    const res = await write(slice);
    if (res.failed.length) {
      const first = res.failed[0]!;
      throw new Error(
        `generated ${what} ${ids.length + first.index} was refused: ${JSON.stringify(first.error.details)}`,
      );
    }
    for (const c of res.created) ids.push(c.id);
  }
  return ids;
}

/** Indexes every dirty record the way the `search.syncDirty` job does, and waits for the engine. */
async function indexAll(deps: Deps, meili: Meilisearch): Promise<void> {
  const now = new Date();
  for (const [kind, base] of [
    ['vacancies', VACANCIES_INDEX],
    ['candidates', CANDIDATES_INDEX],
  ] as const) {
    for (let pass = 0; ; pass++) {
      await syncDirty(deps.search, kind, now, { olderThanMs: 0 });
      const dirty = await db().collection(kind).countDocuments({ searchDirty: true });
      if (dirty === 0) break;
      if (pass >= 3) throw new Error(`${dirty} ${kind} still not indexed after ${pass + 1} sweeps`);
    }
    await waitEngineIdle(meili, deps.search.indexName(base));
  }
}

/**
 * Generates the data set through the write paths: facilities and employers, officers, vacancies,
 * profiles, the releases of people already out; then indexes everything with the batch sync the
 * `search.syncDirty` job runs. No worker runs meanwhile: the sync jobs the writes queue are left to the
 * caller to discard once the sync has covered them.
 */
export async function generateDataset(
  deps: Deps,
  meili: Meilisearch,
  hooks: WriteHooks,
  args: AlertsArgs,
  today: Date,
  log: (m: string) => void,
): Promise<{ meta: DatasetMeta; timings: GenerationTimings }> {
  const int = (n: number) => n.toLocaleString('en-US');
  const secs = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
  const asOf = isoDay(today);
  let t = nowMs();
  const world = await buildWorld(deps, args.employers, today);
  const worldMs = nowMs() - t;

  // ------------------------------------------------------------ officers, through createUser
  t = nowMs();
  const bapas = benchFacilities().filter((f) => f.kind === 'bapas');
  const officersByBapas = new Map<string, string[]>();
  // Officer passwords are never used here; cheap hashes keep account creation out of the way.
  const userConfig = { BCRYPT_ROUNDS: 4 };
  for (const [b, spec] of bapas.entries()) {
    const bapasId = world.candidates.bapasByProvince.get(spec.province);
    if (!bapasId) throw new Error(`no Bapas for ${spec.province}`);
    const ids: string[] = [];
    for (let j = 0; j < args.officersPerBapas; j++) {
      const o = officerSpec(b, j, bapasId, spec.province);
      const existing = await userRepository.findByEmail(o.email);
      ids.push(existing?.id ?? (await createUser(userConfig, o)).id);
    }
    officersByBapas.set(bapasId, ids);
  }
  const officers = [...officersByBapas.values()].reduce((s, l) => s + l.length, 0);
  const officersMs = nowMs() - t;
  log(`  ${int(officers)} officers for ${bapas.length} Bapas in ${secs(officersMs)}`);

  // ------------------------------------------------------------ vacancies, through bulkCreateVacancies
  t = nowMs();
  const ctx = { now: new Date() };
  const vacancyIds = await writeAll(
    (function* () {
      for (let start = 0; start < args.vacancies; start += SLICE) {
        const end = Math.min(args.vacancies, start + SLICE);
        yield Array.from({ length: end - start }, (_, k) => vacancyInput(start + k, world.employers, today));
      }
    })(),
    (slice) => bulkCreateVacancies(BENCH_ACTOR, slice, ctx, hooks.vacancies),
    'vacancy',
  );
  const vacanciesMs = nowMs() - t;
  log(`  ${int(vacancyIds.length)} vacancies through bulkCreateVacancies in ${secs(vacanciesMs)}`);

  // ------------------------------------------------------------ profiles, through bulkCreateCandidates
  t = nowMs();
  const windows = new Set(targetReleaseDays(asOf).map((x) => x.day));
  const releases = new Map<number, Date>();
  const profileIds = await writeAll(
    (function* () {
      for (let start = 0; start < args.profiles; start += SLICE) {
        const end = Math.min(args.profiles, start + SLICE);
        yield Array.from({ length: end - start }, (_, k) => {
          const i = start + k;
          const { input, releasedOn } = alertsCandidateInput(
            i,
            args,
            world.candidates,
            asOf,
            windows,
            officersByBapas,
          );
          if (releasedOn) releases.set(i, releasedOn);
          return input;
        });
      }
    })(),
    (slice) => bulkCreateCandidates(BENCH_ACTOR, slice, ctx, hooks.candidates),
    'profile',
  );
  const profilesMs = nowMs() - t;
  log(`  ${int(profileIds.length)} profiles through bulkCreateCandidates in ${secs(profilesMs)}`);

  // ------------------------------------------------------------ releases of people already out
  t = nowMs();
  const released = [...releases].map(([index, day]) => ({ id: profileIds[index]!, day }));
  await mapLimit(released, RELEASE_CONCURRENCY, ({ id, day }) =>
    recordRelease(BENCH_ACTOR, id, day, { now: new Date() }, hooks.candidates),
  );
  const releasesMs = nowMs() - t;
  log(`  ${int(released.length)} releases through recordRelease in ${secs(releasesMs)}`);

  // ------------------------------------------------------------ the index, as the syncDirty job builds it
  t = nowMs();
  await indexAll(deps, meili);
  const indexMs = nowMs() - t;
  log(`  indexed with syncDirty in ${secs(indexMs)}`);

  const meta: DatasetMeta = {
    asOf,
    profiles: args.profiles,
    milestonePeople: args.milestonePeople,
    vacancies: args.vacancies,
    employers: args.employers,
    officersPerBapas: args.officersPerBapas,
    officers,
    released: released.length,
    generatedAt: new Date().toISOString(),
  };
  await db()
    .collection(META_COLLECTION)
    .replaceOne({ _id: 'dataset' as never }, meta, { upsert: true });
  return { meta, timings: { worldMs, officersMs, vacanciesMs, profilesMs, releasesMs, indexMs } };
}
