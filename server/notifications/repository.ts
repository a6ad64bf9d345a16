import { buildInsertDocs } from '../infra/lean-insert.js';
import type { DbSession } from '../infra/mongo.js';
import { NotificationModel } from './model.js';

export type NotificationKind =
  | 'officer_digest'
  | 'employer_note'
  | 'candidate_alert'
  | 'checkin_officer'
  | 'checkin_candidate';
export type NotificationStatus = 'planned' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'unknown';
export type RecipientType = 'user' | 'employer' | 'candidate';

export interface StoredMatch {
  vacancyId: string;
  score: number;
}

export interface NotificationRecord {
  id: string;
  key: string;
  batchKey: string;
  recipientType: RecipientType;
  recipientId: string;
  email: string;
  kind: NotificationKind;
  candidateId: string;
  milestone: string;
  refDate: string;
  vacancyIds?: string[];
  /** The person's best vacancies when planned, best first (see the model). */
  matches?: StoredMatch[];
  placementId?: string;
  status: NotificationStatus;
  plannedAt: Date;
  dueAt?: Date;
  sendId?: string;
  claimedAt?: Date;
  sentAt?: Date;
  messageId?: string;
  attempts: number;
  lastError?: string;
  cancelledReason?: string;
}

export type NewNotification = Omit<NotificationRecord, 'id' | 'status' | 'attempts'>;

// biome-ignore lint/suspicious/noExplicitAny: lean documents are mapped field by field below.
type Doc = Record<string, any> & { _id: { toString(): string } };

function toRecord(d: Doc): NotificationRecord {
  return {
    id: d._id.toString(),
    key: d.key,
    batchKey: d.batchKey,
    recipientType: d.recipientType,
    recipientId: d.recipientId.toString(),
    email: d.email,
    kind: d.kind,
    candidateId: d.candidateId.toString(),
    milestone: d.milestone,
    refDate: d.refDate,
    vacancyIds: d.vacancyIds?.map((v: { toString(): string }) => v.toString()),
    matches: d.matches?.map((m: { vacancyId: { toString(): string }; score: number }) => ({
      vacancyId: m.vacancyId.toString(),
      score: m.score,
    })),
    placementId: d.placementId?.toString(),
    status: d.status,
    plannedAt: d.plannedAt,
    dueAt: d.dueAt ?? undefined,
    sendId: d.sendId ?? undefined,
    claimedAt: d.claimedAt ?? undefined,
    sentAt: d.sentAt ?? undefined,
    messageId: d.messageId ?? undefined,
    attempts: d.attempts ?? 0,
    lastError: d.lastError ?? undefined,
    cancelledReason: d.cancelledReason ?? undefined,
  };
}

export interface NotificationFilter {
  status?: NotificationStatus;
  email?: string;
  recipientId?: string;
  candidateId?: string;
  candidateIds?: string[];
  kind?: NotificationKind;
}

function toQuery(f: NotificationFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.status) q.status = f.status;
  if (f.email) q.email = f.email.toLowerCase();
  if (f.recipientId) q.recipientId = f.recipientId;
  if (f.kind) q.kind = f.kind;
  if (f.candidateId) q.candidateId = f.candidateId;
  else if (f.candidateIds) q.candidateId = { $in: f.candidateIds };
  return q;
}

