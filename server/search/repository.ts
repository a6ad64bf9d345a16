import { CandidateModel } from '../candidates/model.js';
import { toCandidateRecord } from '../candidates/repository.js';
import type { CandidateRecord } from '../candidates/types.js';
import type { EmployerRecord } from '../employers/repository.js';
import { employerRepository } from '../employers/repository.js';
import { VacancyModel } from '../vacancies/model.js';
import { toVacancyRecord, type VacancyRecord } from '../vacancies/repository.js';

/** A record as the sync sees it: current or erased, plus its sync markers. */
export interface CandidateSyncState {
  record: CandidateRecord;
  erased: boolean;
  pendingIndexRemoval?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: lean documents are mapped by the capability's own mappers.
type Doc = Record<string, any> & { _id: { toString(): string } };

function syncState(d: Doc): CandidateSyncState {
  return {
    record: toCandidateRecord(d),
    erased: d.status === 'erased',
    pendingIndexRemoval: d.pendingIndexRemoval ?? undefined,
  };
}

/** Where a running sweep has read up to: the latest change time read, and the ids read at that time. */
export interface SweepPosition {
  updatedAt: Date;
  ids: string[];
}

function dirtyQuery(olderThan?: Date, after?: SweepPosition): Record<string, unknown> {
  const q: Record<string, unknown> = { searchDirty: true };
  const range: Record<string, Date> = {};
  if (olderThan) range.$lte = olderThan;
  if (after) range.$gte = after.updatedAt;
  if (olderThan || after) q.updatedAt = range;
  if (after?.ids.length) q._id = { $nin: after.ids };
  return q;
}

/** Ids grouped by version, so marking a batch clean takes one update per version instead of one per record. */
function byVersion(entries: { id: string; version: number }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of entries) {
    const ids = out.get(e.version) ?? [];
    ids.push(e.id);
    out.set(e.version, ids);
  }
  return out;
}

/** Reads and marks for the search sync. Marks are conditional on the version, so a newer write wins. */
export const searchSyncRepository = {
  async candidate(id: string): Promise<CandidateSyncState | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const d = await CandidateModel.findById(id).lean<Doc>();
    return d ? syncState(d) : null;
  },
  /**
   * Dirty profiles, oldest change first. `after` continues a sweep: only changes at or after its time,
   * skipping the ids already read at exactly that time.
   */
  async dirtyCandidates(
    limit: number,
    olderThan?: Date,
    after?: SweepPosition,
  ): Promise<CandidateSyncState[]> {
    const q = dirtyQuery(olderThan, after);
    const docs = await CandidateModel.find(q).sort({ updatedAt: 1 }).limit(limit).lean<Doc[]>();
    return docs.map(syncState);
  },
  /** Clears the marker of each record still at the indexed version (one update per distinct version). */
  async markCandidatesClean(entries: { id: string; version: number }[]): Promise<number> {
    let modified = 0;
    for (const [version, ids] of byVersion(entries)) {
      const res = await CandidateModel.updateMany(
        { _id: { $in: ids }, version },
        { $unset: { searchDirty: 1, pendingIndexRemoval: 1 }, $set: { searchIndexedVersion: version } },
      );
      modified += res.modifiedCount;
    }
    return modified;
  },
  async markCandidatesDirty(publicIds: string[]): Promise<void> {
    if (publicIds.length)
      await CandidateModel.updateMany({ publicId: { $in: publicIds } }, { $set: { searchDirty: true } });
  },
  async countDirtyCandidates(): Promise<number> {
    return CandidateModel.countDocuments({ searchDirty: true });
  },
  /** Every non-erased profile's public id and version, streamed, for drift checks. */
  async *candidateVersions(): AsyncGenerator<{ publicId: string; version: number; record: CandidateRecord }> {
    const cursor = CandidateModel.find({ status: { $ne: 'erased' } })
      .lean<Doc[]>()
      .cursor({ batchSize: 2000 });
    for await (const d of cursor as AsyncIterable<Doc>) {
      yield { publicId: d.publicId, version: d.version ?? 1, record: toCandidateRecord(d) };
    }
  },

  async vacancy(id: string): Promise<{ record: VacancyRecord; employer: EmployerRecord | null } | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const d = await VacancyModel.findById(id).lean<Doc>();
    if (!d) return null;
    const record = toVacancyRecord(d as never);
    return { record, employer: await employerRepository.findById(record.employerId) };
  },
  /** Dirty vacancies, oldest change first; `after` as for dirtyCandidates. */
  async dirtyVacancies(
    limit: number,
    olderThan?: Date,
    after?: SweepPosition,
  ): Promise<{ record: VacancyRecord; employer: EmployerRecord | null }[]> {
    const q = dirtyQuery(olderThan, after);
    const docs = await VacancyModel.find(q).sort({ updatedAt: 1 }).limit(limit).lean<Doc[]>();
    const records = docs.map((d) => toVacancyRecord(d as never));
    const employers = new Map(
      (await employerRepository.findByIds([...new Set(records.map((r) => r.employerId))])).map((e) => [
        e.id,
        e,
      ]),
    );
    return records.map((record) => ({ record, employer: employers.get(record.employerId) ?? null }));
  },
  async markVacanciesClean(entries: { id: string; version: number }[]): Promise<number> {
    let modified = 0;
    for (const [version, ids] of byVersion(entries)) {
      const res = await VacancyModel.updateMany(
        { _id: { $in: ids }, version },
        { $unset: { searchDirty: 1 }, $set: { searchIndexedVersion: version } },
      );
      modified += res.modifiedCount;
    }
    return modified;
  },
  async countDirtyVacancies(): Promise<number> {
    return VacancyModel.countDocuments({ searchDirty: true });
  },
  async markVacanciesDirty(ids: string[]): Promise<void> {
    if (ids.length) await VacancyModel.updateMany({ _id: { $in: ids } }, { $set: { searchDirty: true } });
  },
  async *vacancyVersions(): AsyncGenerator<{ id: string; version: number; record: VacancyRecord }> {
    const cursor = VacancyModel.find({}).lean<Doc[]>().cursor({ batchSize: 2000 });
    for await (const d of cursor as AsyncIterable<Doc>) {
      yield { id: d._id.toString(), version: d.version ?? 1, record: toVacancyRecord(d as never) };
    }
  },
  /** Vacancies whose closing time has passed but are still marked open. */
  async expiredOpenVacancyIds(now: Date, limit: number): Promise<string[]> {
    const docs = await VacancyModel.find({ status: 'open', closesAt: { $lt: now } }, { _id: 1 })
      .limit(limit)
      .lean<Doc[]>();
    return docs.map((d) => d._id.toString());
  },
  /** Employers whose name or verification changed need their vacancies re-indexed. */
  async vacancyIdsOfEmployer(employerId: string): Promise<string[]> {
    const docs = await VacancyModel.find({ employerId }, { _id: 1 }).lean<Doc[]>();
    return docs.map((d) => d._id.toString());
  },
};
