/**
 * The engine as the emulator runs it: the database engine (../engine) plus what COPY needs to
 * read S3 (the S3 client, or the in-process store of a local S3 server), and `execute` for
 * in-process Redshift SQL (CLI `local sql`, benchmarks). `execute` goes through the same
 * transaction runner as Data API statements; only its result shape differs (typed rows, and
 * SQL errors thrown instead of a FAILED status).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { DATABASE_NAME, Engine, openDatabase } from '../engine/engine';
import type { StoredResult } from '../engine/text-result';
import { copyReadsAs } from './copy-access';
import { errorText, SqlExecutionError } from './errors';
import { createS3Client, httpObjects, type InProcessObjects, type S3Settings } from './s3-objects';
import { runStatements } from './transaction-runner';

/** Options of {@link DataApiEngine.open}. */
export interface EngineOptions {
  /** Folder of the database; undefined = in memory. */
  dataDir?: string;
  /** Local S3 server that COPY reads from (COPY fails without it). */
  s3?: S3Settings;
}

/**
 * The emulator's engine. PGlite is a single connection, so in-process callers must use
 * {@link run} or {@link execute}, which queue their work behind the Data API statements.
 */
export class DataApiEngine extends Engine {
  private s3?: S3Client;

  private constructor(
    pg: Engine['pg'],
    private readonly s3Settings?: S3Settings,
  ) {
    super(pg);
  }

  /** Open (or create) the database and install the Redshift system tables and shims. */
  static override async open(options: EngineOptions = {}): Promise<DataApiEngine> {
    return new DataApiEngine(await openDatabase(options.dataDir), options.s3);
  }

  /**
   * Run Redshift SQL (dialect-translated, one transaction) on the queue and return the last
   * result set with values typed for display (numbers, booleans; dates and timestamps as text).
   * @throws SqlExecutionError with a Redshift-style message ('ERROR: ...') when the SQL fails.
   */
  execute(sql: string): Promise<ExecuteResult> {
    return this.run(async () => {
      const run = await runStatements({
        engine: this,
        openObjects: this.openObjects,
        database: DATABASE_NAME,
        units: [{ sql }],
        mode: 'TRANSACTION',
      });
      if (run.failedAt >= 0) throw new SqlExecutionError(errorText(run.failure), { cause: run.failure });
      const result = run.outcomes[0]?.result;
      return result ? typedRows(result) : { rows: [], fields: [] };
    });
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

  /** Wait for queued work, then close the database and the S3 client. */
  override async close(): Promise<void> {
    await super.close();
    this.s3?.destroy();
    this.s3 = undefined;
  }
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
