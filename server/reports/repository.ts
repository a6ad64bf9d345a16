// Read-only queries behind the reports. Every query projects only the fields a report uses, loads
// related records in batches by id (no query per row), and returns many small rows packed into a few
// documents: reading 50,000 tiny documents one by one costs several times more than reading the same
// facts as arrays in a handful of documents.

import { Types } from 'mongoose';
import { CandidateModel } from '../candidates/model.js';
import { PlacementModel } from '../placements/model.js';
import type { PlacementState } from '../placements/states.js';
import { regionKey } from '../shared/regions.js';
import { VacancyModel } from '../vacancies/model.js';

/** How many ids one `$in` look-up carries. */
const ID_BATCH = 5000;
/** People per packed document: even with many trainings each, far below the 16 MB document limit. */
const PEOPLE_PER_DOC = 1000;
/** Placement rows per packed document (about 80 bytes each). */
const PLACEMENTS_PER_DOC = 20_000;

type Id = { toString(): string };

export interface PlacementRowFilter {
  /** createdAt ≥ this instant. */
  createdFrom: Date;
  /** createdAt < this instant. */
  createdBefore: Date;
  bapasId?: string;
  facilityId?: string;
  /** Only placements of these people (BLK scope); an empty list matches nothing. */
  candidateIds?: string[];
}

/** The few facts of one placement a report needs. */
export interface PlacementRow {
  state: PlacementState;
  hiredAt?: Date;
  candidateId: string;
  vacancyId: string;
  /** The longest retention step the placement ever reached (retained_N in its timeline), else 0. */
  retainedDays: RetainedDays;
}

export interface CandidateFacts {
  /** Actual release date when recorded, else the expected one. */
  releasedOn?: Date;
  /** Trainings the person passed (provider BLK id and name, programme name as recorded). */
  passed: { provider: string; providerName: string; programme: string }[];
}

export interface RegionFilter {
  province?: string;
  regency?: string;
}

export interface SkillCount {
  code: string;
  count: number;
}

export type RetainedDays = 0 | 30 | 90 | 180;

interface PlacementRowDoc {
  s: PlacementState;
  h?: Date | null;
  c: Id;
  v: Id;
  r: RetainedDays;
}

interface CandidateFactsDoc {
  id: Id;
  releasedOn?: Date | null;
  passed: { provider: Id; providerName?: string | null; programme?: string | null }[];
}

interface VacancySkillsDoc {
  _id: Id;
  skills?: { code: string; required: boolean }[];
}

