import type { UserRecord } from './repository.js';

/**
 * Users just read to check a bearer token, kept for a few seconds so a burst of API requests costs one
 * database read instead of one each. Every user write that can revoke access (password set, token
 * version bump, status change, deletion) forgets the user here, so in this process a revocation applies
 * at once; another API process may accept an old token for at most RECENT_USER_TTL_MS.
 */
export const RECENT_USER_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { user: UserRecord; until: number }>();

export const recentUsers = {
  /** The user if read within the last few seconds. */
  get(id: string, now = Date.now()): UserRecord | undefined {
    const hit = entries.get(id);
    if (!hit) return undefined;
    if (hit.until > now) return hit.user;
    entries.delete(id);
    return undefined;
  },
  remember(user: UserRecord, now = Date.now()): void {
    entries.delete(user.id);
    entries.set(user.id, { user, until: now + RECENT_USER_TTL_MS });
    // Oldest first in a Map: drop the oldest once the cap is passed.
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  },
  forget(id: string): void {
    entries.delete(id);
  },
  forgetCandidate(candidateId: string): void {
    for (const [id, e] of entries) if (e.user.candidateId === candidateId) entries.delete(id);
  },
};
