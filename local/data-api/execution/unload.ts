/**
 * UNLOAD to the local S3 ("UNLOAD", https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html):
 * runs the inner query in the statement's transaction, writes the files with Redshift's names
 * through the real S3 client, and a manifest when asked.
 *
 * File names: `<prefix>0000_part_00`, `_part_01`, ... (PARALLEL ON: one slice locally, a new part
 * each time MAXFILESIZE is reached); `<prefix>000`, `001`, ... with PARALLEL OFF; `.parquet` for
 * Parquet, `.<ext>` for EXTENSION, `.gz` for GZIP. PARTITION BY writes under
 * `<prefix>/<column>=<value>/`. Without ALLOWOVERWRITE (or CLEANPATH) an existing object under
 * the prefix fails the statement, as Redshift does.
 */
import { gzipSync } from 'node:zlib';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { translateRedshiftSql } from '../dialect/dialect';
import { parseUnload, type UnloadCommand, UnloadSyntaxError } from '../dialect/unload-parser';
import type { Engine } from '../engine/engine';
import type { ResultColumn } from '../engine/text-result';
import { textParts } from './unload-formats';
import { parquetFile } from './unload-parquet';

/** The destination already holds files and neither ALLOWOVERWRITE nor CLEANPATH was given. */
export class UnloadDestinationNotEmptyError extends Error {
  constructor() {
    super(
      'Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, ' +
        'manually removing the target files in S3, or using the ALLOWOVERWRITE option.',
    );
    this.name = 'UnloadDestinationNotEmptyError';
  }
}

/** The engine as UNLOAD needs it: the emulator's engine has the S3 client COPY also uses. */
interface S3Engine extends Engine {
  s3Client(): S3Client;
}

/** Rows per Parquet part before a new file starts (a stand-in for MAXFILESIZE, which counts bytes). */
const PARQUET_ROWS_PER_FILE = 1_000_000;

export interface UnloadOutcome {
  rowsUnloaded: number;
  /** s3:// URLs of the data files written. */
  files: string[];
}

/** Run one UNLOAD statement (Redshift text) inside the current transaction. */
export async function runUnload(engine: Engine, sql: string, checkCancelled: () => void): Promise<UnloadOutcome> {
  const cmd = parseUnload(sql);
  const statements = translateRedshiftSql(cmd.query);
  if (statements.length !== 1 || statements[0].kind !== 'sql')
    throw new UnloadSyntaxError('the query must be one SELECT statement');
  const result = await engine.queryText(statements[0].sql);
  checkCancelled();
  const s3 = s3Of(engine);

  const { base, groups } = partition(cmd, result.columns, result.rows);
  const existing = await listKeys(s3, cmd.bucket, base);
  if (existing.length > 0 && cmd.cleanPath) await deleteKeys(s3, cmd.bucket, existing);
  else if (existing.length > 0 && !cmd.allowOverwrite) throw new UnloadDestinationNotEmptyError();

  const written: Array<{ key: string; size: number; rows: number }> = [];
  for (const group of groups) {
    const files = encode(cmd, group.columns, group.rows);
    for (const [n, file] of files.entries()) {
      checkCancelled();
      const key = `${group.prefix}${fileName(cmd, n)}`;
      await s3.send(new PutObjectCommand({ Bucket: cmd.bucket, Key: key, Body: file.body }));
      written.push({ key, size: file.body.length, rows: file.rows });
    }
  }
  if (cmd.manifest) await writeManifest(s3, cmd, result.columns, written);
  return { rowsUnloaded: result.rows.length, files: written.map((w) => `s3://${cmd.bucket}/${w.key}`) };
}

function s3Of(engine: Engine): S3Client {
  const candidate = engine as Partial<S3Engine>;
  if (typeof candidate.s3Client !== 'function') throw new Error('UNLOAD needs the Data API engine with an S3 endpoint');
  return candidate.s3Client();
}

interface Group {
  prefix: string;
  columns: ResultColumn[];
  rows: (string | null)[][];
}

