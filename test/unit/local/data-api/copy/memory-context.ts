import type { PGlite } from '@electric-sql/pglite';
import { loadPGlite } from '../../../../../local/data-api';
import { type CopyContext, CopyFailedError, type LoadErrorRow, runCopy } from '../../../../../local/data-api/copy';

/** Objects of an in-memory bucket store: 'bucket/key' -> bytes. */
export type ObjectMap = Map<string, Buffer>;

/**
 * A CopyContext over an in-memory PGlite and an in-memory object map: lets the COPY module be
 * unit-tested without the Data API engine or the S3 server. Counts copyCsv calls.
 */
export interface MemoryContext extends CopyContext {
  pg: PGlite;
  objects: ObjectMap;
  put(url: string, body: string | Buffer): void;
  copyCalls: number;
  /** Run `fn` in a transaction that rolls back when it throws, as the transaction runner does. */
  inTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

export function createMemoryContext(pg: PGlite = new (loadPGlite().PGlite)()): MemoryContext {
  const objects: ObjectMap = new Map();
  const ctx: MemoryContext = {
    pg,
    objects,
    copyCalls: 0,
    queryId: 42,
    put(url, body) {
      objects.set(url.replace(/^s3:\/\//, ''), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pg.query<T>(sql, params);
      return { rows: r.rows };
    },
    async copyCsv(table, columns, csv) {
      ctx.copyCalls++;
      const quoted = table
        .split('.')
        .map((p) => `"${p}"`)
        .join('.');
      const cols = columns.map((c) => `"${c}"`).join(', ');
      const r = await pg.query(`COPY ${quoted} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
      return r.affectedRows ?? 0;
    },
    async getObject(bucket, key) {
      return objects.get(`${bucket}/${key}`) ?? null;
    },
    async listObjects(bucket, prefix) {
      return [...objects.entries()]
        .filter(([k]) => k.startsWith(`${bucket}/${prefix}`))
        .map(([k, v]) => ({ key: k.slice(bucket.length + 1), size: v.length }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    async inTransaction(fn) {
      await pg.query('BEGIN');
      try {
        const out = await fn();
        await pg.query('COMMIT');
        return out;
      } catch (e) {
        await pg.query('ROLLBACK');
        throw e;
      }
    },
  };
  return ctx;
}

/** What a COPY run by {@link copyInTransaction} produced: its result, or the CopyFailedError. */
export interface CopyOutcome {
  rowsLoaded?: number;
  errors: LoadErrorRow[];
  failure?: CopyFailedError;
}

/** Run the COPY in a transaction as the Data API does; return the result or the CopyFailedError. */
export async function copyInTransaction(ctx: MemoryContext, sql: string): Promise<CopyOutcome> {
  try {
    const r = await ctx.inTransaction(() => runCopy(sql, ctx));
    return { rowsLoaded: r.rowsLoaded, errors: r.loadErrors };
  } catch (e) {
    if (!(e instanceof CopyFailedError)) throw e;
    return { failure: e, errors: e.loadErrors };
  }
}

/**
 * A COPY test file's database: one in-memory PGlite for the file, emptied (objects and the
 * public schema) before each test. `ctx` is valid inside tests and hooks.
 */
export function useCopyTestDb(): {
  readonly ctx: MemoryContext;
  copy(sql: string): Promise<CopyOutcome>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
} {
  let ctx: MemoryContext | undefined;
  const current = (): MemoryContext => {
    if (!ctx) throw new Error('useCopyTestDb: the database exists only inside tests and hooks');
    return ctx;
  };
  beforeAll(() => {
    ctx = createMemoryContext();
  });
  afterAll(async () => {
    await ctx?.pg.close();
  });
  beforeEach(async () => {
    current().objects.clear();
    await current().pg.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  });
  return {
    get ctx() {
      return current();
    },
    copy: (sql) => copyInTransaction(current(), sql),
    rows: async (sql) => (await current().pg.query<Record<string, unknown>>(sql)).rows,
  };
}
