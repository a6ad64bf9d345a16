import mongoose from 'mongoose';

export interface CollectionState {
  count: number;
  /** Sum of the records' `version` (bumped by every service write); 0 where records have none. */
  versionSum: number;
}

/**
 * Every collection of the test database with its document count and version sum, so two snapshots
 * show whether a record was added or written through a service in between. (Background index
 * bookkeeping does not bump versions, so it cannot make this flaky.)
 */
export async function snapshotDatabase(): Promise<Record<string, CollectionState>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const out: Record<string, CollectionState> = {};
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of collections) {
    const coll = db.collection(name);
    const [sum] = await coll
      .aggregate<{ total: number }>([
        { $group: { _id: null, total: { $sum: { $ifNull: ['$version', 0] } } } },
      ])
      .toArray();
    out[name] = { count: await coll.countDocuments(), versionSum: sum?.total ?? 0 };
  }
  return out;
}
