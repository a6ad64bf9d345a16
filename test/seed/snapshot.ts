import mongoose from 'mongoose';

export interface CollectionState {
  count: number;
  /** Latest `updatedAt` (or `createdAt`) in the collection, as an ISO string; '' when none. */
  latestWrite: string;
}

/**
 * Every collection of the test database with its document count and latest write time, so two
 * snapshots show whether anything was added or modified in between.
 */
export async function snapshotDatabase(): Promise<Record<string, CollectionState>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const out: Record<string, CollectionState> = {};
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of collections) {
    const coll = db.collection(name);
    const [latest] = await coll
      .aggregate<{ at: Date | null }>([
        { $project: { at: { $ifNull: ['$updatedAt', '$createdAt'] } } },
        { $group: { _id: null, at: { $max: '$at' } } },
      ])
      .toArray();
    out[name] = {
      count: await coll.countDocuments(),
      latestWrite: latest?.at instanceof Date ? latest.at.toISOString() : '',
    };
  }
  return out;
}
