/**
 * The engine as the emulator runs it, seen from the main thread. The database (PGlite) and the
 * execution layer run in a worker thread (worker-main.ts), so the S3 server, the queue and Step
 * Functions keep serving while SQL runs; this class is their front:
 *
 * - `run(fn)`: exclusive use of the database, in FIFO order (the SerialQueue is here, so jobs
 *   reach the thread one at a time); `fn` gets a connection whose calls cross to the thread;
 * - `runStatements`: a Data API statement (or in-process SQL) as one message to the thread, with
 *   COPY's S3 reads answered here (object store, IAM as the COPY's role) and CancelStatement;
 * - `execute`: in-process Redshift SQL (CLI `local sql`, benchmarks) through the same runner;
 *   only the result shape differs (typed rows, SQL errors thrown instead of a FAILED status).
 *
 * CancelStatement on a running statement: the CANCEL flag stops it at its next checkpoint if it
 * is between calls, and the thread is terminated (warehouse-thread.ts says why) unless a COMMIT
 * is under way; either way its transaction is rolled back and it ends ABORTED.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SqlConnection } from '../engine/connection';
import { DATABASE_NAME, ENGINE_PID } from '../engine/engine';
import { EngineClosedError } from '../engine/errors';
import { SerialQueue } from '../engine/serial-queue';
import type { StoredResult } from '../engine/text-result';
import { copyReadsAs } from '../execution/copy-access';
import { errorText, SqlExecutionError, StatementCancelledError } from '../execution/errors';
import { createS3Client, httpObjects, type InProcessObjects, type S3Settings } from '../execution/s3-objects';
import type { SqlOutcome } from '../execution/statement-dispatch';
import type { CancelCheck, RunResult, UnitHooks } from '../execution/transaction-runner';
import {
  CANCEL,
  COMMITTING,
  RemoteError,
  RUN_FLAGS_BYTES,
  STATE,
  UNIT,
  type WireError,
  type WireRunRequest,
  type WireRunResult,
} from './protocol';
import { remoteConnection } from './remote-connection';
import { type JobHandlers, WarehouseStoppedError, WarehouseThread } from './warehouse-thread';

/** Options of {@link DataApiEngine.open}. */
export interface EngineOptions {
  /** Folder of the database; undefined = in memory (a temporary folder: see warehouse-thread.ts). */
  dataDir?: string;
  /** Local S3 server that COPY reads from (COPY fails without it). */
  s3?: S3Settings;
}

/** A statement run (execution/transaction-runner.ts RunRequest; the engine and S3 reads are this engine's). */
export interface EngineRunRequest extends WireRunRequest {
  cancel?: CancelCheck;
  hooks?: UnitHooks;
}

/**
 * The emulator's engine. The database is one connection, so in-process callers must use
 * {@link run} or {@link execute}, which queue their work behind the Data API statements.
 */
export class DataApiEngine {
  /** Redshift process id reported for every statement of this engine. */
  readonly pid = ENGINE_PID;
  /** The database as {@link run} callbacks see it. Only touch it inside {@link run}. */
  readonly pg: SqlConnection;
  private readonly queue = new SerialQueue();
  private closed = false;
  private s3?: S3Client;

  private constructor(
    /** The warehouse thread (tests: `thread.kill()` crashes it). */
    readonly thread: WarehouseThread,
    private readonly s3Settings?: S3Settings,
  ) {
    this.pg = remoteConnection(thread);
  }

  /** Open (or create) the database in its thread and install the Redshift system tables and shims. */
  static async open(options: EngineOptions = {}): Promise<DataApiEngine> {
    const s3 = options.s3 && { endpoint: options.s3.endpoint, region: options.s3.region };
    return new DataApiEngine(await WarehouseThread.start({ dataDir: options.dataDir, s3 }), options.s3);
  }

  /** Run `fn` with exclusive use of the database, after everything queued before it. */
  run<T>(fn: (pg: SqlConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineClosedError());
    return this.queue.run(() => fn(this.pg));
  }

  /**
   * Run Redshift SQL (dialect-translated, one transaction) on the queue and return the last
   * result set with values typed for display (numbers, booleans; dates and timestamps as text).
   * @throws SqlExecutionError with a Redshift-style message ('ERROR: ...') when the SQL fails.
   */
  execute(sql: string): Promise<ExecuteResult> {
    return this.run(async () => {
      const run = await this.runStatements({ database: DATABASE_NAME, units: [{ sql }], mode: 'TRANSACTION' });
      if (run.failedAt >= 0) throw new SqlExecutionError(errorText(run.failure), { cause: run.failure });
      const result = run.outcomes[0]?.result;
      return result ? typedRows(result) : { rows: [], fields: [] };
    });
  }

