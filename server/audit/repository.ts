import { buildInsertDocs } from '../infra/lean-insert.js';
import type { DbSession } from '../infra/mongo.js';
import { AuditModel } from './model.js';

export interface AuditRecord {
  id: string;
  actorId: string;
  actorName: string;
  role: string;
  candidateId: string;
  action: string;
  at: Date;
  ip?: string;
  requestId?: string;
  detail?: string;
}

interface AuditDoc extends Omit<AuditRecord, 'id' | 'actorId' | 'candidateId'> {
  _id: { toString(): string };
  actorId: { toString(): string };
  candidateId: { toString(): string };
}

export const auditRepository = {
  async insert(entries: Omit<AuditRecord, 'id'>[], session?: DbSession): Promise<void> {
    if (entries.length === 0) return;
    // Bulk writes log a thousand entries at a time: skip building a mongoose document for each.
    const built = buildInsertDocs(AuditModel, entries);
    if (built) await AuditModel.collection.insertMany(built, { session });
    else await AuditModel.insertMany(entries, { session });
  },
  async list(filter: { candidateId?: string; actorId?: string; action?: string }, limit: number, skip = 0) {
    const q: Record<string, unknown> = {};
    if (filter.candidateId) q.candidateId = filter.candidateId;
    if (filter.actorId) q.actorId = filter.actorId;
    if (filter.action) q.action = filter.action;
    const [docs, total] = await Promise.all([
      AuditModel.find(q).sort({ at: -1, _id: -1 }).skip(skip).limit(limit).lean<AuditDoc[]>(),
      AuditModel.countDocuments(q),
    ]);
    return {
      total,
      items: docs.map(
        (d): AuditRecord => ({
          id: d._id.toString(),
          actorId: d.actorId.toString(),
          actorName: d.actorName,
          role: d.role,
          candidateId: d.candidateId.toString(),
          action: d.action,
          at: d.at,
          ip: d.ip,
          requestId: d.requestId,
          detail: d.detail,
        }),
      ),
    };
  },
};
