/**
 * The benchmark's seeding on top of the demo seed's generator (mulberry32, scripts/seed/prng.ts). Every
 * record is drawn from a generator seeded by the run's seed and the record's index, so record i is the
 * same whatever the data-set size.
 */
import { createRng, type Rng } from '../seed/prng.js';

export type { Rng };

/** The fixed seed of the benchmark data set. */
export const BENCH_SEED = 0xbe7c4;

/** Mixes a label and an index into a 32-bit seed (FNV-1a over the label, then a multiply-xorshift). */
export function seedFor(label: string, index: number, base = BENCH_SEED): number {
  let h = 0x811c9dc5 ^ base;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= index;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A generator for record `index` of the stream named `label`. */
export function rngFor(label: string, index: number): Rng {
  return createRng(seedFor(label, index));
}