export const notificationRepository = {
  /**
   * Inserts planned entries; entries whose key already exists are skipped (the unique key is what
   * makes repeated sweeps and concurrent workers harmless). Returns the entries actually inserted.
   */
  async insertNew(entries: NewNotification[]): Promise<NotificationRecord[]> {
    if (entries.length === 0) return [];
    const existing = new Set(
      (
        await NotificationModel.find({ key: { $in: entries.map((e) => e.key) } }, { key: 1 }).lean<Doc[]>()
      ).map((d) => d.key as string),
    );
    const fresh = entries.filter((e) => !existing.has(e.key));
    if (fresh.length === 0) return [];
    const rows = fresh.map((e) => ({ ...e, email: e.email.toLowerCase(), status: 'planned' }));
    // A sweep plans tens of thousands of entries: stored straight from the schema when it can be.
    const built = buildInsertDocs(NotificationModel, rows);
    try {
      if (built) {
        await NotificationModel.collection.insertMany(built, { ordered: false });
        return built.map((d) => toRecord(d as Doc));
      }
      const docs = await NotificationModel.insertMany(rows, { ordered: false });
      return docs.map((d) => toRecord(d.toObject() as Doc));
    } catch (err) {
      // Another worker planned some of the same keys at the same moment: keep what we inserted.
      const e = err as {
        code?: number;
        insertedDocs?: Doc[];
        writeErrors?: { code?: number; index?: number; err?: { code?: number; index?: number } }[];
      };
      const writeErrors = e.writeErrors ?? [];
      const allDup = writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
      if (!allDup && e.code !== 11000) throw err;
      if (!built) return (e.insertedDocs ?? []).map((d) => toRecord(d as Doc));
      const failed = new Set(writeErrors.map((w) => w.index ?? w.err?.index));
      return built.filter((_, i) => !failed.has(i)).map((d) => toRecord(d as Doc));
    }
  },
  /** The entries due to be sent of each batch (oldest first, at most `limit` per batch), in one query. */
  async plannedInBatches(
    batchKeys: readonly string[],
    now: Date,
    limit = 500,
  ): Promise<Map<string, NotificationRecord[]>> {
    const docs = await NotificationModel.find(
      {
        batchKey: batchKeys.length === 1 ? batchKeys[0] : { $in: batchKeys },
        status: 'planned',
        $or: [{ dueAt: { $exists: false } }, { dueAt: null }, { dueAt: { $lte: now } }],
      },
      // What sending needs; the bookkeeping fields stay in the database.
      { createdAt: 0, updatedAt: 0, __v: 0, claimedBy: 0, lastError: 0 },
    )
      .sort({ plannedAt: 1, _id: 1 })
      .limit(limit * batchKeys.length)
      .lean<Doc[]>();
    const out = new Map<string, NotificationRecord[]>();
    for (const d of docs) {
      const list = out.get(d.batchKey) ?? [];
      if (list.length < limit) list.push(toRecord(d));
      out.set(d.batchKey, list);
    }
    return out;
  },
  /** Cancels planned entries, each with its reason, in one round trip. */
  async cancelMany(cancellations: readonly [id: string, reason: string][]): Promise<void> {
    const byReason = new Map<string, string[]>();
    for (const [id, reason] of cancellations) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
    if (byReason.size === 0) return;
    await NotificationModel.bulkWrite(
      [...byReason].map(([reason, ids]) => ({
        updateMany: {
          filter: { _id: { $in: ids }, status: 'planned' },
          update: { $set: { status: 'cancelled', cancelledReason: reason } },
        },
      })),
      { ordered: false },
    );
  },
  async cancel(ids: string[], reason: string): Promise<void> {
    if (ids.length)
      await NotificationModel.updateMany(
        { _id: { $in: ids }, status: 'planned' },
        { $set: { status: 'cancelled', cancelledReason: reason } },
      );
  },
  /**
   * Atomically claims planned entries for one send; returns how many this claim won (the entries now
   * `sending` under `sendId`). Entries someone else claimed, sent or cancelled meanwhile are not won.
   */
  async claim(ids: string[], sendId: string, by: string, at: Date): Promise<number> {
    return (await this.claimMany([{ ids, sendId }], by, at)).get(sendId) ?? 0;
  },
  /** Several sends' claims in two round trips; returns how many entries each send won. */
  async claimMany(
    claims: readonly { ids: string[]; sendId: string }[],
    by: string,
    at: Date,
  ): Promise<Map<string, number>> {
    const won = new Map<string, number>();
    if (claims.length === 0) return won;
    const res = await NotificationModel.bulkWrite(
      claims.map(({ ids, sendId }) => ({
        updateMany: {
          filter: { _id: { $in: ids }, status: 'planned' },
          update: {
            $set: { status: 'sending', sendId, claimedBy: by, claimedAt: at },
            $inc: { attempts: 1 },
          },
        },
      })),
      { ordered: false },
    );
    // Every entry asked for was won (the usual case): no need to ask which.
    const asked = claims.map((c) => new Set(c.ids).size);
    if (res.modifiedCount === asked.reduce((a, b) => a + b, 0)) {
      for (const [i, c] of claims.entries()) won.set(c.sendId, asked[i]!);
      return won;
    }
    const docs = await NotificationModel.find(
      { sendId: { $in: claims.map((c) => c.sendId) }, status: 'sending' },
      { sendId: 1 },
    ).lean<Doc[]>();
    for (const d of docs) won.set(d.sendId, (won.get(d.sendId) ?? 0) + 1);
    return won;
  },
  async markSent(sendId: string, messageId: string, at: Date): Promise<void> {
    await this.markSentMany([{ sendId, messageId }], at);
  },
  /** Records accepted sends in one round trip. */
  async markSentMany(sends: readonly { sendId: string; messageId: string }[], at: Date): Promise<void> {
    if (sends.length === 0) return;
    await NotificationModel.bulkWrite(
      sends.map(({ sendId, messageId }) => ({
        updateMany: {
          filter: { sendId, status: 'sending' },
          update: { $set: { status: 'sent', sentAt: at, messageId } },
        },
      })),
      { ordered: false },
    );
  },
  async release(sendId: string, error: string): Promise<void> {
    await NotificationModel.updateMany(
      { sendId, status: 'sending' },
      {
        $set: { status: 'planned', lastError: error.slice(0, 500) },
        $unset: { sendId: 1, claimedAt: 1, claimedBy: 1 },
      },
    );
  },
  async fail(sendId: string, error: string): Promise<void> {
    await NotificationModel.updateMany(
      { sendId, status: 'sending' },
      { $set: { status: 'failed', lastError: error.slice(0, 500) } },
    );
  },
  async failPlanned(ids: string[], error: string): Promise<void> {
    if (ids.length)
      await NotificationModel.updateMany(
        { _id: { $in: ids }, status: 'planned' },
        { $set: { status: 'failed', lastError: error.slice(0, 500) } },
      );
  },
  /**
   * Sends interrupted between claim and record (a worker died mid-send) may or may not have reached
   * the SMTP server. They are marked `unknown` and never resent automatically, so nobody gets a message
   * twice; admins see them and can resend.
   */
  async markStaleSending(olderThan: Date, batchKeys?: readonly string[]): Promise<number> {
    const q: Record<string, unknown> = { status: 'sending', claimedAt: { $lt: olderThan } };
    if (batchKeys) q.batchKey = { $in: batchKeys };
    const res = await NotificationModel.updateMany(q, {
      $set: {
        status: 'unknown',
        lastError:
          'pengiriman terputus; tidak dikirim ulang otomatis (send interrupted; not resent automatically)',
      },
    });
    return res.modifiedCount;
  },
  /** Batches with planned entries older than `before` whose delivery job may have been lost. */
  async staleBatchKeys(before: Date, now: Date, limit = 500): Promise<string[]> {
    const keys = await NotificationModel.distinct('batchKey', {
      status: 'planned',
      plannedAt: { $lt: before },
      $or: [{ dueAt: { $exists: false } }, { dueAt: null }, { dueAt: { $lte: now } }],
    });
    return (keys as string[]).slice(0, limit);
  },
  /** Batches with entries due by `at` (check-ins), for running them early outside production. */
  async dueBatchKeys(at: Date, limit = 1000): Promise<string[]> {
    const keys = await NotificationModel.distinct('batchKey', { status: 'planned', dueAt: { $lte: at } });
    return (keys as string[]).slice(0, limit);
  },
  async resend(id: string): Promise<NotificationRecord | null> {
    const d = await NotificationModel.findOneAndUpdate(
      { _id: id, status: { $in: ['failed', 'unknown'] } },
      {
        $set: { status: 'planned', plannedAt: new Date() },
        $unset: { sendId: 1, claimedAt: 1, claimedBy: 1, lastError: 1 },
      },
      { returnDocument: 'after' },
    ).lean<Doc>();
    return d ? toRecord(d) : null;
  },
  async list(f: NotificationFilter, skip: number, limit: number) {
    const q = toQuery(f);
    const [docs, total] = await Promise.all([
      NotificationModel.find(q).sort({ plannedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<Doc[]>(),
      NotificationModel.countDocuments(q),
    ]);
    return { items: docs.map(toRecord), total };
  },
  async countBy(filter: NotificationFilter): Promise<number> {
    return NotificationModel.countDocuments(toQuery(filter));
  },
  async byPlacement(placementId: string): Promise<NotificationRecord[]> {
    return (await NotificationModel.find({ placementId }).sort({ dueAt: 1, _id: 1 }).lean<Doc[]>()).map(
      toRecord,
    );
  },
  async cancelForPlacement(placementId: string, reason: string, session?: DbSession): Promise<void> {
    await NotificationModel.updateMany(
      { placementId, status: 'planned' },
      { $set: { status: 'cancelled', cancelledReason: reason } },
      { session },
    );
  },
  async byCandidate(candidateId: string): Promise<NotificationRecord[]> {
    return (await NotificationModel.find({ candidateId }).sort({ plannedAt: 1 }).lean<Doc[]>()).map(toRecord);
  },
  /** Erasure: cancels what is still pending for the person and forgets their address. */
  async forgetCandidate(candidateId: string, session?: DbSession): Promise<void> {
    await NotificationModel.updateMany(
      { candidateId, status: 'planned' },
      { $set: { status: 'cancelled', cancelledReason: 'profil dihapus (erased)' } },
      { session },
    );
    await NotificationModel.updateMany(
      { candidateId, recipientType: 'candidate' },
      { $set: { email: 'erased@invalid' } },
      { session },
    );
  },
};
