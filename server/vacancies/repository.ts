import type { DbSession } from '../infra/mongo.js';
import type { Sector } from '../shared/sectors.js';
import { escapeRegex, foldText } from '../shared/text.js';
import { VacancyModel } from './model.js';

export type SkillLevel = 'basic' | 'intermediate' | 'advanced';
export type VacancyStatus = 'open' | 'closed' | 'filled';

export interface VacancySkill {
  code: string;
  required: boolean;
  minLevel?: SkillLevel;
}

export interface VacancyRecord {
  id: string;
  employerId: string;
  title: string;
  kbji?: string;
  sector: Sector;
  description: string;
  skills: VacancySkill[];
  certificationsRequired: string[];
  location: { province: string; regency: string; regencyKey: string; lat?: number; lng?: number };
  radiusKm: number;
  openings: number;
  wage?: { min: number; max: number; period: 'hour' | 'day' | 'week' | 'month' };
  startDate: Date;
  closesAt?: Date;
  nightShift: boolean;
  status: VacancyStatus;
  version: number;
  externalRef?: string;
  createdAt: Date;
  updatedAt: Date;
}

interface VacancyDoc extends Omit<VacancyRecord, 'id' | 'employerId'> {
  _id: { toString(): string };
  employerId: { toString(): string };
}

/** This process's copy of recently read vacancies, by id (see findCurrentByIds). */
const recentVacancies = new Map<string, VacancyRecord>();
const RECENT_VACANCIES_MAX = 20_000;

export function toVacancyRecord(d: VacancyDoc): VacancyRecord {
  return {
    id: d._id.toString(),
    employerId: d.employerId.toString(),
    title: d.title,
    kbji: d.kbji ?? undefined,
    sector: d.sector,
    description: d.description,
    skills: (d.skills ?? []).map((s) => ({
      code: s.code,
      required: s.required,
      minLevel: s.minLevel ?? undefined,
    })),
    certificationsRequired: d.certificationsRequired ?? [],
    location: {
      province: d.location.province,
      regency: d.location.regency,
      regencyKey: d.location.regencyKey,
      lat: d.location.lat ?? undefined,
      lng: d.location.lng ?? undefined,
    },
    radiusKm: d.radiusKm ?? 50,
    openings: d.openings,
    wage: d.wage?.period ? { min: d.wage.min, max: d.wage.max, period: d.wage.period } : undefined,
    startDate: d.startDate,
    closesAt: d.closesAt ?? undefined,
    nightShift: d.nightShift ?? false,
    status: d.status,
    version: d.version ?? 1,
    externalRef: d.externalRef ?? undefined,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export type VacancyWrite = Omit<VacancyRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'> & {
  createdBy?: string;
};

export interface VacancyFilter {
  employerId?: string;
  status?: VacancyStatus;
  /** Open and not past closesAt at this instant. */
  openAt?: Date;
  regencyKey?: string;
  q?: string;
  ids?: string[];
}

function toQuery(f: VacancyFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.employerId) q.employerId = f.employerId;
  if (f.status) q.status = f.status;
  if (f.openAt) {
    q.status = 'open';
    q.$or = [{ closesAt: { $exists: false } }, { closesAt: null }, { closesAt: { $gte: f.openAt } }];
  }
  if (f.regencyKey) q['location.regencyKey'] = f.regencyKey;
  if (f.q) q.titleKey = { $regex: escapeRegex(foldText(f.q)) };
  if (f.ids) q._id = { $in: f.ids };
  return q;
}

