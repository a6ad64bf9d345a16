export const LEVELS = ['basic', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

export const EVIDENCE = ['experience', 'training', 'certification'] as const;
export type Evidence = (typeof EVIDENCE)[number];

/** 1 basic, 2 intermediate, 3 advanced. */
export function levelRank(l: Level | undefined): number {
  return l ? LEVELS.indexOf(l) + 1 : 0;
}

/** 1 experience, 2 passed training, 3 certification (strongest). */
export function evidenceRank(e: Evidence | undefined): number {
  return e ? EVIDENCE.indexOf(e) + 1 : 0;
}

export function maxLevel(a: Level | undefined, b: Level | undefined): Level | undefined {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function maxEvidence(a: Evidence | undefined, b: Evidence | undefined): Evidence | undefined {
  return evidenceRank(a) >= evidenceRank(b) ? a : b;
}
