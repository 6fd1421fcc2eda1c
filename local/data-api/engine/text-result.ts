/**
 * Result sets in text form, as the engine captures them: every value exactly as PostgreSQL
 * prints it (which is also how Redshift prints dates, timestamps and numerics), with each
 * column's type named as Redshift names it. The API layer turns these into Field records.
 */

/** One result column: its name and PostgreSQL type. */
export interface ResultColumn {
  name: string;
  oid: number;
  /** Type name as Redshift reports it ('int4', 'varchar', 'timestamp', ...). */
  typeName: string;
}

/** A captured result set: text values exactly as PostgreSQL printed them (null for NULL). */
export interface StoredResult {
  columns: ResultColumn[];
  rows: (string | null)[][];
}

/** A PostgreSQL result with every value as PostgreSQL prints it. */
export interface TextResult extends StoredResult {
  /** Rows affected by INSERT/UPDATE/DELETE/COPY (0 for other statements). */
  affectedRows: number;
}

/** Type names of well-known OIDs (others are looked up in pg_type by the engine). */
export const KNOWN_TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'bool',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  26: 'oid',
  114: 'json',
  700: 'float4',
  701: 'float8',
  1042: 'bpchar',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1266: 'timetz',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};

/** Redshift has no `text` type (TEXT columns are VARCHAR(256)), so report text as varchar. */
export function redshiftTypeName(pgTypeName: string): string {
  return pgTypeName === 'text' ? 'varchar' : pgTypeName;
}

/** Bytes of a result set's text, a stand-in for Redshift's ResultSize. */
export function resultSize(rows: (string | null)[][]): number {
  let size = 0;
  for (const row of rows) for (const v of row) if (v !== null) size += Buffer.byteLength(v);
  return size;
}