export const vacancyRepository = {
  async create(v: VacancyWrite, session?: DbSession): Promise<VacancyRecord> {
    const [doc] = await VacancyModel.create([{ ...v, titleKey: foldText(v.title), searchDirty: true }], {
      session,
    });
    return toVacancyRecord(doc!.toObject() as VacancyDoc);
  },
  /** Inserts many vacancies in one round trip (bulk imports, benchmarks). All or nothing. */
  async createMany(vs: VacancyWrite[], session?: DbSession): Promise<VacancyRecord[]> {
    const docs = await VacancyModel.insertMany(
      vs.map((v) => ({ ...v, titleKey: foldText(v.title), searchDirty: true })),
      { session, ordered: true },
    );
    return docs.map((d) => toVacancyRecord(d.toObject() as VacancyDoc));
  },
  /** Replaces the given fields and bumps the version, only if the version is still `expectedVersion`. */
  async update(
    id: string,
    set: Partial<VacancyWrite>,
    expectedVersion: number,
    session?: DbSession,
  ): Promise<VacancyRecord | null> {
    const $set: Record<string, unknown> = { ...set, searchDirty: true };
    if (set.title) $set.titleKey = foldText(set.title);
    const $unset: Record<string, 1> = {};
    for (const [k, v] of Object.entries($set)) {
      if (v === undefined) {
        delete $set[k];
        $unset[k] = 1;
      }
    }
    const doc = await VacancyModel.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      { $set, ...(Object.keys($unset).length ? { $unset } : {}), $inc: { version: 1 } },
      { returnDocument: 'after', session, runValidators: true },
    ).lean<VacancyDoc>();
    return doc ? toVacancyRecord(doc) : null;
  },
  async findById(id: string, session?: DbSession): Promise<VacancyRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await VacancyModel.findById(id)
      .session(session ?? null)
      .lean<VacancyDoc>();
    return doc ? toVacancyRecord(doc) : null;
  },
  /** Marks an employer's vacancies for re-indexing (their documents carry the employer's name). */
  async markDirtyByEmployer(employerId: string, session?: DbSession): Promise<number> {
    const res = await VacancyModel.updateMany({ employerId }, { $set: { searchDirty: true } }, { session });
    return res.modifiedCount;
  },
  /**
   * Current records by id, served from this process's copy of each record whose stored version is
   * unchanged (every write bumps the version), so only new and changed records are read in full. For
   * hot paths that read the same vacancies again and again (alert delivery, matching).
   */
  async findCurrentByIds(ids: readonly string[]): Promise<VacancyRecord[]> {
    const valid = [...new Set(ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)))];
    if (valid.length === 0) return [];
    const versions = await VacancyModel.find({ _id: { $in: valid } }, { version: 1 }).lean<VacancyDoc[]>();
    const out = new Map<string, VacancyRecord>();
    const stale: string[] = [];
    for (const d of versions) {
      const id = d._id.toString();
      const held = recentVacancies.get(id);
      // A copy at least as new as the version just read is current (a write may have come since).
      if (held && held.version >= (d.version ?? 1)) out.set(id, held);
      else stale.push(id);
    }
    if (stale.length) {
      if (recentVacancies.size + stale.length > RECENT_VACANCIES_MAX) recentVacancies.clear();
      for (const v of await this.findByIds(stale)) {
        out.set(v.id, v);
        const held = recentVacancies.get(v.id);
        if (!held || held.version < v.version) recentVacancies.set(v.id, v);
      }
    }
    return valid.flatMap((id) => out.get(id) ?? []);
  },
  async findByIds(ids: string[]): Promise<VacancyRecord[]> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id));
    if (valid.length === 0) return [];
    const docs = await VacancyModel.find({ _id: { $in: valid } }).lean<VacancyDoc[]>();
    return docs.map(toVacancyRecord);
  },
  async findByExternalRef(employerId: string, externalRef: string): Promise<VacancyRecord | null> {
    const doc = await VacancyModel.findOne({ employerId, externalRef }).lean<VacancyDoc>();
    return doc ? toVacancyRecord(doc) : null;
  },
  async list(
    f: VacancyFilter,
    skip: number,
    limit: number,
  ): Promise<{ items: VacancyRecord[]; total: number }> {
    const q = toQuery(f);
    const [docs, total] = await Promise.all([
      VacancyModel.find(q).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean<VacancyDoc[]>(),
      VacancyModel.countDocuments(q),
    ]);
    return { items: docs.map(toVacancyRecord), total };
  },
  async findMany(f: VacancyFilter, limit = 10_000): Promise<VacancyRecord[]> {
    const docs = await VacancyModel.find(toQuery(f)).limit(limit).lean<VacancyDoc[]>();
    return docs.map(toVacancyRecord);
  },
};
