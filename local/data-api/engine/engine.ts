/**
 * The database behind the Data API emulator: one PGlite instance (in memory or in a folder),
 * bootstrapped with Redshift system tables and function shims, and one FIFO queue through which
 * every use of it passes.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { PGlite } from '@electric-sql/pglite';
import bootstrapSql from './bootstrap.sql';
import { createS3Client, type S3Settings } from './copy-context';
import { type ExecuteResult, executeOnEngine } from './engine-execute';
import { loadPGlite } from './pglite-loader';
import { KNOWN_TYPE_NAMES, type ResultColumn, redshiftTypeName, type StoredResult } from './results';
import { SerialQueue } from './serial-queue';

/** A PostgreSQL result with every value as PostgreSQL prints it. */
export interface TextResult extends StoredResult {
  /** Rows affected by INSERT/UPDATE/DELETE/COPY (0 for other statements). */
  affectedRows: number;
}

/** Options of {@link DataApiEngine.open}. */
export interface EngineOptions {
  /** Folder of the database; undefined = in memory. */
  dataDir?: string;
  /** Local S3 server that COPY reads from (COPY fails without it). */
  s3?: S3Settings;
}

/** The session search path: Redshift system tables and shims resolve after user tables. */
export const SEARCH_PATH = 'public, pg_redshift_sys';

/**
 * The emulator's database engine.
 *
 * PGlite is a single connection, so nothing may run on it concurrently: in-process callers
 * (CLI `local sql`, benchmarks) must use {@link run} or {@link execute}, which queue their work
 * behind the Data API statements, and never call `pg` directly outside `run`.
 */
export class DataApiEngine {
  /** Redshift process id reported for every statement of this engine. */
  readonly pid = 1073741824 + (process.pid % 100000);
  private readonly queue = new SerialQueue();
  private readonly typeNames = new Map<number, string>(
    Object.entries(KNOWN_TYPE_NAMES).map(([k, v]) => [Number(k), v]),
  );
  private textParsers: Record<number, (x: string) => string> = {};
  private closed = false;
  private s3?: S3Client;

  private constructor(
    /** The PGlite instance. Only touch it inside {@link run}. */
    readonly pg: PGlite,
    private readonly s3Settings?: S3Settings,
  ) {}

  /** Open (or create) the database and install the Redshift system tables and shims. */
  static async open(options: EngineOptions = {}): Promise<DataApiEngine> {
    const { PGlite } = loadPGlite();
    const pg = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    await pg.waitReady;
    const engine = new DataApiEngine(pg, options.s3);
    await pg.exec(bootstrapSql);
    await pg.exec(`SET search_path TO ${SEARCH_PATH}; SET TIME ZONE 'UTC'; SET datestyle TO 'ISO, MDY';`);
    engine.refreshParsers();
    return engine;
  }

  /** Run `fn` with exclusive use of the database, after everything queued before it. */
  run<T>(fn: (pg: PGlite) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('Data API engine is closed'));
    return this.queue.run(() => fn(this.pg));
  }

  /**
   * Run Redshift SQL (dialect-translated, one transaction) on the queue and return the last
   * result set with values typed for display (numbers, booleans; dates and timestamps as text).
   * @throws SqlExecutionError with a Redshift-style message ('ERROR: ...') when the SQL fails.
   */
  execute(sql: string): Promise<ExecuteResult> {
    return executeOnEngine(this, sql);
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

  /** The in-process S3 store COPY reads when the S3 server runs in this process. */
  get inProcessObjects() {
    return this.s3Settings?.inProcess;
  }

  /** The S3 client COPY uses (created on first use). */
  s3Client(): S3Client {
    if (!this.s3Settings) throw new Error('COPY needs an S3 endpoint: start the engine with the s3 option');
    this.s3 ??= createS3Client(this.s3Settings);
    return this.s3;
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
    this.s3?.destroy();
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

  /** Identity parsers for every type PGlite knows, so values keep PostgreSQL's text form. */
  private refreshParsers(): void {
    const identity = (x: string) => x;
    const oids = new Set([...Object.keys(loadPGlite().types.parsers), ...Object.keys(this.pg.parsers)]);
    this.textParsers = Object.fromEntries([...oids].map((oid) => [Number(oid), identity]));
  }
}
