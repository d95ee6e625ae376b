/**
 * A small seeded PRNG (mulberry32) so that every fuzz run can be replayed: frame `i` of a vendor run is
 * generated from `frameRng(seed, vendor, i)` alone, so one failing frame can be rebuilt by its index.
 */
import { seeded } from '../../../src/simulators/random';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
}

export function mulberry32(seed: number): Rng {
  const next = seeded(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      if (!list.length) throw new Error('pick from an empty list');
      return list[Math.floor(next() * list.length)]!;
    },
  };
}

/** FNV-1a over a string: a stable 32-bit hash for deriving per-frame seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The generator of one frame: depends only on the run seed, the vendor and the frame index. */
export function frameRng(seed: number, vendor: string, index: number): Rng {
  return mulberry32(hash32(`${seed}:${vendor}:${index}`));
}
