import type { DbSession } from '../infra/mongo.js';
import { PlacementModel } from './model.js';
import { isActive, type PlacementState } from './states.js';

export interface TimelineEvent {
  at: Date;
  by: string;
  role: string;
  from?: PlacementState;
  to: PlacementState;
  note?: string;
  reason?: string;
  /** Notes between officers and staff; never shown to the person. */
  internal?: boolean;
}

export interface PlacementRecord {
  id: string;
  candidateId: string;
  vacancyId: string;
  employerId: string;
  bapasId?: string;
  facilityId?: string;
  /** Who started it: the officer, the employer, or the person themselves ("Saya tertarik"). */
  origin: 'officer' | 'employer' | 'candidate';
  state: PlacementState;
  timeline: TimelineEvent[];
  introducedAt?: Date;
  hiredAt?: Date;
  closedAt?: Date;
  closedReason?: string;
  employerFeedback?: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

// biome-ignore lint/suspicious/noExplicitAny: lean documents are mapped field by field below.
type Doc = Record<string, any> & { _id: { toString(): string } };
const str = (v: { toString(): string } | undefined | null) => (v ? v.toString() : undefined);

export function toPlacementRecord(d: Doc): PlacementRecord {
  return {
    id: d._id.toString(),
    candidateId: d.candidateId.toString(),
    vacancyId: d.vacancyId.toString(),
    employerId: d.employerId.toString(),
    bapasId: str(d.bapasId),
    facilityId: str(d.facilityId),
    origin: d.origin,
    state: d.state,
    timeline: (d.timeline ?? []).map((e: Doc) => ({
      at: e.at,
      by: e.by.toString(),
      role: e.role,
      from: e.from ?? undefined,
      to: e.to,
      note: e.note ?? undefined,
      reason: e.reason ?? undefined,
      internal: e.internal ?? undefined,
    })),
    introducedAt: d.introducedAt ?? undefined,
    hiredAt: d.hiredAt ?? undefined,
    closedAt: d.closedAt ?? undefined,
    closedReason: d.closedReason ?? undefined,
    employerFeedback: d.employerFeedback ?? undefined,
    version: d.version ?? 1,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export interface PlacementFilter {
  ids?: string[];
  state?: PlacementState;
  states?: PlacementState[];
  candidateId?: string;
  vacancyId?: string;
  employerId?: string;
  bapasId?: string;
  facilityId?: string;
  candidateIds?: string[];
  createdFrom?: Date;
  createdTo?: Date;
}

function toQuery(f: PlacementFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.ids) q._id = { $in: f.ids };
  if (f.state) q.state = f.state;
  else if (f.states) q.state = { $in: f.states };
  if (f.candidateId) q.candidateId = f.candidateId;
  else if (f.candidateIds) q.candidateId = { $in: f.candidateIds };
  if (f.vacancyId) q.vacancyId = f.vacancyId;
  if (f.employerId) q.employerId = f.employerId;
  if (f.bapasId) q.bapasId = f.bapasId;
  if (f.facilityId) q.facilityId = f.facilityId;
  if (f.createdFrom || f.createdTo) {
    q.createdAt = {
      ...(f.createdFrom ? { $gte: f.createdFrom } : {}),
      ...(f.createdTo ? { $lte: f.createdTo } : {}),
    };
  }
  return q;
}

export const placementRepository = {
  async create(
    p: Omit<PlacementRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
    session?: DbSession,
  ): Promise<PlacementRecord> {
    const [doc] = await PlacementModel.create([{ ...p, active: isActive(p.state) }], { session });
    return toPlacementRecord(doc!.toObject() as Doc);
  },
  async findById(id: string, session?: DbSession): Promise<PlacementRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const d = await PlacementModel.findById(id)
      .session(session ?? null)
      .lean<Doc>();
    return d ? toPlacementRecord(d) : null;
  },
  /** Appends an event and moves the state, only if nobody moved it since `expectedVersion`. */
  async transition(
    id: string,
    expectedVersion: number,
    event: TimelineEvent,
    set: Partial<Pick<PlacementRecord, 'introducedAt' | 'hiredAt' | 'closedAt' | 'closedReason'>>,
    session?: DbSession,
  ): Promise<PlacementRecord | null> {
    const d = await PlacementModel.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      {
        $set: { state: event.to, active: isActive(event.to), ...set },
        $push: { timeline: event },
        $inc: { version: 1 },
      },
      { returnDocument: 'after', session },
    ).lean<Doc>();
    return d ? toPlacementRecord(d) : null;
  },
  async setFeedback(id: string, feedback: string): Promise<PlacementRecord | null> {
    const d = await PlacementModel.findByIdAndUpdate(
      id,
      { $set: { employerFeedback: feedback }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    ).lean<Doc>();
    return d ? toPlacementRecord(d) : null;
  },
  async list(f: PlacementFilter, skip: number, limit: number) {
    const q = toQuery(f);
    const [docs, total] = await Promise.all([
      PlacementModel.find(q).sort({ updatedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<Doc[]>(),
      PlacementModel.countDocuments(q),
    ]);
    return { items: docs.map(toPlacementRecord), total };
  },
  async findMany(f: PlacementFilter, limit = 100_000): Promise<PlacementRecord[]> {
    return (await PlacementModel.find(toQuery(f)).limit(limit).lean<Doc[]>()).map(toPlacementRecord);
  },
  async activeFor(candidateId: string, vacancyId: string): Promise<PlacementRecord | null> {
    const d = await PlacementModel.findOne({ candidateId, vacancyId, active: true }).lean<Doc>();
    return d ? toPlacementRecord(d) : null;
  },
};
