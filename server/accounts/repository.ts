import type { DbSession } from '../infra/mongo.js';
import { AccountTokenModel } from './model.js';

export interface AccountTokenRecord {
  id: string;
  kind: 'invite' | 'reset';
  userId: string;
  email: string;
  tokenHash?: string;
  expiresAt?: Date;
  usedAt?: Date;
  mailStatus: 'planned' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled';
  createdAt: Date;
}

// biome-ignore lint/suspicious/noExplicitAny: lean documents are mapped field by field below.
type Doc = Record<string, any> & { _id: { toString(): string } };
const toRecord = (d: Doc): AccountTokenRecord => ({
  id: d._id.toString(),
  kind: d.kind,
  userId: d.userId.toString(),
  email: d.email,
  tokenHash: d.tokenHash ?? undefined,
  expiresAt: d.expiresAt ?? undefined,
  usedAt: d.usedAt ?? undefined,
  mailStatus: d.mailStatus,
  createdAt: d.createdAt,
});

export const accountTokenRepository = {
  async create(
    t: { kind: 'invite' | 'reset'; userId: string; email: string; createdBy?: string },
    session?: DbSession,
  ): Promise<AccountTokenRecord> {
    const [d] = await AccountTokenModel.create([t], { session });
    return toRecord(d!.toObject() as Doc);
  },
  async findById(id: string): Promise<AccountTokenRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const d = await AccountTokenModel.findById(id).lean<Doc>();
    return d ? toRecord(d) : null;
  },
  async findUsable(tokenHash: string, now: Date): Promise<AccountTokenRecord | null> {
    const d = await AccountTokenModel.findOne({
      tokenHash,
      usedAt: { $exists: false },
      expiresAt: { $gt: now },
    }).lean<Doc>();
    return d ? toRecord(d) : null;
  },
  /** Cancels earlier unused tokens of the same kind, so only the newest link works. */
  async supersede(
    userId: string,
    kind: 'invite' | 'reset',
    exceptId: string,
    session?: DbSession,
  ): Promise<void> {
    await AccountTokenModel.updateMany(
      { userId, kind, _id: { $ne: exceptId }, usedAt: { $exists: false } },
      { $set: { usedAt: new Date(0) }, $unset: { tokenHash: 1 } },
      { session },
    );
  },
  async claim(id: string, sendId: string, at: Date): Promise<boolean> {
    const res = await AccountTokenModel.updateOne(
      { _id: id, mailStatus: 'planned' },
      { $set: { mailStatus: 'sending', sendId, claimedAt: at } },
    );
    return res.modifiedCount === 1;
  },
  async setSecret(id: string, sendId: string, tokenHash: string, expiresAt: Date): Promise<boolean> {
    const res = await AccountTokenModel.updateOne(
      { _id: id, sendId, mailStatus: 'sending' },
      { $set: { tokenHash, expiresAt } },
    );
    return res.modifiedCount === 1;
  },
  async markSent(id: string, sendId: string, at: Date): Promise<void> {
    await AccountTokenModel.updateOne({ _id: id, sendId }, { $set: { mailStatus: 'sent', sentAt: at } });
  },
  async release(id: string, sendId: string, error: string): Promise<void> {
    await AccountTokenModel.updateOne(
      { _id: id, sendId },
      {
        $set: { mailStatus: 'planned', lastError: error.slice(0, 300) },
        $unset: { sendId: 1, tokenHash: 1 },
      },
    );
  },
  async fail(id: string, sendId: string, error: string): Promise<void> {
    await AccountTokenModel.updateOne(
      { _id: id, sendId },
      { $set: { mailStatus: 'failed', lastError: error.slice(0, 300) } },
    );
  },
  async markStale(id: string, olderThan: Date): Promise<void> {
    await AccountTokenModel.updateOne(
      { _id: id, mailStatus: 'sending', claimedAt: { $lt: olderThan } },
      { $set: { mailStatus: 'unknown' } },
    );
  },
  async markUsed(id: string, at: Date, session?: DbSession): Promise<boolean> {
    const res = await AccountTokenModel.updateOne(
      { _id: id, usedAt: { $exists: false } },
      { $set: { usedAt: at } },
      { session },
    );
    return res.modifiedCount === 1;
  },
};
