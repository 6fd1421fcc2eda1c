/**
 * Seed and run count of the property-based suites: fixed and small by default (CI, a few
 * seconds), `FUZZ_SEED` / `FUZZ_RUNS` from the environment (`npm run fuzz` runs many more).
 * A failure prints the seed and path that reproduce it.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261203);

/** Runs for a property: `FUZZ_RUNS` when set, else the suite's default. */
export function fuzzRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}

/** fast-check parameters for a property with `defaultRuns` runs by default. */
export function fuzzParams(defaultRuns: number): { seed: number; numRuns: number } {
  return { seed: FUZZ_SEED, numRuns: fuzzRuns(defaultRuns) };
}

/** A jest timeout that grows with the run count (20 ms a run, at least 60 s). */
export function fuzzTimeout(defaultRuns: number, msPerRun = 20): number {
  return Math.max(60_000, fuzzRuns(defaultRuns) * msPerRun);
}
