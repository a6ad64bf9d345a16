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

/** Reads and marks for the search sync. Marks are conditional on the version, so a newer write wins. */
export const searchSyncRepository = {
  async candidate(id: string): Promise<CandidateSyncState | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const d = await CandidateModel.findById(id).lean<Doc>();
    return d ? syncState(d) : null;
  },
  async dirtyCandidates(limit: number, olderThan?: Date): Promise<CandidateSyncState[]> {
    const q: Record<string, unknown> = { searchDirty: true };
    if (olderThan) q.updatedAt = { $lte: olderThan };
    const docs = await CandidateModel.find(q).sort({ updatedAt: 1 }).limit(limit).lean<Doc[]>();
    return docs.map(syncState);
  },
  async markCandidatesClean(entries: { id: string; version: number }[]): Promise<number> {
    if (entries.length === 0) return 0;
    const res = await CandidateModel.bulkWrite(
      entries.map((e) => ({
        updateOne: {
          filter: { _id: e.id, version: e.version },
          update: {
            $unset: { searchDirty: 1, pendingIndexRemoval: 1 },
            $set: { searchIndexedVersion: e.version },
          },
        },
      })),
      { ordered: false },
    );
    return res.modifiedCount;
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
  async dirtyVacancies(
    limit: number,
    olderThan?: Date,
  ): Promise<{ record: VacancyRecord; employer: EmployerRecord | null }[]> {
    const q: Record<string, unknown> = { searchDirty: true };
    if (olderThan) q.updatedAt = { $lte: olderThan };
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
    if (entries.length === 0) return 0;
    const res = await VacancyModel.bulkWrite(
      entries.map((e) => ({
        updateOne: {
          filter: { _id: e.id, version: e.version },
          update: { $unset: { searchDirty: 1 }, $set: { searchIndexedVersion: e.version } },
        },
      })),
      { ordered: false },
    );
    return res.modifiedCount;
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
