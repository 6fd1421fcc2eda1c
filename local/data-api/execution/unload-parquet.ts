/**
 * UNLOAD ... FORMAT PARQUET through hyparquet-writer (MIT, pure JavaScript). Column types follow
 * Redshift's mapping of its types to Parquet ("UNLOAD", FORMAT AS PARQUET): SMALLINT/INTEGER as
 * INT32, BIGINT as INT64, REAL/DOUBLE as FLOAT/DOUBLE, BOOLEAN, DATE, TIMESTAMP as
 * TIMESTAMP_MICROS, DECIMAL as DECIMAL (exact, written from the text), character types and
 * SUPER as UTF-8 strings. The engine does not expose a column's declared precision, so DECIMAL
 * is written as DECIMAL(38, scale of the values).
 *
 * hyparquet-writer is an ES module, loaded through Node's own loader (local/node-require.ts).
 */
import { nodeRequire } from '../../node-require';
import type { ResultColumn } from '../engine/text-result';

interface SchemaElement {
  name: string;
  type?: string;
  repetition_type?: string;
  num_children?: number;
  converted_type?: string;
  type_length?: number;
  precision?: number;
  scale?: number;
}
interface HyparquetWriter {
  parquetWriteBuffer(options: {
    columnData: Array<{ name: string; data: unknown[] }>;
    schema: SchemaElement[];
    codec?: string;
  }): ArrayBuffer;
}

function loadWriter(): HyparquetWriter {
  return nodeRequire<HyparquetWriter>('hyparquet-writer');
}

/** One Parquet file (SNAPPY pages, as Redshift writes them) holding `rows`. */
export function parquetFile(columns: ResultColumn[], rows: (string | null)[][]): Buffer {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  const columnData = columns.map((c, k) => {
    const values = rows.map((row) => row[k]);
    const element = schemaElement(c, values);
    schema.push(element);
    return { name: c.name, data: values.map((v) => convert(v, element)) };
  });
  return Buffer.from(loadWriter().parquetWriteBuffer({ columnData, schema, codec: 'SNAPPY' }));
}

/** The Parquet column of a result column (DECIMAL's scale is the one PostgreSQL pads its values to). */
function schemaElement(column: ResultColumn, values: (string | null)[]): SchemaElement {
  const base = { name: column.name, repetition_type: 'OPTIONAL' };
  switch (column.typeName) {
    case 'int2':
    case 'int4':
      return { ...base, type: 'INT32' };
    case 'int8':
      return { ...base, type: 'INT64' };
    case 'float4':
      return { ...base, type: 'FLOAT' };
    case 'float8':
      return { ...base, type: 'DOUBLE' };
    case 'bool':
      return { ...base, type: 'BOOLEAN' };
    case 'date':
      return { ...base, type: 'INT32', converted_type: 'DATE' };
    case 'timestamp':
    case 'timestamptz':
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MICROS' };
    case 'numeric': {
      const scale = Math.max(0, ...values.map((v) => (v?.includes('.') ? v.length - v.indexOf('.') - 1 : 0)));
      return {
        ...base,
        type: 'FIXED_LEN_BYTE_ARRAY',
        type_length: 16,
        converted_type: 'DECIMAL',
        precision: 38,
        scale,
      };
    }
    default:
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8' };
  }
}

function convert(value: string | null, element: SchemaElement): unknown {
  if (value === null) return null;
  switch (element.converted_type ?? element.type) {
    case 'INT32':
    case 'FLOAT':
    case 'DOUBLE':
      return Number(value);
    case 'INT64':
      return BigInt(value);
    case 'BOOLEAN':
      return value === 't';
    case 'DATE':
      return new Date(`${value}T00:00:00Z`);
    case 'TIMESTAMP_MICROS':
      return timestampMicros(value);
    case 'DECIMAL':
      return unscaled(value, element.scale ?? 0);
    default:
      return value;
  }
}

/** Exact unscaled integer of a decimal text at `scale` (no trip through a double). */
function unscaled(value: string, scale: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
}

/** Microseconds since the epoch of PostgreSQL's timestamp text (UTC when no offset is printed). */
function timestampMicros(value: string): bigint {
  const m = /^(.*?)(\.(\d{1,6}))?([+-]\d\d(:?\d\d)?)?$/.exec(value.replace(' ', 'T')) as RegExpExecArray;
  const offset = m[4] ? (m[4].length === 3 ? `${m[4]}:00` : m[4]) : 'Z';
  const ms = Date.parse(`${m[1]}${offset}`);
  return BigInt(ms) * 1000n + BigInt((m[3] ?? '').padEnd(6, '0'));
}
