import { batchPaths } from '../../shared/batch-id';
import { isDatasetName } from '../../shared/datasets';
import { routeKey } from '../../shared/keys';
import type { BackfillSummary } from '../../shared/pipeline/backfill';
import { readBatchDocument } from '../../shared/pipeline/batch-document';
import type { ReplaySummary } from '../../shared/pipeline/replay';
import type { LocalStack, LocalStackOptions } from '../stack';
import { formatRows, formatSummary, progressPrinter } from './output';
import { buildReport, exitCodeFor, type RunReport } from './report';
import { withLocalStack } from './run-local';
import { readLiveLock } from './state-lock';
import { localTarget, type RunTarget, remoteTarget } from './targets';
import { listFiles, shuffle, uploadFiles } from './upload';

export interface CommonOptions {
  stack: LocalStackOptions;
  json: boolean;
}

type Progress = ReturnType<typeof progressPrinter>;

/**
 * Runs `fn` against the `local up` that owns the state folder (through its endpoints), or else
 * against a stack this process starts on the folder and stops afterwards.
 */
async function withTarget<T>(
  opts: CommonOptions,
  progress: Progress,
  fn: (target: RunTarget) => Promise<T>,
): Promise<T> {
  const live = readLiveLock(opts.stack.stateDir)?.live;
  if (live) {
    progress(`using the running local stack (S3 ${live.endpoints.s3})`, true);
    return fn(remoteTarget(live));
  }
  return withLocalStack(opts.stack, (stack) => fn(localTarget(stack)));
}

/** Waits for the pipeline to settle while printing what it is doing. */
async function settleWithProgress(target: RunTarget, progress: Progress, since: number) {
  const timer = setInterval(() => {
    void target
      .countsSince(since)
      .then(({ started, running }) => progress(`executions: ${started} started, ${running} running`));
  }, 1000);
  try {
    await target.settled(since);
  } finally {
    clearInterval(timer);
  }
}

async function reportSince(target: RunTarget, seen: Array<{ key: string; etag: string }>, since: number) {
  return buildReport(target.sql, seen, await target.executionsSince(since), since);
}

function print(report: RunReport, opts: CommonOptions, seconds: number) {
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report, seconds)}\n`);
}

/** Options of one load run. */
export interface LoadRunOptions {
  shuffleSeed?: number;
  repeat?: number;
  progress?: Progress;
}

/**
 * Uploads every file under `dir` to the target's bucket (keys relative to dir), lets the event
 * path do the rest, waits until everything settled, and reports on the files of this run.
 */
async function loadInto(target: RunTarget, dir: string, opts: LoadRunOptions): Promise<RunReport> {
  const progress = opts.progress ?? (() => undefined);
  let files = await listFiles(dir);
  if (files.length === 0) throw new Error(`no files under ${dir}`);
  files = Array.from({ length: opts.repeat ?? 1 }, () => files).flat();
  if (opts.shuffleSeed !== undefined) files = shuffle(files, opts.shuffleSeed);
  const since = Date.now();
  const uploaded = await uploadFiles(target.s3Endpoint, target.bucket, files, {
    onProgress: (done, total) => progress(`uploaded ${done}/${total} files`, done === total),
  });
  await settleWithProgress(target, progress, since);
  return reportSince(
    target,
    uploaded.filter((u) => routeKey(u.key) !== null),
    since,
  );
}

/** `runLoad` for a stack of this process (tests and the benchmark drive the stack directly). */
export const runLoad = (stack: LocalStack, dir: string, opts: LoadRunOptions = {}): Promise<RunReport> =>
  loadInto(localTarget(stack), dir, opts);

/** `local load DIR`. */
export async function loadCommand(dir: string, opts: CommonOptions & LoadRunOptions): Promise<number> {
  const progress = progressPrinter(!opts.json);
  const started = Date.now();
  return withTarget(opts, progress, async (target) => {
    progress(`uploading to ${target.s3Endpoint}`, true);
    const report = await loadInto(target, dir, { ...opts, progress });
    print(report, opts, (Date.now() - started) / 1000);
    return exitCodeFor(report);
  });
}

/** `local replay`: the replay Lambda, then wait for its executions. */
export async function replayCommand(
  request: { prefix?: string; keys?: string[]; force: boolean },
  opts: CommonOptions,
): Promise<number> {
  const progress = progressPrinter(!opts.json);
  return withTarget(opts, progress, async (target) => {
    const since = Date.now();
    const summary = (await target.invoke('replay', request)) as ReplaySummary;
    progress(`replay: ${summary.files} files in ${summary.batches.length} batches`, true);
    if (summary.missing.length > 0)
      process.stderr.write(`not found in s3://${target.bucket}: ${summary.missing.join(', ')}\n`);
    await settleWithProgress(target, progress, since);
    const report = await reportSince(target, await filesOfBatches(target, summary.batches), since);
    print(report, opts, (Date.now() - since) / 1000);
    return summary.missing.length > 0 ? 1 : exitCodeFor(report);
  });
}

/** `local backfill`: the scheduled backfill Lambda, run now. */
export async function backfillCommand(opts: CommonOptions): Promise<number> {
  const progress = progressPrinter(!opts.json);
  return withTarget(opts, progress, async (target) => {
    const since = Date.now();
    const summary = (await target.invoke('backfill', {})) as BackfillSummary;
    progress(
      `backfill: ${summary.listed} data files listed, ${summary.alreadySeen} already seen, ${summary.batches.length} batches`,
      true,
    );
    await settleWithProgress(target, progress, since);
    const report = await reportSince(target, await filesOfBatches(target, summary.batches), since);
    print(report, opts, (Date.now() - since) / 1000);
    return exitCodeFor(report);
  });
}

/** The files of the batches a replay/backfill started, from their batch documents. */
async function filesOfBatches(target: RunTarget, batches: ReadonlyArray<{ batchId: string; dataset: string }>) {
  const files: Array<{ key: string; etag: string }> = [];
  for (const { batchId, dataset } of batches) {
    if (!isDatasetName(dataset)) continue;
    files.push(...(await readBatchDocument(target.storage, batchPaths(batchId).batch)).files);
  }
  return files;
}

/** `local sql`: through the running stack's Data API if `local up` owns the folder, else in process. */
export async function sqlCommand(sql: string, opts: CommonOptions): Promise<number> {
  const rows = await withTarget(opts, progressPrinter(false), (target) => target.sql(sql));
  process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatRows(rows)}\n`);
  return 0;
}
