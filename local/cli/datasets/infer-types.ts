/**
 * Redshift column types inferred from sample values, widening where values disagree (as Auto
 * Loader's schema inference and dlt do): SMALLINT < INTEGER < BIGINT < DOUBLE PRECISION,
 * DATE < TIMESTAMP, and anything that mixes kinds becomes VARCHAR. Text lengths are bytes (Redshift
 * VARCHAR lengths are bytes), rounded up so the next file's longer values still fit.
 */

export type Kind = 'boolean' | 'smallint' | 'integer' | 'bigint' | 'double' | 'date' | 'timestamp' | 'varchar';

export interface ColumnType {
  kind: Kind;
  /** Longest value seen, in bytes (VARCHAR length). */
  bytes: number;
  /** Values seen that were not NULL / empty. */
  present: number;
  /** Values seen that were NULL / empty / missing. */
  nulls: number;
  /** For DECIMAL columns read from Parquet: the declared type, kept as it is. */
  declared?: string;
}

const NUMERIC: Kind[] = ['smallint', 'integer', 'bigint', 'double'];
const TEMPORAL: Kind[] = ['date', 'timestamp'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const INTEGER = /^[+-]?\d{1,19}$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function integerKind(n: bigint): Kind {
  if (n >= -32768n && n <= 32767n) return 'smallint';
  if (n >= -2147483648n && n <= 2147483647n) return 'integer';
  if (n >= -9223372036854775808n && n <= 9223372036854775807n) return 'bigint';
  return 'double';
}

/** The kind of one value: text as it appears in CSV, or a JSON / Parquet value. */
export function kindOf(value: unknown): Kind | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return integerKind(value);
  if (typeof value === 'number') return Number.isInteger(value) ? integerKind(BigInt(value)) : 'double';
  if (value instanceof Date) return 'timestamp';
  if (typeof value !== 'string') return 'varchar';
  if (INTEGER.test(value)) return integerKind(BigInt(value));
  if (FLOAT.test(value)) return 'double';
  if (/^(true|false)$/i.test(value)) return 'boolean';
  if (DATE.test(value)) return 'date';
  if (TIMESTAMP.test(value)) return 'timestamp';
  return 'varchar';
}

/** The narrowest kind both values fit. */
export function widen(a: Kind | undefined, b: Kind | undefined): Kind | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if (NUMERIC.includes(a) && NUMERIC.includes(b)) return NUMERIC[Math.max(NUMERIC.indexOf(a), NUMERIC.indexOf(b))];
  if (TEMPORAL.includes(a) && TEMPORAL.includes(b)) return 'timestamp';
  return 'varchar';
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}

/** Folds one value into a column's type. */
export function observe(column: ColumnType | undefined, value: unknown): ColumnType {
  const current = column ?? { kind: 'varchar', bytes: 0, present: 0, nulls: 0 };
  const kind = kindOf(value);
  if (kind === undefined) return { ...current, nulls: current.nulls + 1 };
  const widened = current.present === 0 ? kind : widen(current.kind, kind);
  return {
    ...current,
    kind: widened ?? 'varchar',
    bytes: Math.max(current.bytes, Buffer.byteLength(textOf(value))),
    present: current.present + 1,
  };
}

/** The Redshift type of a column (VARCHAR lengths doubled, then rounded up to a power of two). */
export function redshiftType(column: ColumnType): string {
  if (column.declared) return column.declared;
  switch (column.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE PRECISION';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'varchar': {
      let n = 16;
      while (n < column.bytes * 2 && n < 65535) n *= 2;
      return `VARCHAR(${Math.min(n, 65535)})`;
    }
  }
}

/** A column name Redshift accepts unquoted: lowercase letters, digits and '_', not starting with a digit. */
export function columnName(key: string): string {
  const name = key
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(name) ? name.slice(0, 127) : `c_${name}`.slice(0, 127);
}
