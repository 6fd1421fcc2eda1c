import type { SchemaElement, SchemaTree } from 'hyparquet';
import type { TableColumn } from './table-columns';

/** What a Parquet column holds, as far as the Redshift type mapping cares. */
export type ParquetKind = 'boolean' | 'int' | 'decimal' | 'float' | 'string' | 'date' | 'timestamp' | 'other';

/** Classify a top-level Parquet column from its physical, converted and logical types. */
export function parquetKind(node: SchemaTree): ParquetKind {
  const e = node.element;
  if (node.children.length > 0) return 'other'; // nested groups (structs, lists, maps)
  const ct = e.converted_type;
  const lt = e.logical_type?.type;
  if (ct === 'DECIMAL' || lt === 'DECIMAL') return 'decimal';
  if (ct === 'DATE' || lt === 'DATE') return 'date';
  if (ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS' || lt === 'TIMESTAMP' || e.type === 'INT96')
    return 'timestamp';
  if (ct === 'TIME_MILLIS' || ct === 'TIME_MICROS' || lt === 'TIME' || ct === 'INTERVAL') return 'other';
  switch (e.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
      return 'int';
    case 'FLOAT':
    case 'DOUBLE':
      return 'float';
    case 'BYTE_ARRAY':
      return ct === 'BSON' || lt === 'BSON' ? 'other' : 'string';
    case 'FIXED_LEN_BYTE_ARRAY':
      return ct === 'UTF8' || lt === 'STRING' ? 'string' : 'other';
    default:
      return 'other';
  }
}

/**
 * Which Parquet kinds load into which column types ("COPY from columnar data formats",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html, and the
 * Parquet mapping of "Data types for Redshift Spectrum",
 * https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-data-files.html): integers into any
 * integer, DECIMAL or float column (range checked per value), strings into character columns and,
 * read with DATEFORMAT/TIMEFORMAT, into DATE and TIMESTAMP; DATE and TIMESTAMP as themselves.
 */
const ACCEPTS: Record<string, ParquetKind[]> = {
  bool: ['boolean'],
  int2: ['int'],
  int4: ['int'],
  int8: ['int'],
  numeric: ['decimal', 'int'],
  float4: ['float', 'int', 'decimal'],
  float8: ['float', 'int', 'decimal'],
  varchar: ['string'],
  bpchar: ['string'],
  text: ['string'],
  date: ['date', 'string'],
  timestamp: ['timestamp', 'date', 'string'],
  timestamptz: ['timestamp', 'date', 'string'],
};

export function isCompatible(col: TableColumn, kind: ParquetKind): boolean {
  return (ACCEPTS[col.type] ?? ['string']).includes(kind);
}

const REDSHIFT_NAMES: Record<string, string> = {
  bool: 'BOOLEAN',
  int2: 'SMALLINT',
  int4: 'INT',
  int8: 'BIGINT',
  float4: 'REAL',
  float8: 'DOUBLE PRECISION',
  bpchar: 'CHAR',
  varchar: 'VARCHAR',
  numeric: 'NUMERIC',
};

/** The column type as Redshift names it in a Spectrum Scan Error ('VARCHAR(256)', 'INT', ...). */
export function redshiftTypeName(col: TableColumn): string {
  const base = REDSHIFT_NAMES[col.type] ?? col.type.toUpperCase();
  if (col.length !== undefined) return `${base}(${col.length})`;
  if (col.type === 'numeric') return `${base}(${col.precision},${col.scale})`;
  return base;
}

/** One line of the file's schema as Redshift prints it: `optional int64 id (TIMESTAMP_MICROS)`. */
export function describeParquetColumn(e: SchemaElement): string {
  const rep = (e.repetition_type ?? 'REQUIRED').toLowerCase();
  const type = (e.type ?? 'group').toLowerCase();
  const annotation = e.converted_type ?? e.logical_type?.type;
  return `${rep} ${type} ${e.name}${annotation ? ` (${annotation})` : ''}`;
}

/** Exact decimal text of an unscaled integer (hyparquet's own DECIMAL conversion goes through a double). */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Two's-complement big-endian bytes (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals) as a bigint. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  const bits = BigInt(bytes.length * 8);
  return bytes.length > 0 && bytes[0] & 0x80 ? v - (1n << bits) : v;
}
