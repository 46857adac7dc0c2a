// Deterministic pseudo-random numbers for synthetic demo data. NOT for anything secret:
// use crypto.getRandomValues for keys, tokens and salts.

/** A seeded random source; the same seed always yields the same sequence. */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [min, max], both inclusive; the range may span at most 2^32 values. */
  int(min: number, max: number): number;
  /** Uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

const TWO_POW_32 = 2 ** 32;

/** Creates a mulberry32 generator; the integer seed is taken modulo 2^32. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`RNG seed must be an integer: ${seed}`);
  let state = seed >>> 0;

  // mulberry32 (Tommy Ettinger, public domain): a Weyl sequence with step 0x6D2B79F5 run
  // through an xorshift-multiply output mix; Math.imul keeps the C uint32 wrap-around.
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };

  const next = (): number => nextUint32() / TWO_POW_32;

  return {
    next,
    int(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max || max - min >= TWO_POW_32) {
        throw new RangeError(`invalid integer range [${min}, ${max}]`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
