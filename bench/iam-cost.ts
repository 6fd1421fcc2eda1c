/**
 * The cost of IAM enforcement, end to end: the same generated data loaded with enforcement on
 * (A) and off (B, `--no-iam`), interleaved A, B, A, B ... so that a host whose speed drifts
 * during the run (single runs here swing by up to 2x) slows both sides alike. Reported: every
 * pair's ratio A/B, their median and spread (min..max), never a single run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeExpectedStarSchema, generateSample } from '../local/generate';
import { type EndToEndOptions, loadEndToEnd } from './end-to-end';

export interface PairedRuns {
  /** Seconds of each run with enforcement on (A) and off (B), in run order. */
  on: number[];
  off: number[];
  /** on[i] / off[i]. */
  ratios: number[];
  median: number;
  min: number;
  max: number;
}

export interface IamCostResult extends PairedRuns {
  files: number;
  events: number;
}

/** At least 5 pairs: a median of fewer says little on a shared host. */
export const IAM_PAIRS = 5;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `a` and `b` alternately `pairs` times (a first) and summarizes the ratios a/b. */
export async function interleavedPairs(
  pairs: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<PairedRuns> {
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < pairs; i++) {
    on.push(await a());
    off.push(await b());
  }
  const ratios = on.map((s, i) => s / off[i]);
  return { on, off, ratios, median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** Loads a generated sample end to end `pairs` times each way; every load is verified. */
export async function measureIamCost(
  opts: EndToEndOptions,
  sample = { events: 20_000, songs: 300, seed: 3 },
  pairs = IAM_PAIRS,
  log: (line: string) => void = () => undefined,
): Promise<IamCostResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ri-bench-iam-'));
  try {
    const summary = await generateSample({ dir, ...sample });
    const expected = computeExpectedStarSchema(dir);
    const files = summary.logFiles + summary.songFiles;
    const run = (iam: 'enforce' | 'off') => async () => {
      const { seconds } = await loadEndToEnd(dir, files, expected, { ...opts, iam });
      log(`IAM ${iam}: ${seconds.toFixed(2)} s`);
      return seconds;
    };
    const paired = await interleavedPairs(pairs, run('enforce'), run('off'));
    return { ...paired, files, events: summary.events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's lines (docs/benchmarks.md). */
export function iamCostLines(r: IamCostResult): string[] {
  const pct = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`;
  return [
    '## Cost of IAM enforcement',
    '',
    `${r.files} files (${r.events} events) loaded end to end ${r.on.length} times with enforcement on (A) and off`,
    '(B, `--no-iam`), interleaved A, B, A, B, ... Ratio A/B per pair, then the median and spread.',
    '',
    '| pair | on (s) | off (s) | on/off |',
    '|---|---|---|---|',
    ...r.ratios.map((x, i) => `| ${i + 1} | ${r.on[i].toFixed(2)} | ${r.off[i].toFixed(2)} | ${x.toFixed(3)} |`),
    '',
    `Median ratio ${r.median.toFixed(3)} (${pct(r.median)}), spread ${r.min.toFixed(3)}..${r.max.toFixed(3)}; goal: under 5% slower.`,
    '',
  ];
}
