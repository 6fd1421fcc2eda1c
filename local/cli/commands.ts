import { DataApiWarehouse } from '../../shared/aws/data-api-warehouse';
import type { BackfillSummary } from '../../shared/pipeline/backfill';
import type { ReplaySummary } from '../../shared/pipeline/replay';
import type { LocalStack, LocalStackOptions } from '../stack';
import { formatRows, formatSummary, progressPrinter } from './output';
import { buildReport, exitCodeFor, type RunReport } from './report';
import { engineSql, readLiveLock, remoteClients, withLocalStack } from './run-local';
import { listFiles, shuffle, uploadFiles } from './upload';
import { routeKey } from '../../shared/keys';

export interface CommonOptions {
  stack: LocalStackOptions;
  json: boolean;
}

/** Waits for the pipeline to settle while printing what it is doing. */
async function settleWithProgress(stack: LocalStack, progress: ReturnType<typeof progressPrinter>, since: number) {
  const timer = setInterval(() => {
    const runs = stack.sfn.executions().filter((e) => e.startDate >= since - 1000);
    const running = runs.filter((e) => e.status === 'RUNNING').length;
    progress(`executions: ${runs.length} started, ${running} running; queue: ${stack.queue.stats().waiting} waiting`);
  }, 1000);
  try {
    await stack.settled();
  } finally {
    clearInterval(timer);
  }
}

/** Prints the report of a run that saw `seen` files and started executions since `since`. */
async function finish(stack: LocalStack, seen: Array<{ key: string; etag: string }>, since: number, opts: CommonOptions) {
  const report = await reportSince(stack, seen, since);
  print(report, opts, (Date.now() - since) / 1000);
  return exitCodeFor(report);
}

function print(report: RunReport, opts: CommonOptions, seconds: number) {
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report, seconds)}\n`);
}

/** Options of one load run. */
export interface LoadRunOptions {
  shuffleSeed?: number;
  repeat?: number;
  progress?: ReturnType<typeof progressPrinter>;
}

/**
 * Uploads every file under `dir` to the stack's bucket (keys relative to dir), lets the event
 * path do the rest, waits until everything settled, and reports on the files of this run.
 */
export async function runLoad(stack: LocalStack, dir: string, opts: LoadRunOptions = {}): Promise<RunReport> {
  const progress = opts.progress ?? (() => undefined);
  let files = listFiles(dir);
  if (files.length === 0) throw new Error(`no files under ${dir}`);
  files = Array.from({ length: opts.repeat ?? 1 }, () => files).flat();
  if (opts.shuffleSeed !== undefined) files = shuffle(files, opts.shuffleSeed);
  const since = Date.now();
  const uploaded = await uploadFiles(stack.endpoints.s3, stack.bucket, files, {
    onProgress: (done, total) => progress(`uploaded ${done}/${total} files`, done === total),
  });
  await settleWithProgress(stack, progress, since);
  const seen = uploaded.filter((u) => routeKey(u.key) !== null);
  return reportSince(stack, seen, since);
}

async function reportSince(stack: LocalStack, seen: Array<{ key: string; etag: string }>, since: number) {
  const executions = stack.sfn
    .executions()
    .filter((e) => e.startDate >= since - 1000)
    .sort((a, b) => a.startDate - b.startDate);
  return buildReport(engineSql(stack), seen, executions);
}

/** `local load DIR`. */
export async function loadCommand(dir: string, opts: CommonOptions & LoadRunOptions): Promise<number> {
  const progress = progressPrinter(!opts.json);
  return withLocalStack(opts.stack, async (stack) => {
    const started = Date.now();
    progress(`S3 endpoint: ${stack.endpoints.s3}  Redshift Data API endpoint: ${stack.endpoints.dataApi}`, true);
    const report = await runLoad(stack, dir, { ...opts, progress });
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
  return withLocalStack(opts.stack, async (stack) => {
    const since = Date.now();
    const summary = (await stack.invoke('replay', request)) as ReplaySummary;
    progress(`replay: ${summary.files} files in ${summary.batches.length} batches`, true);
    if (summary.missing.length > 0) process.stderr.write(`not found in s3://${stack.bucket}: ${summary.missing.join(', ')}\n`);
    await settleWithProgress(stack, progress, since);
    const seen = await seenFromBatches(stack, summary.batches.map((b) => b.batchId));
    const code = await finish(stack, seen, since, opts);
    return summary.missing.length > 0 ? 1 : code;
  });
}

/** `local backfill`: the scheduled backfill Lambda, run now. */
export async function backfillCommand(opts: CommonOptions): Promise<number> {
  const progress = progressPrinter(!opts.json);
  return withLocalStack(opts.stack, async (stack) => {
    const since = Date.now();
    const summary = (await stack.invoke('backfill', {})) as BackfillSummary;
    progress(`backfill: ${summary.listed} data files listed, ${summary.alreadySeen} already seen, ${summary.batches.length} batches`, true);
    await settleWithProgress(stack, progress, since);
    const seen = await seenFromBatches(stack, summary.batches.map((b) => b.batchId));
    return finish(stack, seen, since, opts);
  });
}

/** The files of the batches a replay/backfill started, from their batch documents. */
async function seenFromBatches(stack: LocalStack, batchIds: string[]) {
  const files: Array<{ key: string; etag: string }> = [];
  for (const id of batchIds) {
    const dataset = id.split('-')[0];
    const body = await stack.s3.store.read(stack.bucket, `manifests/${dataset}/${id}/batch.json`).catch(() => undefined);
    if (body) files.push(...(JSON.parse(body.toString('utf8')).files as Array<{ key: string; etag: string }>));
  }
  return files;
}

/** `local sql`: through the running stack's Data API if `local up` owns the folder, else in process. */
export async function sqlCommand(sql: string, opts: CommonOptions): Promise<number> {
  const lock = readLiveLock(opts.stack.stateDir);
  const rows = lock ? await remoteSql(lock, sql) : await withLocalStack(opts.stack, async (stack) => engineSql(stack)(sql));
  process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatRows(rows)}\n`);
  return 0;
}

/** SQL through a running `local up`'s Data API endpoint, with the pipeline's own Data API adapter. */
function remoteSql(lock: NonNullable<ReturnType<typeof readLiveLock>>, sql: string) {
  const { redshiftData } = remoteClients(lock);
  return new DataApiWarehouse(redshiftData, { kind: 'workgroup', workgroupName: 'local', database: 'dev' }).query(sql);
}
