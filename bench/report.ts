/**
 * The benchmark's result and its rendering as docs/benchmarks.md. Every figure is stated with
 * its unit and how it was taken; goals are judged here, once, from the numbers.
 */
import type { BatcherCpuResult } from './batcher-cpu';
import type { BundlesResult } from './bundles';
import { countsFromCounters, LAMBDA_ASSUMPTION, perFiles, priceCalls, totalUsd, UNIT_PRICES } from './cost';
import type { EndToEndOptions, EndToEndResult } from './end-to-end';
import type { EngineOnlyResult } from './engine-only';
import { type FormatLoadResult, formatLoadLines } from './format-loads';
import { type IamCostResult, iamCostLines } from './iam-cost';
import type { MachineInfo } from './machine';
import { soakLines } from './soak-figures';

export interface SizeResult {
  name: string;
  description: string;
  events: number;
  logFiles: number;
  songFiles: number;
  engineOnly: EngineOnlyResult;
  endToEnd: EndToEndResult;
}

export interface BenchResult {
  machine: MachineInfo;
  settings: EndToEndOptions & { waitScale: number };
  sizes: SizeResult[];
  batcher: BatcherCpuResult;
  copy: { emulatorRowsPerSec: number; directRowsPerSec: number; rows: number };
  bundles: BundlesResult;
  /** End-to-end loads of the delimited and Parquet example datasets. */
  formats: FormatLoadResult[];
  /** End-to-end loads with IAM enforcement on and off, interleaved (bench/iam-cost.ts). */
  iamCost?: IamCostResult;
  seconds: number;
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const usd = (n: number) => `$${n < 0.01 ? n.toFixed(5) : n.toFixed(4)}`;
const ratio = (s: SizeResult) => s.endToEnd.seconds / s.engineOnly.seconds;
const uploads = (s: SizeResult) => s.logFiles + s.songFiles;

export function goals(r: BenchResult): Goal[] {
  const out: Goal[] = r.sizes.map((s) => ({
    goal: `${s.name}: end-to-end within 1.5x of engine-only`,
    measured: `${f2(ratio(s))}x (${f1(s.endToEnd.seconds)} s vs ${f2(s.engineOnly.seconds)} s)`,
    met: ratio(s) <= 1.5,
  }));
  const big = r.sizes.find((s) => s.songFiles >= 15_000);
  if (big) {
    out.push({
      goal: '15k song files in 60 s',
      measured: `${f1(big.endToEnd.seconds)} s`,
      met: big.endToEnd.seconds <= 60,
    });
    const fpc = big.endToEnd.filesPerCopy;
    out.push({
      goal: '>= 1,000 files per COPY at 10k files per window',
      measured: `avg ${int(fpc.avg)}, max ${int(fpc.max)} over ${fpc.batches} COPYs (${big.name})`,
      met: fpc.avg >= 1000,
    });
  }
  return out;
}

function sizeRows(r: BenchResult): string[] {
  const head = `| metric | ${r.sizes.map((s) => `${s.name}: ${s.description}`).join(' | ')} |`;
  const sep = `|---|${r.sizes.map(() => '---:').join('|')}|`;
  const row = (label: string, fn: (s: SizeResult) => string) => `| ${label} | ${r.sizes.map(fn).join(' | ')} |`;
  const cost = (s: SizeResult) =>
    priceCalls(perFiles(countsFromCounters(s.endToEnd.counters, uploads(s)), uploads(s), 10_000));
  const per1k = (s: SizeResult, key: string) => int((s.endToEnd.counters[key] ?? 0) * (1000 / uploads(s)));
  return [
    head,
    sep,
    row('files (log + song) / events', (s) => `${int(s.logFiles)} + ${int(s.songFiles)} / ${int(s.events)}`),
    row('**end-to-end load, s**', (s) => `**${f1(s.endToEnd.seconds)}**`),
    row('  of which uploading (S3 PUTs), s', (s) => f1(s.endToEnd.uploadSeconds)),
    row('  of which after the last PUT, s', (s) => f1(s.endToEnd.drainSeconds)),
    row('**engine-only, s**', (s) => `**${f2(s.engineOnly.seconds)}**`),
    row(
      '  read / COPY / transform, s',
      (s) => `${f2(s.engineOnly.phases.read)} / ${f2(s.engineOnly.phases.copy)} / ${f2(s.engineOnly.phases.transform)}`,
    ),
    row('**ratio end-to-end / engine-only**', (s) => `**${f2(ratio(s))}x**`),
    row('events/s (end-to-end)', (s) => int(s.events / s.endToEnd.seconds)),
    row('files/s (end-to-end)', (s) => int(uploads(s) / s.endToEnd.seconds)),
    row('executions / COPY batches', (s) => `${s.endToEnd.executions} / ${s.endToEnd.filesPerCopy.batches}`),
    row(
      'files per COPY, avg / max',
      (s) => `${int(s.endToEnd.filesPerCopy.avg)} / ${int(s.endToEnd.filesPerCopy.max)}`,
    ),
    row('warehouse busy: COPY (S3 GETs) / transform incl. checks / judging checks / other, s', (s) => {
      const p = s.endToEnd.profile;
      return `${f2(p.busy.copy)} (${f2(p.copyS3GetSeconds)}) / ${f2(p.busy.transform)} / ${f2(p.busy.quality)} / ${f2(p.busy.other)}`;
    }),
    row(
      'after the last PUT: warehouse busy / idle, s',
      (s) => `${f1(s.endToEnd.profile.busyAfterUpload)} / ${f1(s.endToEnd.profile.idleAfterUpload)}`,
    ),
    row('Lambda invocations per 1,000 files', (s) => per1k(s, 'lambda.invocations')),
    row(
      'state transitions per 1,000 files: priced (each state once per execution) / counted',
      (s) =>
        `${int(countsFromCounters(s.endToEnd.counters, uploads(s)).sfnTransitions * (1000 / uploads(s)))} / ${per1k(s, 'sfn.transitions')}`,
    ),
    row('Data API calls per 1,000 files', (s) => per1k(s, 'dataApi.calls')),
    row('S3 GETs / PUTs (excl. uploads) per 1,000 files', (s) => {
      const c = countsFromCounters(s.endToEnd.counters, uploads(s));
      return `${int((c.s3Gets * 1000) / uploads(s))} / ${int((c.s3Puts * 1000) / uploads(s))}`;
    }),
    row('**AWS cost per 10k files** (see prices below)', (s) => `**${usd(totalUsd(cost(s)))}**`),
    row('  Step Functions / Lambda / S3 / SQS', (s) => {
      const l = cost(s);
      const sum = (...items: string[]) =>
        usd(l.filter((x) => items.some((i) => x.item.startsWith(i))).reduce((a, x) => a + x.usd, 0));
      return `${sum('Step')} / ${sum('Lambda')} / ${sum('S3')} / ${sum('SQS')}`;
    }),
  ];
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const g = goals(r);
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); re-run it to refresh this page. Every load is checked',
    'against `computeExpectedStarSchema` of the generated data and the ledger (each file once, loaded)',
    'before a number is kept: a wrong load fails the bench.',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}; ${m.date}. Load average`,
    `(1 min) ${m.loadAvgStart} at the start, ${m.loadAvgEnd ?? '?'} at the end: with more than ${m.cores} the machine was shared`,
    'and the times are noisy (other test runs compete for the same cores).',
    '',
    `Local stack settings: batch window ${r.settings.batchWindowMs} ms, SQS batch size ${int(r.settings.batchSize)},`,
    `manifest cap ${int(r.settings.manifestMaxFiles)} files, Wait states scaled by ${r.settings.waitScale}`,
    '(the stack default), warehouse on disk in a fresh temp folder. Data: `generateSample`, fixed seeds.',
    '',
    ...sizeRows(r),
    '',
    '## Where the time goes',
    '',
    ...r.sizes.map(whereTimeGoes),
    '',
    'Uploads and COPY overlap (a window closes while later files are still being PUT), so the parts',
    'do not add up to the total. Every data file costs one HTTP PUT into the local S3 server (sent from a',
    'worker thread; the server, the queue and the Lambdas share the main thread, the warehouse has its',
    "own); COPY's reads are answered from the in-process server's store, so it does not wait on GETs. Engine-only reads the",
    'same bytes from memory and has no batch window. What separates the two: per-file PUTs for many',
    'small files (B); for few large files (A) the batch window, the Wait states and the executions',
    'running one after another on the single-connection warehouse.',
    '',
    ...formatLoadLines(r.formats),
    '',
    ...(r.iamCost ? iamCostLines(r.iamCost) : []),
    ...soakLines(),
    '## Goals',
    '',
    '| goal | measured | |',
    '|---|---|---|',
    ...g.map((x) => `| ${x.goal} | ${x.measured} | ${x.met ? 'met' : '**not met**'} |`),
    '',
    '## Other measurements',
    '',
    `- Batcher CPU per 10k SQS records: ${f1(r.batcher.cpuMsPer10k)} ms CPU (${f1(r.batcher.wallMsPer10k)} ms wall), median of`,
    `  ${r.batcher.rounds} rounds of one 10k-record SQS event, ${r.batcher.batchesPer10k} manifests each; the batcher logic over`,
    '  in-memory ports (the SDK calls, one PutObject + one StartExecution per manifest, are not included).',
    `- COPY throughput (bench/copy-throughput.ts, ${int(r.copy.rows)} Sparkify events): emulator runCopy`,
    `  ${int(r.copy.emulatorRowsPerSec)} rows/s, direct PGlite CSV COPY ${int(r.copy.directRowsPerSec)} rows/s.`,
    ...bundleLines(r.bundles),
    '',
    '## Prices used (us-east-1, on-demand)',
    '',
    `Step Functions Standard $${UNIT_PRICES.sfnTransition * 1000} per 1,000 state transitions; Lambda $0.20 per 1M`,
    `requests + $${UNIT_PRICES.lambdaGbSecond} per GB-s at an assumed ${LAMBDA_ASSUMPTION.avgDurationMs} ms average billed duration and`,
    `${LAMBDA_ASSUMPTION.memoryMb} MB (serverless.yml's default memory); S3 $0.005 per 1,000 PUT/LIST and $0.0004 per 1,000 GET;`,
    'SQS $0.40 per 1M requests (one send per event, receives and deletes in batches of 10); the Redshift',
    "Data API has no per-call charge (the warehouse's compute is billed by Redshift, not counted here).",
    "Call counts are the local stack's counters (same handlers, same state machine as AWS); the uploads",
    "themselves are the producer's cost and excluded. State transitions are priced at each state once per",
    'execution: the local Wait states run at 1/100 of their time while the warehouse thread runs the',
    "statement, so the poll loop repeats far more often here than on AWS, where it depends on Redshift's",
    'statement times (each extra poll of a statement that outlives its first Wait adds about 5 transitions).',
    '',
    `Whole bench: ${f1(r.seconds)} s.`,
    '',
  ];
  return lines.join('\n');
}

