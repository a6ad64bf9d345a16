import { createHash, randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';

/** Browser sessions of the web UI. The cookie holds a random id; only its hash is stored. */
const SessionSchema = new Schema(
  {
    _id: { type: String },
    userId: { type: Schema.Types.ObjectId, required: true },
    tokenVersion: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    ip: { type: String },
  },
  { collection: 'web_sessions', versionKey: false },
);
SessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
SessionSchema.index({ userId: 1 });

export const SessionModel = mongoose.model('WebSession', SessionSchema);

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export interface SessionRecord {
  userId: string;
  tokenVersion: number;
  expiresAt: Date;
}

export const sessionRepository = {
  async create(userId: string, tokenVersion: number, ttlMs: number, ip: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = new Date();
    await SessionModel.create({
      _id: hash(id),
      userId,
      tokenVersion,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
      ip,
    });
    return id;
  },
  async find(id: string): Promise<SessionRecord | null> {
    const d = await SessionModel.findById(hash(id)).lean<{
      userId: { toString(): string };
      tokenVersion: number;
      expiresAt: Date;
    }>();
    if (!d || d.expiresAt.getTime() < Date.now()) return null;
    return { userId: d.userId.toString(), tokenVersion: d.tokenVersion, expiresAt: d.expiresAt };
  },
  async destroy(id: string): Promise<void> {
    await SessionModel.deleteOne({ _id: hash(id) });
  },
  async destroyForUser(userId: string): Promise<void> {
    await SessionModel.deleteMany({ userId });
  },
};
