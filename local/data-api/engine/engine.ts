/**
 * The database behind the Data API emulator: one PGlite instance (in memory or in a folder),
 * bootstrapped with Redshift system tables and function shims, and one FIFO queue through which
 * every use of it passes.
 *
 * This layer knows nothing of COPY, S3, statements or transactions: those are built on top of
 * it (../execution), so that it can be opened and queried on its own.
 */
import type { PGlite } from '@electric-sql/pglite';
import bootstrapSql from './bootstrap.sql';
import databaseUsersSql from './database-users.sql';
import { EngineClosedError } from './errors';
import datetimeFunctionsSql from './functions-datetime.sql';
import textFunctionsSql from './functions-text.sql';
import { loadPGlite } from './pglite-loader';
import { SerialQueue } from './serial-queue';
import { KNOWN_TYPE_NAMES, type ResultColumn, redshiftTypeName, type TextResult } from './text-result';

/** The session search path: Redshift system tables and shims resolve after user tables. */
export const SEARCH_PATH = 'public, pg_redshift_sys';

/** Settings every session starts with (a Data API session is reset to these when it ends). */
export const BASE_SETTINGS = `SET search_path TO ${SEARCH_PATH}; SET TIME ZONE 'UTC'; SET datestyle TO 'ISO, MDY';`;

/**
 * The Redshift process id every statement reports: one per stack process (the warehouse thread
 * shares its process, so both sides give the same).
 */
export const ENGINE_PID = 1073741824 + (process.pid % 100000);

/** The one database of the emulator (requests may name any database; they all reach this one). */
export const DATABASE_NAME = 'dev';

/**
 * The emulator's database engine.
 *
 * PGlite is a single connection, so nothing may run on it concurrently: every caller queues its
 * work with {@link run} (Data API statements, catalog operations, in-process SQL), and `pg` is
 * never touched outside a job of that queue.
 */
export class Engine {
  /** Redshift process id reported for every statement of this engine. */
  readonly pid = ENGINE_PID;
  private readonly queue = new SerialQueue();
  private readonly typeNames = new Map<number, string>(
    Object.entries(KNOWN_TYPE_NAMES).map(([k, v]) => [Number(k), v]),
  );
  private readonly textParsers: Record<number, (x: string) => string>;
  private closed = false;

  protected constructor(
    /** The PGlite instance. Only touch it inside {@link run}. */
    readonly pg: PGlite,
  ) {
    this.textParsers = identityParsers(pg);
  }

  /** Open (or create) the database in `dataDir` (undefined = in memory), bootstrapped. */
  static async open(options: { dataDir?: string } = {}): Promise<Engine> {
    return new Engine(await openDatabase(options.dataDir));
  }

  /** Run `fn` with exclusive use of the database, after everything queued before it. */
  run<T>(fn: (pg: PGlite) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineClosedError());
    return this.queue.run(() => fn(this.pg));
  }

  /**
   * Run one SQL statement with `$n` parameters (values bound untyped) and return the result in
   * text form. Must be called from inside {@link run} (or a queued statement).
   */
  async queryText(sql: string, params: unknown[] = [], blob?: Blob): Promise<TextResult> {
    const result = await this.pg.query<unknown[]>(sql, params, {
      rowMode: 'array',
      parsers: this.textParsers,
      ...(blob ? { blob } : {}),
    });
    const columns: ResultColumn[] = [];
    for (const f of result.fields) {
      columns.push({ name: f.name, oid: f.dataTypeID, typeName: await this.typeName(f.dataTypeID) });
    }
    return { columns, rows: result.rows as (string | null)[][], affectedRows: result.affectedRows ?? 0 };
  }

  /** Next RedshiftQueryId (a sequence: increases across rollbacks and restarts). Call inside the queue. */
  async nextQueryId(): Promise<number> {
    const r = await this.pg.query<{ id: string }>(`SELECT nextval('pg_redshift_sys.query_id_seq')::text AS id`);
    return Number(r.rows[0].id);
  }

  /** Jobs queued or running on the database. */
  get pending(): number {
    return this.queue.pending;
  }

  /** Wait for queued work, then close the database (flushing it to dataDir). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.idle();
    this.closed = true;
    await this.pg.close();
  }

  private async typeName(oid: number): Promise<string> {
    let name = this.typeNames.get(oid);
    if (name === undefined) {
      const r = await this.pg.query<{ typname: string }>('SELECT typname FROM pg_type WHERE oid = $1', [oid]);
      name = r.rows[0]?.typname ?? 'unknown';
      this.typeNames.set(oid, name);
    }
    return redshiftTypeName(name);
  }
}

/**
 * Start PGlite on `dataDir` and install the Redshift system tables and shims. Subclasses that
 * add to the engine open the database with this and pass it to the constructor.
 */
export async function openDatabase(dataDir: string | undefined): Promise<PGlite> {
  const { PGlite } = loadPGlite();
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  await pg.exec(bootstrapSql);
  await pg.exec(datetimeFunctionsSql);
  await pg.exec(textFunctionsSql);
  await pg.exec(databaseUsersSql);
  await pg.exec(BASE_SETTINGS);
  return pg;
}

/** Identity parsers for every type PGlite knows, so values keep PostgreSQL's text form. */
function identityParsers(pg: PGlite): Record<number, (x: string) => string> {
  const identity = (x: string) => x;
  const oids = new Set([...Object.keys(loadPGlite().types.parsers), ...Object.keys(pg.parsers)]);
  return Object.fromEntries([...oids].map((oid) => [Number(oid), identity]));
}
