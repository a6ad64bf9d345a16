import type { Role } from '../auth/actor.js';
import type { DbSession } from '../infra/mongo.js';
import { UserModel } from './model.js';
import { recentUsers } from './recent.js';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash?: string;
  name: string;
  role: Role;
  facilityId?: string;
  employerId?: string;
  candidateId?: string;
  status: 'active' | 'invited' | 'disabled';
  tokenVersion: number;
  lastLoginAt?: Date;
  notificationPreferences: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

interface UserDoc {
  _id: { toString(): string };
  email: string;
  passwordHash?: string;
  name: string;
  role: Role;
  facilityId?: { toString(): string };
  employerId?: { toString(): string };
  candidateId?: { toString(): string };
  status: UserRecord['status'];
  tokenVersion?: number;
  lastLoginAt?: Date;
  notificationPreferences?: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

function toRecord(doc: UserDoc): UserRecord {
  return {
    id: doc._id.toString(),
    email: doc.email,
    passwordHash: doc.passwordHash,
    name: doc.name,
    role: doc.role,
    facilityId: doc.facilityId?.toString(),
    employerId: doc.employerId?.toString(),
    candidateId: doc.candidateId?.toString(),
    status: doc.status,
    tokenVersion: doc.tokenVersion ?? 0,
    lastLoginAt: doc.lastLoginAt,
    notificationPreferences: doc.notificationPreferences ?? {},
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export interface NewUser {
  email: string;
  passwordHash?: string;
  name: string;
  role: Role;
  facilityId?: string;
  employerId?: string;
  candidateId?: string;
  status?: UserRecord['status'];
}

export const userRepository = {
  async findByEmail(email: string): Promise<UserRecord | null> {
    const doc = await UserModel.findOne({ email: email.trim().toLowerCase() }).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  },
  async findById(id: string): Promise<UserRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await UserModel.findById(id).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  },
  async exists(filter: { role?: Role; email?: string }): Promise<boolean> {
    return (await UserModel.exists(filter)) !== null;
  },
  async create(user: NewUser, session?: DbSession): Promise<UserRecord> {
    const [doc] = await UserModel.create([user], { session });
    return toRecord(doc!.toObject() as UserDoc);
  },
  /** Active officers of a Bapas. */
  async activeOfficers(bapasId: string): Promise<UserRecord[]> {
    const docs = await UserModel.find({ role: 'officer', facilityId: bapasId, status: 'active' }).lean<
      UserDoc[]
    >();
    return docs.map(toRecord);
  },
  async findByIds(ids: string[]): Promise<UserRecord[]> {
    const docs = await UserModel.find({ _id: { $in: ids.filter((i) => /^[0-9a-f]{24}$/i.test(i)) } }).lean<
      UserDoc[]
    >();
    return docs.map(toRecord);
  },
  async setPreferences(id: string, prefs: Record<string, unknown>): Promise<UserRecord | null> {
    const set = Object.fromEntries(
      Object.entries(prefs).map(([k, v]) => [`notificationPreferences.${k}`, v]),
    );
    const doc = await UserModel.findByIdAndUpdate(
      id,
      { $set: set },
      { returnDocument: 'after' },
    ).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  },
  async findByCandidateId(candidateId: string): Promise<UserRecord[]> {
    const docs = await UserModel.find({ candidateId }).lean<UserDoc[]>();
    return docs.map(toRecord);
  },
  /** Erasure: removes the login of a person whose record is erased. */
  async deleteByCandidateId(candidateId: string, session?: DbSession): Promise<number> {
    recentUsers.forgetCandidate(candidateId);
    const res = await UserModel.deleteMany({ candidateId }, { session });
    recentUsers.forgetCandidate(candidateId);
    return res.deletedCount;
  },
  async list(
    filter: { role?: string },
    skip: number,
    limit: number,
  ): Promise<{ items: UserRecord[]; total: number }> {
    const q: Record<string, unknown> = {};
    if (filter.role) q.role = filter.role;
    const [docs, total] = await Promise.all([
      UserModel.find(q).sort({ email: 1 }).skip(skip).limit(limit).lean<UserDoc[]>(),
      UserModel.countDocuments(q),
    ]);
    return { items: docs.map(toRecord), total };
  },
  /** Sets a new password; activates an invited account; bumps the token version to end other sessions. */
  async setPassword(id: string, passwordHash: string, session?: DbSession): Promise<UserRecord | null> {
    recentUsers.forget(id);
    const doc = await UserModel.findOneAndUpdate(
      { _id: id, status: { $in: ['active', 'invited'] } },
      { $set: { passwordHash, status: 'active' }, $inc: { tokenVersion: 1 } },
      { returnDocument: 'after', session },
    ).lean<UserDoc>();
    recentUsers.forget(id);
    return doc ? toRecord(doc) : null;
  },
  async touchLogin(id: string, at: Date): Promise<void> {
    await UserModel.updateOne({ _id: id }, { $set: { lastLoginAt: at } });
  },
};
