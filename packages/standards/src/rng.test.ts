import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';

// First outputs of the reference C implementation of mulberry32 (uint32_t state = seed;
// z = (state += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61);
// return z ^ z >> 14), compiled with gcc.
const REFERENCE: Record<number, number[]> = {
  0: [1144304738, 1416247, 958946056, 627933444, 2007157716],
  42: [2581720956, 1925393290, 3661312704, 2876485805, 750819978],
  4294967295: [3850105811, 813802916, 3073704848, 4054706436, 3630262831],
};

describe('createRng', () => {
  it.each(Object.entries(REFERENCE))('matches the C reference for seed %s', (seed, outputs) => {
    const rng = createRng(Number(seed));
    for (const value of outputs) expect(rng.next()).toBe(value / 2 ** 32);
  });

  it('reduces seeds modulo 2^32', () => {
    expect(createRng(-1).next()).toBe(createRng(4294967295).next());
    expect(createRng(2 ** 32 + 42).next()).toBe(createRng(42).next());
  });

  it('rejects non-integer seeds', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });

  it('int covers [min, max] inclusively and nothing else', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(-3, 3);
      expect(Number.isInteger(v) && v >= -3 && v <= 3).toBe(true);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
    expect(rng.int(5, 5)).toBe(5);
  });

  it('int rejects bad ranges', () => {
    const rng = createRng(7);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0, 2 ** 32)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
  });

  it('pick reaches every element and rejects an empty array', () => {
    const rng = createRng(11);
    const items = ['a', 'b', 'c'] as const;
    expect(new Set(Array.from({ length: 200 }, () => rng.pick(items)))).toEqual(new Set(items));
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
