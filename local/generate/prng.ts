/**
 * Seeded pseudo-random numbers for the sample generator.
 *
 * The generator must produce byte-identical output for a given seed on every
 * Node version, so it never touches `Math.random` or the clock. sfc32 is small,
 * fast, passes PractRand for our purposes, and uses only 32-bit integer
 * arithmetic (`Math.imul`, `>>>`), which is exact in every JS engine.
 */

/** Deterministic random source; every method advances the same stream. */
export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element chosen by integer/float weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string): string;
  /** Fisher-Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[];
}

/** Uppercase letters, as in track/song/artist id prefixes. */
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Uppercase letters and digits, as in the rest of the ids. */
export const UPPER_ALNUM = `${UPPER}0123456789`;

/** FNV-1a over a label, so each sub-stream gets an unrelated seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Creates an independent stream for `(seed, label)`.
 *
 * Separate labels ("songs", "users", "sessions") keep parts of the output
 * stable when an unrelated option changes: the song catalog does not change
 * when only `events` does.
 */
export function createRng(seed: number, label = ''): Rng {
  // Seed is reduced to 32 bits; negative and fractional seeds are accepted.
  const s = Math.trunc(seed) >>> 0;
  let a = s ^ 0x9e3779b9;
  let b = hashLabel(label);
  let c = (s * 0x85ebca6b) >>> 0;
  let d = 1;

  const nextU32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up so that nearby seeds diverge immediately.
  for (let i = 0; i < 16; i++) nextU32();

  const next = (): number => nextU32() / 4294967296;

  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i] as (typeof items)[number];
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    chars(n, alphabet) {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    shuffled(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
  };
}
