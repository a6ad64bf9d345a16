/**
 * Read-through memos for one run of a batch job (a release sweep): each record is read once, and
 * concurrent requests for the same key share one read. Only for work whose result is re-checked
 * against fresh records before anyone acts on it. A failed read is not remembered.
 */

/** Records by id, missing ones read together in one call. Returns those found, in the order asked. */
export function memoByIds<T extends { id: string }>(
  readMany: (ids: string[]) => Promise<T[]>,
  maxEntries = 50_000,
): (ids: readonly string[]) => Promise<T[]> {
  const cache = new Map<string, Promise<T | undefined>>();
  return async (ids) => {
    const missing = [...new Set(ids.filter((id) => !cache.has(id)))];
    if (missing.length) {
      if (cache.size + missing.length > maxEntries) cache.clear();
      const read = readMany(missing).then((found) => new Map(found.map((r) => [r.id, r])));
      read.catch(() => {
        for (const id of missing) cache.delete(id);
      });
      for (const id of missing)
        cache.set(
          id,
          read.then((m) => m.get(id)),
        );
    }
    const out: (T | undefined)[] = await Promise.all(ids.map((id) => cache.get(id)));
    return out.filter((r): r is T => r !== undefined);
  };
}

/** One value per key. */
export function memoByKey<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let p = cache.get(key);
    if (!p) {
      p = read(key);
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  };
}
