/** Ranking metrics over graded relevance labels (0–3). */

/** A result counts as relevant for precision from this grade up ("good" or "ideal"). */
export const RELEVANT_GRADE = 2;

/** Share of the first k results that are relevant (grade ≥ 2); missing results count as misses. */
export function precisionAt(
  k: number,
  ranked: readonly string[],
  grades: ReadonlyMap<string, number>,
): number {
  let hits = 0;
  for (const id of ranked.slice(0, k)) if ((grades.get(id) ?? 0) >= RELEVANT_GRADE) hits++;
  return hits / k;
}

function dcg(gains: readonly number[]): number {
  return gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

/**
 * Normalised discounted cumulative gain at k with graded gains 2^g − 1; the ideal ranking is every
 * labelled grade, best first. Returns 0 when nothing is relevant at all.
 */
export function ndcgAt(k: number, ranked: readonly string[], grades: ReadonlyMap<string, number>): number {
  const ideal = dcg(
    [...grades.values()]
      .filter((g) => g > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  return dcg(ranked.slice(0, k).map((id) => grades.get(id) ?? 0)) / ideal;
}

/** The arithmetic mean; 0 for an empty list. */
export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
