/**
 * Writes the evaluation set through the product's own write path — the same services, schemas and
 * write hooks the API uses — then indexes what the writes marked dirty, as the worker would.
 */
import { SYSTEM_ACTOR } from '../../../server/auth/actor.js';
import { candidateRepository } from '../../../server/candidates/repository.js';
import {
  CertificationBody,
  CreateCandidateBody,
  PatchCandidateBody,
  TrainingBody,
} from '../../../server/candidates/schemas.js';
import {
  addCertification,
  addTraining,
  bulkCreateCandidates,
  recordRelease,
  updateCandidate,
} from '../../../server/candidates/service.js';
import type { Deps } from '../../../server/deps.js';
import { CreateEmployerBody } from '../../../server/employers/schemas.js';
import { createEmployer } from '../../../server/employers/service.js';
import { CreateFacilityBody } from '../../../server/facilities/schemas.js';
import { createFacility } from '../../../server/facilities/service.js';
import { createWriteHooks } from '../../../server/hooks.js';
import { ensureSearchIndexes, syncDirty } from '../../../server/search/sync.js';
import { CreateVacancyBody } from '../../../server/vacancies/schemas.js';
import { createVacancy } from '../../../server/vacancies/service.js';
import { asOfDate, dayFrom, type EvalCandidate, type EvalSet } from './set.js';

export interface LoadedSet {
  /** Fixture key → database id, for vacancies and candidates. */
  vacancyIds: Map<string, string>;
  candidateIds: Map<string, string>;
  /** Public id (what the matcher returns) → fixture key. */
  keyByPublicId: Map<string, string>;
}

const DAY_MS = 24 * 3600 * 1000;

/** A birth date that makes the person `age` on asOf (a hundred days past their birthday). */
function birthDay(set: EvalSet, age: number): string {
  const asOf = asOfDate(set);
  const birthday = Date.UTC(asOf.getUTCFullYear() - age, asOf.getUTCMonth(), asOf.getUTCDate());
  return new Date(birthday - 100 * DAY_MS).toISOString().slice(0, 10);
}