function chunks<T>(list: readonly T[], size = ID_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Raw values of a stored province field whose region key equals `province`'s, so "Provinsi Sulawesi
 * Selatan" finds documents stored as "Sulawesi Selatan". Provinces are few; `distinct` is cheap.
 */
async function provinceValues(field: string, province: string, distinct: () => Promise<unknown[]>) {
  const key = regionKey(province);
  const values = (await distinct()).filter((v): v is string => typeof v === 'string');
  return { [field]: { $in: values.filter((v) => regionKey(v) === key) } };
}

export const reportRepository = {
  /** Ids of everyone with a training or a certification from this BLK (the trainer's population). */
  async candidateIdsTrainedBy(blkId: string): Promise<string[]> {
    const docs = await CandidateModel.find(
      { $or: [{ 'trainings.provider': blkId }, { 'certifications.provider': blkId }] },
      { _id: 1 },
    ).lean<{ _id: Id }[]>();
    return docs.map((d) => d._id.toString());
  },

  /**
   * The report facts of every placement created in the window and scope: five scalars per placement
   * (the longest retention step is worked out in the database from the timeline), packed into
   * documents of up to PLACEMENTS_PER_DOC rows by $bucketAuto.
   */
  async placementRows(f: PlacementRowFilter): Promise<PlacementRow[]> {
    if (f.candidateIds && f.candidateIds.length === 0) return [];
    const match: Record<string, unknown> = { createdAt: { $gte: f.createdFrom, $lt: f.createdBefore } };
    // Aggregations are not cast by mongoose: ids go in as ObjectIds.
    if (f.bapasId) match.bapasId = new Types.ObjectId(f.bapasId);
    if (f.facilityId) match.facilityId = new Types.ObjectId(f.facilityId);
    if (f.candidateIds) match.candidateId = { $in: f.candidateIds.map((id) => new Types.ObjectId(id)) };
    const count = await PlacementModel.countDocuments(match);
    if (count === 0) return [];
    const states = { $concatArrays: [['$state'], { $ifNull: ['$timeline.to', []] }] };
    const packs = await PlacementModel.aggregate<{ rows: PlacementRowDoc[] }>([
      { $match: match },
      // Slim rows first, so the sort inside $bucketAuto handles ~80-byte documents.
      {
        $project: {
          s: '$state',
          h: '$hiredAt',
          c: '$candidateId',
          v: '$vacancyId',
          r: [30, 90, 180].reduce<unknown>(
            (otherwise, n) => ({ $cond: [{ $in: [`retained_${n}`, states] }, n, otherwise] }),
            0,
          ),
        },
      },
      {
        $bucketAuto: {
          groupBy: '$_id',
          buckets: Math.ceil(count / PLACEMENTS_PER_DOC),
          output: { rows: { $push: { s: '$s', h: '$h', c: '$c', v: '$v', r: '$r' } } },
        },
      },
    ]);
    const rows: PlacementRow[] = [];
    for (const pack of packs) {
      for (const d of pack.rows) {
        rows.push({
          state: d.s,
          hiredAt: d.h ?? undefined,
          candidateId: d.c.toString(),
          vacancyId: d.v.toString(),
          retainedDays: d.r,
        });
      }
    }
    return rows;
  },

  /**
   * Release date and passed trainings of these people, by id, in batches. Erased profiles are
   * included: their tombstones keep what statistics need (release month, trainings).
   */
  async candidateFacts(ids: readonly string[]): Promise<Map<string, CandidateFacts>> {
    const out = new Map<string, CandidateFacts>();
    for (const batch of chunks(ids, PEOPLE_PER_DOC)) {
      const [pack] = await CandidateModel.aggregate<{ rows: CandidateFactsDoc[] }>([
        { $match: { _id: { $in: batch.map((id) => new Types.ObjectId(id)) } } },
        {
          $group: {
            _id: null,
            rows: {
              $push: {
                id: '$_id',
                releasedOn: { $ifNull: ['$release.actualDate', '$release.expectedDate'] },
                passed: {
                  $map: {
                    input: {
                      $filter: {
                        input: { $ifNull: ['$trainings', []] },
                        cond: { $eq: ['$$this.result', 'passed'] },
                      },
                    },
                    in: {
                      provider: '$$this.provider',
                      providerName: '$$this.providerName',
                      programme: '$$this.programme',
                    },
                  },
                },
              },
            },
          },
        },
      ]);
      for (const d of pack?.rows ?? []) {
        out.set(d.id.toString(), {
          releasedOn: d.releasedOn ?? undefined,
          passed: d.passed.map((t) => ({
            provider: t.provider.toString(),
            providerName: t.providerName ?? '',
            programme: t.programme ?? '',
          })),
        });
      }
    }
    return out;
  },

  /** The first required skill code of each vacancy, by id (undefined when it has none). */
  async firstRequiredSkills(ids: readonly string[]): Promise<Map<string, string | undefined>> {
    const out = new Map<string, string | undefined>();
    for (const batch of chunks(ids)) {
      const docs = await VacancyModel.find(
        { _id: { $in: batch } },
        { 'skills.code': 1, 'skills.required': 1 },
      ).lean<VacancySkillsDoc[]>();
      for (const d of docs) out.set(d._id.toString(), d.skills?.find((s) => s.required)?.code);
    }
    return out;
  },

  /**
   * Demand: for each skill code, the openings of open vacancies (status open, not past closesAt at
   * `now`) in the region that require it; plus the number of such vacancies and their openings.
   */
  async skillDemand(
    region: RegionFilter,
    now: Date,
  ): Promise<{ bySkill: SkillCount[]; vacancies: number; openings: number }> {
    const match: Record<string, unknown> = {
      status: 'open',
      $or: [{ closesAt: null }, { closesAt: { $gte: now } }],
    };
    if (region.regency) match['location.regencyKey'] = regionKey(region.regency);
    if (region.province) {
      Object.assign(
        match,
        await provinceValues('location.province', region.province, () =>
          VacancyModel.distinct('location.province', { status: 'open' }),
        ),
      );
    }
    const [result] = await VacancyModel.aggregate<{
      bySkill: { _id: string; count: number }[];
      totals: { vacancies: number; openings: number }[];
    }>([
      { $match: match },
      { $project: { openings: 1, skills: 1 } },
      {
        $facet: {
          bySkill: [
            {
              $project: {
                openings: 1,
                // Each required code once per vacancy.
                codes: {
                  $setUnion: [
                    {
                      $map: {
                        input: { $filter: { input: '$skills', cond: { $eq: ['$$this.required', true] } } },
                        in: '$$this.code',
                      },
                    },
                    [],
                  ],
                },
              },
            },
            { $unwind: '$codes' },
            { $group: { _id: '$codes', count: { $sum: '$openings' } } },
          ],
          totals: [{ $group: { _id: null, vacancies: { $sum: 1 }, openings: { $sum: '$openings' } } }],
        },
      },
    ]);
    return {
      bySkill: (result?.bySkill ?? []).map((r) => ({ code: r._id, count: r.count })),
      vacancies: result?.totals[0]?.vacancies ?? 0,
      openings: result?.totals[0]?.openings ?? 0,
    };
  },

  /**
   * Supply: for each skill code, the number of people living in the region (domicile) who are in
   * custody with an expected release in [releaseFrom, releaseTo], or released and not yet placed,
   * and who hold that skill; plus how many such people there are.
   */
  async skillSupply(
    region: RegionFilter,
    releaseFrom: Date,
    releaseTo: Date,
  ): Promise<{ bySkill: SkillCount[]; people: number }> {
    const match: Record<string, unknown> = {
      $or: [
        { status: 'in_custody', 'release.expectedDate': { $gte: releaseFrom, $lte: releaseTo } },
        { status: 'released' },
      ],
    };
    if (region.regency) match['domicile.regencyKey'] = regionKey(region.regency);
    if (region.province) {
      Object.assign(
        match,
        await provinceValues('domicile.province', region.province, () =>
          CandidateModel.distinct('domicile.province', { status: { $in: ['in_custody', 'released'] } }),
        ),
      );
    }
    const [result] = await CandidateModel.aggregate<{
      bySkill: { _id: string; count: number }[];
      totals: { people: number }[];
    }>([
      { $match: match },
      { $project: { codes: { $setUnion: [{ $ifNull: ['$skills.code', []] }, []] } } },
      {
        $facet: {
          bySkill: [{ $unwind: '$codes' }, { $group: { _id: '$codes', count: { $sum: 1 } } }],
          totals: [{ $count: 'people' }],
        },
      },
    ]);
    return {
      bySkill: (result?.bySkill ?? []).map((r) => ({ code: r._id, count: r.count })),
      people: result?.totals[0]?.people ?? 0,
    };
  },
};
