import type { DbSession } from '../infra/mongo.js';
import { PingModel } from './model.js';

export interface PingRecord {
  id: string;
  requestedAt: Date;
  handledAt?: Date;
  handledBy?: string;
  runs: number;
}

interface PingDoc {
  _id: { toString(): string };
  requestedAt: Date;
  handledAt?: Date;
  handledBy?: string;
  runs?: number;
}

const toRecord = (d: PingDoc): PingRecord => ({
  id: d._id.toString(),
  requestedAt: d.requestedAt,
  handledAt: d.handledAt,
  handledBy: d.handledBy,
  runs: d.runs ?? 0,
});

export const pingRepository = {
  async create(requestedBy: string, at: Date, session: DbSession): Promise<PingRecord> {
    const [doc] = await PingModel.create([{ requestedBy, requestedAt: at }], { session });
    return toRecord(doc!.toObject() as PingDoc);
  },
  async findById(id: string): Promise<PingRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await PingModel.findById(id).lean<PingDoc>();
    return doc ? toRecord(doc) : null;
  },
  /** Marks handled once; later runs only count themselves. Returns true for the first run. */
  async markHandled(id: string, by: string, at: Date): Promise<boolean> {
    const first = await PingModel.updateOne(
      { _id: id, handledAt: { $exists: false } },
      { $set: { handledAt: at, handledBy: by }, $inc: { runs: 1 } },
    );
    if (first.modifiedCount === 1) return true;
    await PingModel.updateOne({ _id: id }, { $inc: { runs: 1 } });
    return false;
  },
};
