/**
 * Files for the example datasets beside Sparkify (`redshift-ingest generate DIR --dataset NAME`):
 *
 * - subscriptions (datasets/subscriptions): the seed's delimited style: gzipped, ';'-delimited,
 *   a header row, `NULL` for missing values, dates as DD/MM/YYYY and timestamps as
 *   DD/MM/YYYY HH24:MI:SS (neither is COPY's default), one file per month.
 * - listens (datasets/listens): Parquet, typed columns (INT64 id, INT32 user, UTF8 text,
 *   DOUBLE, TIMESTAMP_MILLIS), two row groups per file, one file per day.
 *
 * Deterministic: the same seed and counts give byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Module } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng, type Rng } from './prng';

export const EXAMPLE_DATASETS = ['subscriptions', 'listens'] as const;
export type ExampleDataset = (typeof EXAMPLE_DATASETS)[number];

export interface ExampleOptions {
  dir: string;
  /** Rows in all; default 1,000. */
  rows?: number;
  seed?: number;
}

export interface ExampleSummary {
  dataset: ExampleDataset;
  files: string[];
  rows: number;
}

const PLANS = ['monthly', 'yearly', 'family', 'student'];
const SONGS = ['Intro', 'Home', 'Stay', 'Run', 'Echoes', 'Satellite', 'Halo', 'Velvet'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2018, 10, 1);

const two = (n: number) => String(n).padStart(2, '0');
/** DD/MM/YYYY of a UTC instant. */
const ddmmyyyy = (d: Date) => `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const hhmiss = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

async function write(root: string, rel: string, data: Buffer): Promise<string> {
  await mkdir(dirname(join(root, rel)), { recursive: true });
  await writeFile(join(root, rel), data);
  return rel;
}

function subscriptionRow(rng: Rng, id: number): { month: string; line: string } {
  const started = new Date(START + rng.int(0, 89) * DAY_MS);
  const changed = new Date(started.getTime() + rng.int(0, 30 * DAY_MS - 1));
  const paid = rng.chance(0.6);
  const plan = paid ? PLANS[rng.int(0, PLANS.length - 1)] : 'NULL';
  const amount = paid ? (rng.int(199, 1999) / 100).toFixed(2) : 'NULL';
  const fields = [
    id,
    rng.int(1, 100),
    paid ? 'paid' : 'free',
    plan,
    ddmmyyyy(started),
    `${ddmmyyyy(changed)} ${hhmiss(changed)}`,
    amount,
  ];
  return { month: started.toISOString().slice(0, 7), line: fields.join(';') };
}

/** The header row of every subscriptions file (COPY skips it: IGNOREHEADER 1). */
export const SUBSCRIPTIONS_HEADER = 'subscription_id;user_id;level;plan;started_on;changed_at;amount';

async function subscriptions(opts: ExampleOptions): Promise<ExampleSummary> {
  const rng = createRng(opts.seed ?? 42, 'subscriptions');
  const rows = opts.rows ?? 1000;
  const byMonth = new Map<string, string[]>();
  for (let id = 1; id <= rows; id++) {
    const { month, line } = subscriptionRow(rng, id);
    const list = byMonth.get(month) ?? [];
    list.push(line);
    byMonth.set(month, list);
  }
  const files: string[] = [];
  for (const [month, lines] of [...byMonth].sort()) {
    const text = `${[SUBSCRIPTIONS_HEADER, ...lines].join('\n')}\n`;
    // mtime 0 in the gzip header: the same rows give the same bytes.
    files.push(
      await write(opts.dir, `subscriptions/${month.replace('-', '/')}/subscriptions-${month}.csv.gz`, gzipSync(text)),
    );
  }
  return { dataset: 'subscriptions', files, rows };
}

type WriteBuffer = (options: { columnData: unknown[]; rowGroupSize?: number }) => ArrayBuffer;
let parquetWrite: WriteBuffer | undefined;

/** hyparquet-writer is an ES module: loaded with Node's own require (jest's sandbox cannot). */
export function parquetWriteBuffer(options: { columnData: unknown[]; rowGroupSize?: number }): Buffer {
  if (!parquetWrite) {
    const host = new Module(__filename);
    host.filename = __filename;
    host.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      dirname(__filename),
    );
    parquetWrite = (host.require('hyparquet-writer') as { parquetWriteBuffer: WriteBuffer }).parquetWriteBuffer;
  }
  return Buffer.from(parquetWrite(options));
}

/** The Parquet columns of listens rows, in file order (COPY maps Parquet columns by position). */
export function listensColumns(
  rows: Array<{ id: bigint; user: number; song: string | null; seconds: number; at: Date }>,
) {
  return [
    { name: 'listen_id', data: rows.map((r) => r.id), type: 'INT64' },
    { name: 'user_id', data: rows.map((r) => r.user), type: 'INT32' },
    { name: 'song', data: rows.map((r) => r.song), type: 'STRING' },
    { name: 'seconds', data: rows.map((r) => r.seconds), type: 'DOUBLE' },
    { name: 'listened_at', data: rows.map((r) => r.at), type: 'TIMESTAMP' },
  ];
}

async function listens(opts: ExampleOptions): Promise<ExampleSummary> {
  const rng = createRng(opts.seed ?? 42, 'listens');
  const rows = opts.rows ?? 1000;
  const byDay = new Map<string, Parameters<typeof listensColumns>[0]>();
  for (let id = 1; id <= rows; id++) {
    const at = new Date(START + rng.int(0, 6) * DAY_MS + rng.int(0, DAY_MS / 1000 - 1) * 1000);
    const day = at.toISOString().slice(0, 10);
    const row = {
      id: BigInt(id),
      user: rng.int(1, 100),
      song: rng.chance(0.05) ? null : SONGS[rng.int(0, SONGS.length - 1)],
      seconds: rng.int(30_000, 400_000) / 1000,
      at,
    };
    const list = byDay.get(day) ?? [];
    list.push(row);
    byDay.set(day, list);
  }
  const files: string[] = [];
  for (const [day, list] of [...byDay].sort()) {
    list.sort((a, b) => Number(a.id - b.id));
    const data = parquetWriteBuffer({ columnData: listensColumns(list), rowGroupSize: Math.ceil(list.length / 2) });
    files.push(await write(opts.dir, `listens/${day.slice(0, 7).replace('-', '/')}/listens-${day}.parquet`, data));
  }
  return { dataset: 'listens', files, rows };
}

export function isExampleDataset(name: string): name is ExampleDataset {
  return (EXAMPLE_DATASETS as readonly string[]).includes(name);
}

/** Writes the files of one example dataset under `opts.dir`. */
export function generateExample(dataset: ExampleDataset, opts: ExampleOptions): Promise<ExampleSummary> {
  return dataset === 'subscriptions' ? subscriptions(opts) : listens(opts);
}
