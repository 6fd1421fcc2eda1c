import { type CopyContext, CopyFailedError } from './types';

/** One column of the COPY target as read from pg_catalog. */
export interface TableColumn {
  name: string;
  /** PostgreSQL type name as Redshift prints it in stl_load_errors ('int4', 'varchar', ...). */
  type: string;
  /** varchar/char length in bytes; undefined when unbounded. */
  length?: number;
  /** numeric precision/scale (Redshift's bare DECIMAL is (18,0)). */
  precision: number;
  scale: number;
  notNull: boolean;
  hasDefault: boolean;
  /** 'a' = GENERATED ALWAYS (Redshift IDENTITY), 'd' = BY DEFAULT, '' = none. */
  identity: '' | 'a' | 'd';
}

const COLUMNS_SQL = `SELECT a.attname AS name, t.typname AS type, a.atttypmod AS typmod, a.attnotnull AS notnull,
       a.atthasdef AS hasdefault, a.attidentity::text AS identity
  FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
 WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

interface ColumnRow {
  name: string;
  type: string;
  typmod: number;
  notnull: boolean;
  hasdefault: boolean;
  identity: string;
}

/** Double-quoted, schema-qualified name for to_regclass and COPY. */
export function qualifiedName(schema: string | undefined, table: string): string {
  const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;
  return schema ? `${q(schema)}.${q(table)}` : q(table);
}

/**
 * Read the target table's columns (in the COPY's transaction, so a table created earlier in the
 * same transaction is visible). @throws CopyFailedError when the table does not exist
 */
export async function loadTableColumns(
  ctx: CopyContext,
  schema: string | undefined,
  table: string,
): Promise<TableColumn[]> {
  const { rows } = await ctx.query<ColumnRow>(COLUMNS_SQL, [qualifiedName(schema, table)]);
  if (rows.length === 0) {
    throw new CopyFailedError(`relation "${schema ? `${schema}.` : ''}${table}" does not exist`);
  }
  return rows.map((r) => {
    const typmod = Number(r.typmod);
    const col: TableColumn = {
      name: r.name,
      type: r.type,
      precision: 18,
      scale: 0,
      notNull: Boolean(r.notnull),
      hasDefault: Boolean(r.hasdefault),
      identity: r.identity === 'a' || r.identity === 'd' ? r.identity : '',
    };
    if ((r.type === 'varchar' || r.type === 'bpchar') && typmod >= 4) col.length = typmod - 4;
    if (r.type === 'numeric' && typmod >= 4) {
      col.precision = ((typmod - 4) >> 16) & 0xffff;
      col.scale = (typmod - 4) & 0xffff;
    }
    return col;
  });
}

/** stl_load_errors.col_length text: the declared length of char types, '0' otherwise. */
export function columnLengthText(c: TableColumn): string {
  return c.length !== undefined ? String(c.length) : '0';
}
