/**
 * The engine side of the COPY contract (copy/types.ts): SQL in the statement's transaction,
 * bulk CSV loading through PGlite's `/dev/blob`, and S3 reads through the statement's object
 * reader (s3-objects.ts).
 */
import type { CopyContext } from '../copy';
import type { Engine } from '../engine/engine';
import type { InProcessObjects } from './s3-objects';

/** Quote an identifier; unquoted names are folded to lower case first, as Redshift does. */
export function quoteIdent(name: string): string {
  if (/^".*"$/.test(name)) return name;
  return `"${name.toLowerCase().replace(/"/g, '""')}"`;
}

/** Quote a possibly schema-qualified table name (`schema.table`). */
export function quoteTableName(name: string): string {
  if (name.includes('"')) return name;
  return name.split('.').map(quoteIdent).join('.');
}

/**
 * Build the CopyContext of one running statement. `checkCancelled` throws when CancelStatement
 * asked the statement to stop, so a long COPY stops at its next database or S3 call.
 */
export function createCopyContext(
  engine: Engine,
  objects: InProcessObjects,
  queryId: number,
  checkCancelled: () => void,
): CopyContext {
  return {
    queryId,
    async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
      checkCancelled();
      const result = await engine.pg.query<T>(sql, params);
      return { rows: result.rows };
    },
    async copyCsv(table: string, columns: string[], csv: string): Promise<number> {
      checkCancelled();
      const sql = `COPY ${quoteTableName(table)} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      const result = await engine.pg.query(sql, [], { blob: new Blob([csv]) });
      return result.affectedRows ?? 0;
    },
    async getObject(bucket: string, key: string): Promise<Buffer | null> {
      checkCancelled();
      return objects.get(bucket, key);
    },
    async listObjects(bucket: string, prefix: string): Promise<Array<{ key: string; size: number }>> {
      checkCancelled();
      return objects.list(bucket, prefix);
    },
  };
}
