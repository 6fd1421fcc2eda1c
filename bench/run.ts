/**
 * `npm run bench`: one run measures every figure of docs/benchmarks.md on generated data at two
 * sizes (A: many events in few files; B: many small song files), writes the page and prints it
 * (or the raw result as JSON with --json). A load whose tables differ from the reference fails
 * the bench with exit code 1: a fast wrong answer is not a benchmark result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeExpectedStarSchema, generateSample } from '../local/generate';
import { repoRoot } from '../local/paths';
import { measureBatcherCpu } from './batcher-cpu';
import { measureBundles } from './bundles';
import { measureCopyThroughput } from './copy-throughput';
import { type EndToEndOptions, loadEndToEnd } from './end-to-end';
import { loadEngineOnly } from './engine-only';
import { measureFormatLoads } from './format-loads';
import { measureIamCost } from './iam-cost';
import { currentLoad, machineInfo } from './machine';
import { type BenchResult, renderMarkdown, type SizeResult } from './report';
import { verifyLedger, verifyStarSchema } from './verify';

interface SizeSpec {
  name: string;
  description: string;
  events: number;
  songs: number;
  seed: number;
}

const SIZES: SizeSpec[] = [
  { name: 'A', description: '~100k events / 1k songs', events: 100_000, songs: 1000, seed: 1 },
  { name: 'B', description: '15k song files', events: 2000, songs: 15_000, seed: 2 },
];

/**
 * The event source mapping scaled for a laptop: AWS allows up to 10k records and a 300 s window
 * (serverless.yml deploys 10k / 60 s); the local stack's default 1 s window still gathers an
 * upload burst (thousands of PUTs a second) into manifests of thousands of files.
 */
const SETTINGS: EndToEndOptions = { batchWindowMs: 1000, batchSize: 10_000, manifestMaxFiles: 5000 };
/** Rows of each example dataset (delimited, Parquet) loaded end to end. */
const FORMAT_ROWS = 100_000;
/** The stack's default (local/stack.ts): poll waits of 1..10 s become 10..100 ms. */
const WAIT_SCALE = 0.01;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function measureSize(spec: SizeSpec): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), `ri-bench-${spec.name}-`));
  try {
    const summary = await generateSample({ dir, events: spec.events, songs: spec.songs, seed: spec.seed });
    const expected = computeExpectedStarSchema(dir);
    const files = summary.logFiles + summary.songFiles;
    log(`${spec.name}: ${files} files, ${summary.events} events generated; engine-only load`);
    const engineOnly = await loadEngineOnly(dir, async (sql) => {
      await verifyStarSchema(`engine-only load of ${spec.name}`, sql, expected);
      await verifyLedger(`engine-only load of ${spec.name}`, sql, files);
    });
    log(`${spec.name}: engine-only ${engineOnly.seconds.toFixed(2)} s; end-to-end load`);
    const endToEnd = await loadEndToEnd(dir, files, expected, SETTINGS);
    log(`${spec.name}: end-to-end ${endToEnd.seconds.toFixed(1)} s (verified)`);
    return {
      name: spec.name,
      description: spec.description,
      events: summary.events,
      logFiles: summary.logFiles,
      songFiles: summary.songFiles,
      engineOnly,
      endToEnd,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the benchmark; 0 when every load was verified, 1 otherwise. */
export async function benchCommand(opts: { json: boolean }): Promise<number> {
  const t0 = performance.now();
  const machine = machineInfo();
  try {
    const sizes: SizeResult[] = [];
    for (const spec of SIZES) sizes.push(await measureSize(spec));
    log('delimited and Parquet loads');
    const formats = await measureFormatLoads(FORMAT_ROWS, SETTINGS);
    log('cost of IAM enforcement (interleaved on/off pairs)');
    const iamCost = await measureIamCost(SETTINGS, undefined, undefined, log);
    log('batcher CPU');
    const batcher = await measureBatcherCpu();
    log('COPY throughput');
    const copy = await measureCopyThroughput();
    log('bundles');
    const bundles = measureBundles(repoRoot());
    machine.loadAvgEnd = currentLoad();
    const result: BenchResult = {
      machine,
      settings: { ...SETTINGS, waitScale: WAIT_SCALE },
      sizes,
      batcher,
      copy,
      bundles,
      formats,
      iamCost,
      seconds: (performance.now() - t0) / 1000,
    };
    const markdown = renderMarkdown(result);
    writeFileSync(join(repoRoot(), 'docs', 'benchmarks.md'), markdown);
    process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : markdown);
    return 0;
  } catch (error) {
    process.stderr.write(`\nbench FAILED: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
