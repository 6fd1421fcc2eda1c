/**
 * The one transaction driver of the emulator. Every SQL text that reaches the database goes
 * through {@link runStatements}: a Data API ExecuteStatement (one unit), a BatchExecuteStatement
 * (several units, TRANSACTION or AUTO_COMMIT), and in-process `engine.execute` (CLI `local sql`,
 * benchmarks). So they all get the same BEGIN/COMMIT/ROLLBACK handling, the same COPY
 * load-error persistence (after the transaction, so a failed COPY's errors stay queryable) and
 * the same end-of-session cleanup of temporary tables.
 */
import type { SqlParameter } from '../dialect/parameters';
import type { Engine } from '../engine/engine';
import { errorText, StatementCancelledError } from './errors';
import { type PendingLoadErrors, persistLoadErrors } from './load-errors';
import type { OpenObjects } from './s3-objects';
import { type ExecutionContext, executeSql, type SqlOutcome } from './statement-dispatch';

/** One SQL text to run: an ExecuteStatement's Sql, one of a batch's Sqls, or in-process SQL. */
export interface StatementUnit {
  sql: string;
  parameters?: SqlParameter[];
}

/** Progress callbacks, so the API layer can move statement statuses as units run. */
export interface UnitHooks {
  /** Unit `k` is about to run under `queryId` (its RedshiftQueryId). */
  started?(k: number, queryId: number): void;
  /** Unit `k` ran without error and produced `outcome`. */
  ran?(k: number, outcome: SqlOutcome): void;
  /**
   * Unit `k` cannot fail on its own any more: right after it ran in TRANSACTION mode (a later
   * failure is still reported through `failedAt`), after its COMMIT in AUTO_COMMIT mode.
   */
  finished?(k: number): void;
}

export interface RunRequest {
  engine: Engine;
  /** COPY's S3 reads. */
  openObjects: OpenObjects;
  /** Database name recorded with load errors (sys_load_error_detail.database_name). */
  database: string;
  units: StatementUnit[];
  /** TRANSACTION: every unit in one transaction. AUTO_COMMIT: one each, stopping at the first failure. */
  mode: 'TRANSACTION' | 'AUTO_COMMIT';
  /** CancelStatement: checked before each SQL statement and COPY call; the signal aborts S3 calls. */
  cancel?: { signal: AbortSignal; requested(): boolean };
  hooks?: UnitHooks;
}

export interface RunResult {
  /** Index of the unit that failed (or whose transaction failed to commit); -1 on success. */
  failedAt: number;
  failure?: unknown;
  /** Outcome of each unit that ran (kept even when a later failure rolled it back). */
  outcomes: SqlOutcome[];
}

interface Failure {
  failedAt: number;
  failure?: unknown;
}

/** Run the units to completion or first failure. Call inside `engine.run`. Throws only when BEGIN fails. */
export async function runStatements(request: RunRequest): Promise<RunResult> {
  const { engine, units, hooks = {} } = request;
  const loadErrors: PendingLoadErrors[] = [];
  const outcomes: SqlOutcome[] = [];
  let createsTemp = false;
  const cancel = request.cancel;
  const checkCancelled = () => {
    if (cancel?.requested()) throw new StatementCancelledError();
  };

  /** Run unit k in the current transaction; a failure is returned, not thrown. */
  const runUnit = async (k: number): Promise<Failure> => {
    try {
      const queryId = await engine.nextQueryId();
      hooks.started?.(k, queryId);
      const ctx: ExecutionContext = {
        engine,
        openObjects: request.openObjects,
        queryId,
        startTime: new Date(),
        loadErrors,
        signal: cancel?.signal,
        checkCancelled,
      };
      const outcome = await executeSql(ctx, units[k].sql, units[k].parameters);
      createsTemp ||= outcome.createsTemp;
      outcomes[k] = outcome;
      hooks.ran?.(k, outcome);
      return { failedAt: -1 };
    } catch (error) {
      return { failedAt: k, failure: error };
    }
  };

  let result: Failure = { failedAt: -1 };
  if (request.mode === 'TRANSACTION') {
    result = await inTransaction(engine, async () => {
      for (let k = 0; k < units.length; k++) {
        const r = await runUnit(k);
        if (r.failedAt >= 0) return r;
        hooks.finished?.(k);
      }
      return { failedAt: -1 };
    });
  } else {
    for (let k = 0; k < units.length && result.failedAt < 0; k++) {
      result = await inTransaction(engine, () => runUnit(k));
      // A failed COMMIT is reported against the unit whose transaction it was.
      if (result.failedAt >= 0) result = { ...result, failedAt: k };
      else hooks.finished?.(k);
    }
  }

  await afterTransactions(engine, request.database, loadErrors, createsTemp);
  return { ...result, outcomes };
}

/**
 * Run `body` between BEGIN and COMMIT; roll back when it reports a failure (or COMMIT fails, which
 * is reported as a failure of the first unit of the transaction).
 */
async function inTransaction(engine: Engine, body: () => Promise<Failure>): Promise<Failure> {
  await engine.pg.query('BEGIN');
  const outcome = await body();
  if (outcome.failedAt >= 0) {
    // The statement's own failure is what the caller reports, not a failure to roll it back.
    await engine.pg.query('ROLLBACK').catch(() => undefined);
    return outcome;
  }
  try {
    await engine.pg.query('COMMIT');
    return outcome;
  } catch (error) {
    await engine.pg.query('ROLLBACK').catch(() => undefined);
    return { failedAt: 0, failure: error };
  }
}

/** Work that must happen outside the statements' transactions. */
async function afterTransactions(
  engine: Engine,
  database: string,
  loadErrors: PendingLoadErrors[],
  createsTemp: boolean,
): Promise<void> {
  try {
    await persistLoadErrors(engine, loadErrors, database);
  } catch (error) {
    process.emitWarning(`data-api: could not record load errors: ${errorText(error)}`);
  }
  // Each Data API statement is its own session in Redshift: its temp tables end with it.
  if (createsTemp) await engine.pg.query('DISCARD TEMP').catch(() => undefined);
}
