// Hash-based randomness for the simulator. Every number the demo account reports is a pure function
// of (seed, object, day, restatement version): nothing is stored, so 5,000 ads × 400 days cost
// nothing until a row is asked for, and the same seed + the same "today" always gives the same data.

/** 32-bit string hash (FNV-1a), used once per object id, never per row. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes several 32-bit integers into one well-spread 32-bit value (murmur3 finaliser per step). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A small deterministic generator (mulberry32) returning floats in [0, 1). */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform float in [lo, hi). */
export function between(rand: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * rand();
}

/**
 * Rounds a non-negative expected count to an integer without bias: 2.3 becomes 2 (70%) or 3 (30%).
 * Keeps small conversion counts realistic instead of always flooring them to zero.
 */
export function stochasticRound(rand: () => number, x: number): number {
  if (x <= 0) return 0;
  const whole = Math.floor(x);
  return whole + (rand() < x - whole ? 1 : 0);
}
