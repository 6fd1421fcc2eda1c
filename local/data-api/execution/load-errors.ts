/**
 * Persisting COPY load errors into stl_load_errors and sys_load_error_detail.
 *
 * Runs after the statement's transaction has ended (committed or rolled back), because Redshift
 * keeps the error rows of a failed COPY queryable.
 */
import type { LoadErrorRow } from '../copy';
import { firstKeyword, isPunct, nextSignificant, tokenize } from '../dialect/sql-tokenizer';
import type { Engine } from '../engine/engine';

/** Load errors of one COPY, waiting to be written once its transaction ends. */
export interface PendingLoadErrors {
  queryId: number;
  /** Target table as written in the COPY (used to resolve stl_load_errors.tbl). */
  table: string;
  /** Statement start, UTC. */
  startTime: Date;
  rows: LoadErrorRow[];
}

/** The table name of a `COPY table [(cols)] FROM ...` statement ('' when it cannot be found). */
export function copyTargetTable(sql: string): string {
  const tokens = tokenize(sql);
  if (firstKeyword(tokens) !== 'COPY') return '';
  let i = nextSignificant(tokens, tokens.findIndex((t) => t.kind === 'word') + 1);
  let name = '';
  while (i < tokens.length && (tokens[i].kind === 'word' || tokens[i].kind === 'quoted' || isPunct(tokens[i], '.'))) {
    name += tokens[i].kind === 'word' ? tokens[i].text.toLowerCase() : tokens[i].text;
    i++;
  }
  return name;
}

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** Write the pending load errors into both system tables, in one transaction. Call inside the queue. */
export async function persistLoadErrors(engine: Engine, pending: PendingLoadErrors[], database: string): Promise<void> {
  const batches = pending.filter((p) => p.rows.length > 0);
  if (batches.length === 0) return;
  await engine.pg.query('BEGIN');
  try {
    for (const batch of batches) {
      const tableId = await resolveTableId(engine, batch.table);
      const start = batch.startTime.toISOString().replace('T', ' ').replace('Z', '');
      const rows = batch.rows.map((r) => ({
        filename: cut(r.fileName, 256),
        // SYS_LOAD_ERROR_DETAIL.file_name is character(1280): a whole s3:// URL of a 1024-byte key fits.
        file_name: cut(r.fileName, 1280),
        line_number: r.lineNumber,
        colname: cut(r.columnName, 127),
        type: cut(r.columnType, 10),
        col_length: cut(r.columnLength, 10),
        position: r.position,
        raw_line: cut(r.rawLine, 1024),
        raw_field_value: cut(r.rawFieldValue, 1024),
        err_code: r.errorCode,
        err_reason: r.errorMessage,
      }));
      const common = [JSON.stringify(rows), tableId, start, batch.queryId, engine.pid];
      await engine.pg.query(
        `INSERT INTO pg_redshift_sys.stl_load_errors
           (userid, slice, tbl, starttime, session, query, filename, line_number, colname, type, col_length,
            position, raw_line, raw_field_value, err_code, err_reason, is_partial, start_offset)
         SELECT 100, 0, $2, $3::timestamp, $5, $4, x.filename, x.line_number, x.colname, x.type, x.col_length,
                x.position, x.raw_line, x.raw_field_value, x.err_code, left(x.err_reason, 100), 0, 0
         FROM json_to_recordset($1::json) AS x(filename text, line_number bigint, colname text, type text,
              col_length text, position int, raw_line text, raw_field_value text, err_code int, err_reason text)`,
        common,
      );
      await engine.pg.query(
        `INSERT INTO pg_redshift_sys.sys_load_error_detail
           (user_id, query_id, transaction_id, session_id, database_name, table_id, start_time, file_name,
            line_number, column_name, column_type, column_length, position, error_code, error_message)
         SELECT 100, $4, $4, $5, $6, $2, $3::timestamp, x.file_name, x.line_number, x.colname, x.type,
                x.col_length, x.position, x.err_code, left(x.err_reason, 512)
         FROM json_to_recordset($1::json) AS x(file_name text, line_number bigint, colname text, type text,
              col_length text, position int, raw_line text, raw_field_value text, err_code int, err_reason text)`,
        [...common, database],
      );
    }
    await engine.pg.query('COMMIT');
  } catch (error) {
    await engine.pg.query('ROLLBACK');
    throw error;
  }
}

async function resolveTableId(engine: Engine, table: string): Promise<number> {
  if (!table) return 0;
  const r = await engine.pg.query<{ id: number | null }>('SELECT to_regclass($1)::oid::int AS id', [table]);
  return r.rows[0]?.id ?? 0;
}