  /**
   * Run statement units in the warehouse thread (execution/transaction-runner.ts semantics).
   * Call inside {@link run}. A stop of the thread (cancel, crash) is a failure of the unit that
   * was running: StatementCancelledError, or a WarehouseStoppedError saying it crashed.
   */
  async runStatements(request: EngineRunRequest): Promise<RunResult> {
    const { cancel, hooks = {} } = request;
    const flags = new Int32Array(new SharedArrayBuffer(RUN_FLAGS_BYTES));
    const outcomes: SqlOutcome[] = [];
    const finished = new Set<number>();
    const checkCancelled = () => {
      if (cancel?.requested()) throw new StatementCancelledError();
    };
    const readers = new Map<string, InProcessObjects>();
    const readerAs = (role: string | undefined) => {
      let reader = readers.get(role ?? '');
      if (!reader) {
        reader = this.openObjects(checkCancelled, cancel?.signal, role);
        readers.set(role ?? '', reader);
      }
      return reader;
    };
    const handlers: JobHandlers = {
      onHook(m) {
        if (m.hook === 'started') hooks.started?.(m.k, m.queryId);
        else if (m.hook === 'ran') {
          outcomes[m.k] = m.outcome;
          hooks.ran?.(m.k, m.outcome);
        } else {
          finished.add(m.k);
          hooks.finished?.(m.k);
        }
      },
      onObjects(m) {
        const reader = readerAs(m.iamRole);
        return m.op === 'get' ? reader.get(m.bucket, m.path) : reader.list(m.bucket, m.path);
      },
    };
    const onCancel = () => {
      // The flag stops the run at its next checkpoint; SQL running now only stops with the thread.
      if ((Atomics.or(flags, STATE, CANCEL) & COMMITTING) === 0) this.thread.interrupt(handlers);
    };
    const { database, units, mode, user, session } = request;
    const done = this.thread.call(
      {
        type: 'statements',
        request: { database, units, mode, user, session },
        flags: flags.buffer as SharedArrayBuffer,
      },
      handlers,
    );
    cancel?.signal.addEventListener('abort', onCancel, { once: true });
    if (cancel?.signal.aborted) onCancel();
    try {
      const result = (await done) as WireRunResult;
      if (session) session.state = result.sessionState;
      return {
        failedAt: result.failedAt,
        failure: result.failure && fromWire(result.failure),
        outcomes: result.outcomes,
      };
    } catch (error) {
      if (!(error instanceof WarehouseStoppedError)) throw error;
      // The thread died with the open transaction; the units before the one running had finished.
      const at = Atomics.load(flags, UNIT);
      for (let k = 0; k < at; k++) if (!finished.has(k)) hooks.finished?.(k);
      // A kept session's temporary tables lived in the thread (their parked copies were restored
      // into it and dropped); its settings are kept.
      if (session?.state) session.state = { settings: session.state.settings, tempTables: [] };
      return {
        failedAt: at,
        failure: error.reason === 'interrupted' ? new StatementCancelledError() : error,
        outcomes,
      };
    } finally {
      cancel?.signal.removeEventListener('abort', onCancel);
    }
  }

  /** COPY's object reads for one statement: the in-process store when there is one, else HTTP. */
  readonly openObjects = (checkCancelled: () => void, signal?: AbortSignal, iamRole?: string): InProcessObjects => {
    const s3 = this.s3Client();
    const objects = this.s3Settings?.inProcess ?? httpObjects(s3, checkCancelled, signal);
    // As the COPY's IAM_ROLE, when IAM is enforced (copy-access.ts).
    return copyReadsAs(objects, this.s3Settings?.authorizer, iamRole);
  };

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

  /** Wait for queued work, then close the database (flushing it to its folder) and the S3 client. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.idle();
    this.closed = true;
    await this.thread.close();
    this.s3?.destroy();
    this.s3 = undefined;
  }
}

/** An error of the thread, as the class the API layer tests for when there is one. */
function fromWire(wire: WireError): Error {
  return wire.name === 'StatementCancelledError' ? new StatementCancelledError() : new RemoteError(wire);
}

/** Result of `engine.execute`. */
export interface ExecuteResult {
  rows: Record<string, unknown>[];
  fields: { name: string; typeName: string }[];
}

/** Text values -> display values: numbers and booleans typed, everything else kept as text. */
function typedRows(result: StoredResult): ExecuteResult {
  const fields = result.columns.map((c) => ({ name: c.name, typeName: c.typeName }));
  const rows = result.rows.map((row) => {
    const out: Record<string, unknown> = {};
    result.columns.forEach((c, k) => {
      out[c.name] = typedValue(row[k], c.typeName);
    });
    return out;
  });
  return { rows, fields };
}

function typedValue(value: string | null, typeName: string): unknown {
  if (value === null) return null;
  switch (typeName) {
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
      return Number(value);
    case 'int8': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case 'bool':
      return value === 't';
    default:
      return value;
  }
}
