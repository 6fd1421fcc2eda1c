import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { hyparquet } from '../../data-api/copy/node-modules';
import { parquetKind } from '../../data-api/copy/parquet-types';
import { type ColumnType, observe } from './infer-types';

/**
 * Reads a sample file for `datasets init`: JSON lines, CSV with a header row, or Parquet (each
 * optionally gzipped, except Parquet, which compresses its own pages). Returns the source
 * columns in file order with their inferred types.
 */

export type SampleFormat = 'json' | 'csv' | 'parquet';

export interface SampleColumn {
  /** The key / header / Parquet column name as written in the file. */
  source: string;
  type: ColumnType;
}

export interface Sample {
  format: SampleFormat;
  /** The file suffix data files of this dataset will have (e.g. `.csv.gz`). */
  suffix: string;
  compression: 'none' | 'gzip';
  /** CSV only: the field delimiter found in the header. */
  delimiter?: string;
  columns: SampleColumn[];
  rows: number;
  /** Per column, whether every row had a distinct, non-null value (a candidate key). */
  unique: boolean[];
}

export class SampleError extends Error {
  override name = 'SampleError';
}

export function sampleFormat(file: string): { format: SampleFormat; suffix: string; compression: 'none' | 'gzip' } {
  const match = /(\.(jsonl|ndjson|json|csv|tsv|txt|parquet))(\.gz)?$/i.exec(file);
  if (!match)
    throw new SampleError(`cannot tell the format of ${file}: use .jsonl/.json, .csv or .parquet (optionally .gz)`);
  const ext = match[2].toLowerCase();
  const format: SampleFormat =
    ext === 'parquet' ? 'parquet' : ext.startsWith('json') || ext === 'ndjson' ? 'json' : 'csv';
  if (format === 'parquet' && match[3]) throw new SampleError('a Parquet file compresses its own pages: no .gz');
  return { format, suffix: match[0].toLowerCase(), compression: match[3] ? 'gzip' : 'none' };
}

/** Splits CSV text into records (RFC 4180 quoting: "" is a quote inside a quoted field). */
export function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

function fromRows(base: Omit<Sample, 'columns' | 'rows' | 'unique'>, names: string[], rows: unknown[][]): Sample {
  const types: Array<ColumnType | undefined> = names.map(() => undefined);
  const seen = names.map(() => new Set<string>());
  const unique = names.map(() => true);
  for (const row of rows) {
    for (const [i] of names.entries()) {
      const value = row[i];
      types[i] = observe(types[i], value);
      const text = value === null || value === undefined || value === '' ? undefined : String(value);
      if (text === undefined || seen[i].has(text)) unique[i] = false;
      else seen[i].add(text);
    }
  }
  const columns = names.map((source, i) => ({
    source,
    type: types[i] ?? { kind: 'varchar' as const, bytes: 0, present: 0, nulls: 0 },
  }));
  return { ...base, columns, rows: rows.length, unique };
}

function readJson(text: string, base: Omit<Sample, 'columns' | 'rows' | 'unique'>): Sample {
  const objects = text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line !== '')
    .map(({ line, i }) => {
      try {
        const value = JSON.parse(line) as unknown;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
        return value as Record<string, unknown>;
      } catch (err) {
        throw new SampleError(
          `line ${i + 1} is not a JSON object (JSON lines: one object per line): ${(err as Error).message}`,
        );
      }
    });
  const names: string[] = [];
  for (const o of objects) for (const key of Object.keys(o)) if (!names.includes(key)) names.push(key);
  return fromRows(
    base,
    names,
    objects.map((o) => names.map((n) => o[n])),
  );
}

function readCsv(text: string, base: Omit<Sample, 'columns' | 'rows' | 'unique'>): Sample {
  const header = text.slice(0, text.indexOf('\n') >>> 0);
  const counts = [',', ';', '\t', '|'].map((d) => [d, header.split(d).length] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const [names, ...rows] = parseCsv(text, delimiter);
  if (!names) throw new SampleError('the CSV sample is empty: it needs a header row');
  return fromRows({ ...base, delimiter }, names, rows);
}

async function readParquet(buffer: Buffer, base: Omit<Sample, 'columns' | 'rows' | 'unique'>): Promise<Sample> {
  const pq = hyparquet();
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const metadata = pq.parquetMetadata(file);
  const tree = pq.parquetSchema(metadata);
  const names = tree.children.map((c) => c.element.name);
  const rows = (await pq.parquetReadObjects({ file, metadata, rowFormat: 'object' })) as Array<Record<string, unknown>>;
  const sample = fromRows(
    base,
    names,
    rows.map((r) => names.map((n) => r[n])),
  );
  // The file declares its types: COPY maps them by Redshift's Parquet rules, so they are kept
  // (decimals with their precision and scale; a DOUBLE would round them). Only text is measured.
  for (const [i, child] of tree.children.entries()) {
    const e = child.element;
    const declared = {
      boolean: 'BOOLEAN',
      int: e.type === 'INT64' ? 'BIGINT' : 'INTEGER',
      decimal: `DECIMAL(${e.precision ?? 18},${e.scale ?? 0})`,
      float: e.type === 'FLOAT' ? 'REAL' : 'DOUBLE PRECISION',
      date: 'DATE',
      timestamp: 'TIMESTAMP',
      string: undefined,
      other: undefined,
    }[parquetKind(child)];
    if (parquetKind(child) === 'other')
      throw new SampleError(`Parquet column ${e.name} is nested or of a type COPY cannot load into a scalar column`);
    sample.columns[i].type.declared = declared;
  }
  return sample;
}

export async function readSample(file: string): Promise<Sample> {
  const base = sampleFormat(file);
  const raw = readFileSync(file);
  if (base.format === 'parquet') return readParquet(raw, base);
  const text = (base.compression === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  return base.format === 'json' ? readJson(text, base) : readCsv(text, base);
}
