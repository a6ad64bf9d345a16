import type { DbSession } from '../infra/mongo.js';
import type { LatLng } from '../shared/schemas.js';
import { FacilityModel } from './model.js';

export type FacilityKind = 'lapas' | 'rutan' | 'lpka' | 'bapas' | 'blk';

export interface FacilityRecord {
  id: string;
  code: string;
  name: string;
  kind: FacilityKind;
  province: string;
  regency: string;
  regencyKey: string;
  location: LatLng;
  timezone: string;
  createdAt: Date;
}

interface FacilityDoc extends Omit<FacilityRecord, 'id'> {
  _id: { toString(): string };
}

const toRecord = (d: FacilityDoc): FacilityRecord => ({
  id: d._id.toString(),
  code: d.code,
  name: d.name,
  kind: d.kind,
  province: d.province,
  regency: d.regency,
  regencyKey: d.regencyKey,
  location: { lat: d.location.lat, lng: d.location.lng },
  timezone: d.timezone,
  createdAt: d.createdAt,
});

export type NewFacility = Omit<FacilityRecord, 'id' | 'createdAt'> & { createdBy?: string };

export const facilityRepository = {
  async create(f: NewFacility, session?: DbSession): Promise<FacilityRecord> {
    const [doc] = await FacilityModel.create([f], { session });
    return toRecord(doc!.toObject() as FacilityDoc);
  },
  async upsertByCode(f: NewFacility): Promise<FacilityRecord> {
    const doc = await FacilityModel.findOneAndUpdate(
      { code: f.code.toUpperCase() },
      { $set: f },
      { upsert: true, returnDocument: 'after' },
    )
      .lean<FacilityDoc>()
      .orFail();
    return toRecord(doc);
  },
  async findById(id: string, session?: DbSession): Promise<FacilityRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await FacilityModel.findById(id)
      .session(session ?? null)
      .lean<FacilityDoc>();
    return doc ? toRecord(doc) : null;
  },
  async findByCode(code: string): Promise<FacilityRecord | null> {
    const doc = await FacilityModel.findOne({ code: code.trim().toUpperCase() }).lean<FacilityDoc>();
    return doc ? toRecord(doc) : null;
  },
  async findByIds(ids: string[]): Promise<FacilityRecord[]> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id));
    if (valid.length === 0) return [];
    const docs = await FacilityModel.find({ _id: { $in: valid } }).lean<FacilityDoc[]>();
    return docs.map(toRecord);
  },
  async list(filter: {
    kind?: FacilityKind;
    regencyKey?: string;
    province?: string;
  }): Promise<FacilityRecord[]> {
    const q: Record<string, unknown> = {};
    if (filter.kind) q.kind = filter.kind;
    if (filter.regencyKey) q.regencyKey = filter.regencyKey;
    if (filter.province) q.province = filter.province;
    const docs = await FacilityModel.find(q).sort({ kind: 1, name: 1 }).limit(2000).lean<FacilityDoc[]>();
    return docs.map(toRecord);
  },
};
