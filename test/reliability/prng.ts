/** A small seeded PRNG (mulberry32) so every generated case and kill delay is reproducible. */
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** The seed: MYACCOUNT_TEST_SEED to replay a run, else a fixed default. */
export function seedFromEnv(fallback: number): number {
  const given = Number(process.env.MYACCOUNT_TEST_SEED);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}