/** Runs `fn` over `items`, at most `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** Loads the set into the database `deps` points at and indexes it "as of" the set's day. */
export async function loadEvalSet(deps: Deps, set: EvalSet): Promise<LoadedSet> {
  const now = asOfDate(set);
  const ctx = { now };
  const hooks = createWriteHooks(deps);
  const actor = SYSTEM_ACTOR;
  await ensureSearchIndexes(deps.search);

  const facilityIds = new Map<string, string>();
  for (const f of set.facilities) {
    const created = await createFacility(
      actor,
      CreateFacilityBody.parse({
        code: f.key,
        name: f.name,
        kind: f.kind,
        province: set.province,
        regency: f.at.regency,
        location: { lat: f.at.lat, lng: f.at.lng },
        timezone: 'Asia/Makassar',
      }),
    );
    facilityIds.set(f.key, created.id);
  }
  const facility = (key: string) => {
    const id = facilityIds.get(key);
    if (!id) throw new Error(`unknown facility ${key}`);
    return id;
  };

  const employerIds = new Map<string, string>();
  for (const e of set.employers) {
    const created = await createEmployer(
      actor,
      CreateEmployerBody.parse({
        name: e.name,
        sector: e.sector,
        province: set.province,
        regency: e.at.regency,
        location: { lat: e.at.lat, lng: e.at.lng },
        contactEmail: `hr-${e.key.toLowerCase()}@eval.bekalkerja.local`,
        fairChancePledge: true,
        verified: true,
      }),
      now,
    );
    employerIds.set(e.key, created.id);
  }

  const vacancyIds = new Map<string, string>();
  for (const v of set.vacancies) {
    const created = await createVacancy(
      actor,
      CreateVacancyBody.parse({
        employerId: employerIds.get(v.employer),
        title: v.title,
        sector: v.sector,
        description: v.description,
        skills: v.skills,
        certificationsRequired: v.certificationsRequired,
        location: { province: set.province, regency: v.at.regency, lat: v.at.lat, lng: v.at.lng },
        radiusKm: v.radiusKm,
        openings: v.openings,
        startDate: dayFrom(set, v.startInDays),
        ...(v.closesInDays === undefined ? {} : { closesAt: dayFrom(set, v.closesInDays) }),
        nightShift: v.nightShift,
        status: v.status,
      }),
      ctx,
      hooks.vacancies,
    );
    vacancyIds.set(v.key, created.id);
  }

  const inputs = set.candidates.map((c) =>
    CreateCandidateBody.parse({
      registrationNumber: `EVAL/${c.key}`,
      fullName: `Peserta Uji ${c.key}`,
      birthDate: birthDay(set, c.ageYears),
      gender: c.gender,
      facilityId: facility(c.facility),
      ...(c.bapas ? { bapasId: facility(c.bapas) } : {}),
      domicile: {
        province: set.province,
        regency: c.home.regency,
        location: { lat: c.home.lat, lng: c.home.lng },
      },
      release: { expectedDate: dayFrom(set, c.releaseInDays), type: c.releaseType },
      skills: c.skills,
      education: { level: c.education },
      languages: c.languages,
      workHistory: c.workHistory,
      preferences: c.preferences,
      consent: { shareWithEmployers: c.consent, contactByEmail: false },
      restrictions: c.restrictions,
    }),
  );
  const bulk = await bulkCreateCandidates(actor, inputs, ctx, hooks.candidates);
  if (bulk.failed.length) {
    const first = bulk.failed[0]!;
    throw new Error(
      `${bulk.failed.length} candidates failed, first ${set.candidates[first.index]?.key}: ${first.error.message}`,
    );
  }
  const candidateIds = new Map<string, string>();
  const keyByPublicId = new Map<string, string>();
  for (const row of bulk.created) {
    const key = set.candidates[row.index]!.key;
    candidateIds.set(key, row.id);
    keyByPublicId.set(row.publicId, key);
  }

  // Trainings, certificates, releases and withdrawals are later writes on each profile.
  await pool(set.candidates, 16, async (c: EvalCandidate) => {
    const id = candidateIds.get(c.key)!;
    for (const t of c.trainings) {
      const end = dayFrom(set, -t.endedDaysAgo);
      const days = Math.max(7, Math.round(t.hours / 5));
      await addTraining(
        actor,
        id,
        TrainingBody.parse({
          provider: facility(t.provider),
          programme: t.programme,
          startDate: dayFrom(set, -t.endedDaysAgo - days),
          endDate: end,
          hours: t.hours,
          result: t.result,
          skills: t.skills,
        }),
        ctx,
        hooks.candidates,
      );
    }
    for (const [n, cert] of c.certifications.entries()) {
      await addCertification(
        actor,
        id,
        CertificationBody.parse({
          scheme: cert.scheme,
          number: `EVAL-${c.key}-${n + 1}`,
          issuer: cert.issuer,
          issuedAt: dayFrom(set, -cert.issuedDaysAgo),
          ...(cert.validDays === undefined
            ? {}
            : { expiresAt: dayFrom(set, cert.validDays - cert.issuedDaysAgo) }),
          skills: cert.skills,
        }),
        ctx,
        hooks.candidates,
      );
    }
    if (c.status !== 'in_custody') {
      await recordRelease(
        actor,
        id,
        new Date(`${dayFrom(set, c.releaseInDays)}T00:00:00.000Z`),
        ctx,
        hooks.candidates,
      );
    }
    if (c.status === 'withdrawn') {
      await updateCandidate(
        actor,
        id,
        PatchCandidateBody.parse({ status: 'withdrawn' }),
        ctx,
        hooks.candidates,
      );
    }
  });

  // The set states each profile's final skills; the product's rules for trainings and certificates
  // must have arrived at exactly those, or the labels would describe other people.
  const stored = new Map(
    (await candidateRepository.findByIds([...candidateIds.values()])).map((r) => [r.id, r]),
  );
  const skillKey = (s: { code: string; level: string; evidence?: string }) =>
    `${s.code}:${s.level}:${s.evidence ?? ''}`;
  for (const c of set.candidates) {
    const r = stored.get(candidateIds.get(c.key)!);
    const want = c.skills.map(skillKey).sort().join(' ');
    const got = (r?.skills ?? []).map(skillKey).sort().join(' ');
    if (want !== got) throw new Error(`${c.key}: stored skills [${got}] differ from the set's [${want}]`);
  }

  await syncDirty(deps.search, 'candidates', now);
  await syncDirty(deps.search, 'vacancies', now);
  return { vacancyIds, candidateIds, keyByPublicId };
}
