import type { DbSession } from '../infra/mongo.js';
import { OutboxModel } from './model.js';

export interface OutboxEntry {
  id: string;
  jobName: string;
  jobId: string;
  payload: unknown;
  delayMs?: number;
}

interface OutboxDoc {
  _id: { toString(): string };
  jobName: string;
  jobId: string;
  payload: unknown;
  delayMs?: number;
}

export const outboxRepository = {
  async insert(entries: Omit<OutboxEntry, 'id'>[], session?: DbSession): Promise<string[]> {
    if (entries.length === 0) return [];
    const docs = await OutboxModel.insertMany(
      entries.map((e) => ({ ...e, pending: true })),
      { session, ordered: true },
    );
    return docs.map((d) => String(d._id));
  },
  async pending(limit: number, ids?: string[]): Promise<OutboxEntry[]> {
    const filter: Record<string, unknown> = { pending: true };
    if (ids) filter._id = { $in: ids };
    const docs = await OutboxModel.find(filter).sort({ createdAt: 1 }).limit(limit).lean<OutboxDoc[]>();
    return docs.map((d) => ({
      id: d._id.toString(),
      jobName: d.jobName,
      jobId: d.jobId,
      payload: d.payload,
      delayMs: d.delayMs,
    }));
  },
  async markDispatched(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await OutboxModel.updateMany(
      { _id: { $in: ids } },
      { $unset: { pending: 1 }, $set: { dispatchedAt: at } },
    );
  },
  async markFailed(id: string, error: string): Promise<void> {
    await OutboxModel.updateOne(
      { _id: id },
      { $inc: { attempts: 1 }, $set: { lastError: error.slice(0, 500) } },
    );
  },
  async countPending(): Promise<number> {
    return OutboxModel.countDocuments({ pending: true });
  },
};