/** One line per size: the components of its end-to-end time, largest first. */
function whereTimeGoes(s: SizeResult): string {
  const p = s.endToEnd.profile;
  const parts: Array<[string, number]> = [
    ['uploading (S3 PUTs)', s.endToEnd.uploadSeconds],
    ['COPY waiting on S3 GETs', p.copyS3GetSeconds],
    ['COPY parse + bulk load', Math.max(0, p.busy.copy - p.copyS3GetSeconds)],
    ['transform (with its quality checks)', p.busy.transform],
    ['judging the checks (QualityChecks)', p.busy.quality],
    ['other SQL (schema, staging DDL, ledger lookups)', p.busy.other],
    ['warehouse idle after the last PUT (batch window, Wait states, Lambda/HTTP hops)', p.idleAfterUpload],
  ];
  parts.sort((a, b) => b[1] - a[1]);
  return `- ${s.name} (${f1(s.endToEnd.seconds)} s): ${parts.map(([k, v]) => `${k} ${f1(v)} s`).join('; ')}.`;
}

function bundleLines(b: BundlesResult): string[] {
  if (b.bundles.length === 0) return [`- Bundle sizes: not measured (${b.note}).`];
  return [
    '- Handler bundles (.serverless/*.zip; init = median time to require the bundled handler in a fresh node):',
    ...b.bundles.map(
      (x) =>
        `  - ${x.name}: ${int(x.zipBytes / 1024)} KiB zipped${x.initMs !== undefined ? `, init ${f1(x.initMs)} ms` : ''}`,
    ),
  ];
}
