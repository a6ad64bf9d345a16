import mongoose, { type ClientSession } from 'mongoose';
import type { Config } from '../../config/index.js';

export type DbSession = ClientSession;

export interface MongoHandle {
  ping(): Promise<void>;
  close(): Promise<void>;
  dbName: string;
}

/**
 * Connects the process-wide mongoose connection. Commands are not buffered while disconnected: a write
 * during an outage fails fast with a 503 instead of hanging the request.
 */
export async function connectMongo(config: Pick<Config, 'MONGODB_URI'>): Promise<MongoHandle> {
  mongoose.set('strictQuery', true);
  mongoose.set('bufferCommands', false);
  await mongoose.connect(config.MONGODB_URI, {
    serverSelectionTimeoutMS: 5000,
    autoIndex: true,
    maxPoolSize: 20,
  });
  // Build every model's indexes before serving, so unique keys hold from the first request.
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const conn = mongoose.connection;
  return {
    dbName: conn.name,
    async ping() {
      const db = conn.db;
      if (!db) throw new Error('not connected');
      await db.admin().ping();
    },
    async close() {
      await mongoose.disconnect();
    },
  };
}

/**
 * Runs `fn` in a MongoDB transaction, retrying transient errors. Everything written through the
 * session commits together or not at all — the guarantee behind "nothing half-written" and the outbox.
 */
export async function withTransaction<T>(fn: (session: DbSession) => Promise<T>): Promise<T> {
  return mongoose.connection.transaction(fn);
}

/** A new random ObjectId string, for callers that need an id before the document is written. */
export function newId(): string {
  return new mongoose.Types.ObjectId().toHexString();
}

/** True when `id` is a well-formed ObjectId string (24 hex characters). */
export function isObjectId(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}
