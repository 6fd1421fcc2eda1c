/**
 * UNLOAD ... FORMAT PARQUET through hyparquet-writer (MIT, pure JavaScript). Column types follow
 * Redshift's mapping of its types to Parquet ("UNLOAD", FORMAT AS PARQUET): integers as
 * INT32/INT64, REAL/DOUBLE as FLOAT/DOUBLE, BOOLEAN, TIMESTAMP as a timestamp, every other type
 * (DECIMAL, DATE, CHAR, VARCHAR, SUPER) as a UTF-8 string: DECIMAL is kept exact as text, and
 * COPY ... FORMAT PARQUET converts strings back to the target column's type.
 *
 * hyparquet-writer is an ES module: it is loaded with Node's own `require` (ES modules are
 * required natively from Node 20.19), as engine/pglite-loader.ts does for PGlite, so that the
 * same code path works in jest, under tsx and in the esbuild CLI bundle.
 */
import { Module } from 'node:module';
import { dirname } from 'node:path';
import type { ResultColumn } from '../engine/text-result';

interface ColumnSource {
  name: string;
  data: unknown[];
  type: string;
  nullable: boolean;
}
interface HyparquetWriter {
  parquetWriteBuffer(options: { columnData: ColumnSource[]; codec?: string }): ArrayBuffer;
}

let writer: HyparquetWriter | undefined;

function loadWriter(): HyparquetWriter {
  if (!writer) {
    const host = new Module(__filename);
    host.filename = __filename;
    host.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      dirname(__filename),
    );
    writer = host.require('hyparquet-writer') as HyparquetWriter;
  }
  return writer;
}

/** One Parquet file (SNAPPY pages, as Redshift writes them) holding `rows`. */
export function parquetFile(columns: ResultColumn[], rows: (string | null)[][]): Buffer {
  const columnData = columns.map((c, k) => {
    const kind = parquetType(c.typeName);
    const data = rows.map((row) => convert(row[k], kind));
    return { name: c.name, data, type: kind, nullable: true };
  });
  return Buffer.from(loadWriter().parquetWriteBuffer({ columnData, codec: 'SNAPPY' }));
}

function parquetType(typeName: string): string {
  switch (typeName) {
    case 'int2':
    case 'int4':
      return 'INT32';
    case 'int8':
      return 'INT64';
    case 'float4':
      return 'FLOAT';
    case 'float8':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'timestamp':
    case 'timestamptz':
      return 'TIMESTAMP';
    default:
      return 'STRING';
  }
}

function convert(value: string | null, kind: string): unknown {
  if (value === null) return null;
  switch (kind) {
    case 'INT32':
    case 'FLOAT':
    case 'DOUBLE':
      return Number(value);
    case 'INT64':
      return BigInt(value);
    case 'BOOLEAN':
      return value === 't';
    case 'TIMESTAMP':
      return new Date(isoTimestamp(value));
    default:
      return value;
  }
}

/** PostgreSQL's timestamp text as ISO 8601: the session prints UTC, so a missing offset means UTC. */
function isoTimestamp(value: string): string {
  const iso = value.replace(' ', 'T');
  if (/[+-]\d\d$/.test(iso)) return `${iso}:00`;
  return /[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`;
}
