import type { DbSession } from '../infra/mongo.js';
import type { LatLng } from '../shared/schemas.js';
import type { Sector } from '../shared/sectors.js';
import { escapeRegex, foldText } from '../shared/text.js';
import { EmployerModel } from './model.js';

export interface EmployerRecord {
  id: string;
  name: string;
  sector: Sector;
  province: string;
  regency: string;
  regencyKey: string;
  location?: LatLng;
  contactEmail: string;
  fairChancePledge: boolean;
  verified: boolean;
  verifiedAt?: Date;
  emailOptOut?: string[];
  createdAt: Date;
  updatedAt: Date;
}

interface EmployerDoc extends Omit<EmployerRecord, 'id'> {
  _id: { toString(): string };
}

const toRecord = (d: EmployerDoc): EmployerRecord => ({
  id: d._id.toString(),
  name: d.name,
  sector: d.sector,
  province: d.province,
  regency: d.regency,
  regencyKey: d.regencyKey,
  location: d.location?.lat !== undefined ? { lat: d.location.lat, lng: d.location.lng } : undefined,
  contactEmail: d.contactEmail,
  fairChancePledge: d.fairChancePledge,
  verified: d.verified,
  verifiedAt: d.verifiedAt,
  emailOptOut: d.emailOptOut ?? undefined,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export type EmployerWrite = Partial<Omit<EmployerRecord, 'id' | 'createdAt' | 'updatedAt'>> & {
  verifiedBy?: string;
  createdBy?: string;
};

function withKeys(w: EmployerWrite): Record<string, unknown> {
  return { ...w, ...(w.name ? { nameKey: foldText(w.name) } : {}) };
}

export const employerRepository = {
  async create(e: EmployerWrite, session?: DbSession): Promise<EmployerRecord> {
    const [doc] = await EmployerModel.create([withKeys(e)], { session });
    return toRecord(doc!.toObject() as EmployerDoc);
  },
  async update(id: string, set: EmployerWrite, session?: DbSession): Promise<EmployerRecord | null> {
    const doc = await EmployerModel.findByIdAndUpdate(
      id,
      { $set: withKeys(set) },
      { returnDocument: 'after', session, runValidators: true },
    ).lean<EmployerDoc>();
    return doc ? toRecord(doc) : null;
  },
  async upsertByName(e: EmployerWrite & { name: string }): Promise<EmployerRecord> {
    const doc = await EmployerModel.findOneAndUpdate(
      { nameKey: foldText(e.name) },
      { $set: withKeys(e) },
      { upsert: true, returnDocument: 'after' },
    )
      .lean<EmployerDoc>()
      .orFail();
    return toRecord(doc);
  },
  async setOptOut(id: string, kind: string, optOut: boolean): Promise<void> {
    await EmployerModel.updateOne(
      { _id: id },
      optOut ? { $addToSet: { emailOptOut: kind } } : { $pull: { emailOptOut: kind } },
    );
  },
  async findById(id: string, session?: DbSession): Promise<EmployerRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await EmployerModel.findById(id)
      .session(session ?? null)
      .lean<EmployerDoc>();
    return doc ? toRecord(doc) : null;
  },
  async findByIds(ids: string[]): Promise<EmployerRecord[]> {
    const docs = await EmployerModel.find({
      _id: { $in: ids.filter((i) => /^[0-9a-f]{24}$/i.test(i)) },
    }).lean<EmployerDoc[]>();
    return docs.map(toRecord);
  },
  async list(
    filter: { ids?: string[]; regencyKey?: string; sector?: string; verified?: boolean; q?: string },
    skip: number,
    limit: number,
  ): Promise<{ items: EmployerRecord[]; total: number }> {
    const q: Record<string, unknown> = {};
    if (filter.ids) q._id = { $in: filter.ids };
    if (filter.regencyKey) q.regencyKey = filter.regencyKey;
    if (filter.sector) q.sector = filter.sector;
    if (filter.verified !== undefined) q.verified = filter.verified;
    if (filter.q) q.nameKey = { $regex: escapeRegex(foldText(filter.q)) };
    const [docs, total] = await Promise.all([
      EmployerModel.find(q).sort({ name: 1, _id: 1 }).skip(skip).limit(limit).lean<EmployerDoc[]>(),
      EmployerModel.countDocuments(q),
    ]);
    return { items: docs.map(toRecord), total };
  },
};