/** PARTITION BY: one group per distinct value tuple, under `<prefix>/<col>=<value>/`. */
function partition(cmd: UnloadCommand, columns: ResultColumn[], rows: (string | null)[][]) {
  if (cmd.partitionBy.length === 0) return { base: cmd.prefix, groups: [{ prefix: cmd.prefix, columns, rows }] };
  const base = cmd.prefix.endsWith('/') || cmd.prefix === '' ? cmd.prefix : `${cmd.prefix}/`;
  const keyAt = cmd.partitionBy.map((name) => {
    const k = columns.findIndex((c) => c.name === name);
    if (k < 0) throw new UnloadSyntaxError(`PARTITION BY column ${name} is not in the query's result`);
    return k;
  });
  const kept = columns.map((_, k) => k).filter((k) => cmd.partitionInclude || !keyAt.includes(k));
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const path = keyAt
      .map((k, j) => `${cmd.partitionBy[j]}=${encodeURIComponent(row[k] ?? '__HIVE_DEFAULT_PARTITION__')}/`)
      .join('');
    let group = groups.get(path);
    if (!group) {
      group = { prefix: base + path, columns: kept.map((k) => columns[k]), rows: [] };
      groups.set(path, group);
    }
    group.rows.push(kept.map((k) => row[k]));
  }
  return { base, groups: [...groups.values()] };
}

function encode(cmd: UnloadCommand, columns: ResultColumn[], rows: (string | null)[][]) {
  if (cmd.format === 'PARQUET') {
    const files: Array<{ body: Buffer; rows: number }> = [];
    for (let at = 0; at === 0 || at < rows.length; at += PARQUET_ROWS_PER_FILE) {
      const slice = rows.slice(at, at + PARQUET_ROWS_PER_FILE);
      files.push({ body: parquetFile(columns, slice), rows: slice.length });
    }
    return files;
  }
  return textParts(cmd, columns, rows).map((text) => {
    const raw = Buffer.from(text);
    const lines = text.length === 0 ? 0 : text.split('\n').length - 1 - (cmd.header ? 1 : 0);
    return { body: cmd.gzip ? gzipSync(raw) : raw, rows: lines };
  });
}

/** Redshift's name of part `n`. */
export function fileName(cmd: UnloadCommand, n: number): string {
  const base = cmd.parallel ? `0000_part_${String(n).padStart(2, '0')}` : String(n).padStart(3, '0');
  const ext = cmd.format === 'PARQUET' ? '.parquet' : cmd.extension ? `.${cmd.extension}` : '';
  return `${base}${ext}${cmd.gzip ? '.gz' : ''}`;
}

/** `<prefix>manifest`: the files written (with content_length; schema and record counts for VERBOSE). */
async function writeManifest(
  s3: S3Client,
  cmd: UnloadCommand,
  columns: ResultColumn[],
  written: Array<{ key: string; size: number; rows: number }>,
): Promise<void> {
  const verbose = cmd.manifest === 'verbose';
  const manifest: Record<string, unknown> = {
    entries: written.map((w) => ({
      url: `s3://${cmd.bucket}/${w.key}`,
      meta: verbose ? { content_length: w.size, record_count: w.rows } : { content_length: w.size },
    })),
  };
  if (verbose) {
    manifest.schema = { elements: columns.map((c) => ({ name: c.name, type: { base: c.typeName } })) };
    manifest.meta = {
      content_length: written.reduce((n, w) => n + w.size, 0),
      record_count: written.reduce((n, w) => n + w.rows, 0),
    };
    manifest.author = { name: 'Amazon Redshift', version: 'local' };
  }
  const key = `${cmd.prefix}manifest`;
  await s3.send(new PutObjectCommand({ Bucket: cmd.bucket, Key: key, Body: `${JSON.stringify(manifest)}\n` }));
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

async function deleteKeys(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (let at = 0; at < keys.length; at += 1000) {
    const Objects = keys.slice(at, at + 1000).map((Key) => ({ Key }));
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects } }));
  }
}
