/**
 * The one transaction driver of the emulator. Every SQL text that reaches the database goes
 * through {@link runStatements}: a Data API ExecuteStatement (one unit), a BatchExecuteStatement
 * (several units, TRANSACTION or AUTO_COMMIT), and in-process `engine.execute` (CLI `local sql`,
 * benchmarks). So they all get the same BEGIN/COMMIT/ROLLBACK handling, the same COPY
 * load-error persistence (after the transaction, so a failed COPY's errors stay queryable) and
 * the same end-of-session cleanup of temporary tables.
 */
import type { SqlParameter } from '../dialect/parameters';
import {
  assertMayRun,
  BOOTSTRAP_USER,
  type DatabaseUser,
  DatabaseUsers,
  LEAVE_USER_SQL,
  redshiftPermissionMessage,
} from '../engine/database-users';
import { BASE_SETTINGS, type Engine } from '../engine/engine';
import { messageOf } from '../engine/errors';
import { resetSessionSql, restoreSession, type SessionSnapshot, saveSession } from '../engine/session-state';
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
  cancel?: CancelCheck;
  hooks?: UnitHooks;
  /** Database user the units run as; undefined = the bootstrap superuser (in-process SQL). */
  user?: DatabaseUser;
  /**
   * A kept Data API session: `state` (if any) is restored before the units run, and replaced by
   * the state they leave. Undefined: a session of its own, discarded at the end.
   */
  session?: { key: string; state?: SessionSnapshot };
}

/** How a run learns that CancelStatement asked it to stop. */
export interface CancelCheck {
  signal: AbortSignal;
  requested(): boolean;
  /**
   * Called right before each COMMIT: false when the run was cancelled meanwhile (it then rolls
   * back instead). The warehouse worker uses it to tell its host that a COMMIT is under way, so
   * a cancel arriving during the COMMIT never kills the thread half-way (warehouse/flags.ts).
   */
  beginCommit?(): boolean;
  /** The COMMIT of beginCommit returned (committed or failed). */
  endCommit?(): void;
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

/** Roles known per database connection (see DatabaseUsers). */
const usersOf = new WeakMap<Engine['pg'], DatabaseUsers>();

/**
 * Run the units to completion or first failure, in their session, as their database user.
 * Call inside `engine.run`. Throws only when BEGIN (or the session set-up) fails.
 */
export async function runStatements(request: RunRequest): Promise<RunResult> {
  const { engine, session, user } = request;
  const pg = engine.pg;
  const users = usersOf.get(pg) ?? new DatabaseUsers();
  usersOf.set(pg, users);
  try {
    if (session?.state) await restoreSession(pg, session.state, user?.name ?? BOOTSTRAP_USER);
    if (user) await users.enter(pg, user);
    return await runInSession(request);
  } finally {
    // Whatever happened, the connection goes back to the bootstrap user and a fresh session.
    await pg.exec(LEAVE_USER_SQL);
    if (session) session.state = await saveSession(pg, session.key);
    await pg.exec(resetSessionSql(BASE_SETTINGS, LEAVE_USER_SQL));
  }
}

async function runInSession(request: RunRequest): Promise<RunResult> {
  const { engine, units, hooks = {} } = request;
  const loadErrors: PendingLoadErrors[] = [];
  const outcomes: SqlOutcome[] = [];
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
      assertMayRun(request.user, units[k].sql);
      const outcome = await executeSql(ctx, units[k].sql, units[k].parameters);
      outcomes[k] = outcome;
      hooks.ran?.(k, outcome);
      return { failedAt: -1 };
    } catch (error) {
      return { failedAt: k, failure: inRedshiftWords(error, request.database) };
    }
  };

  let result: Failure = { failedAt: -1 };
  if (request.mode === 'TRANSACTION') {
    result = await inTransaction(engine, cancel, async () => {
      for (let k = 0; k < units.length; k++) {
        const r = await runUnit(k);
        if (r.failedAt >= 0) return r;
        hooks.finished?.(k);
      }
      return { failedAt: -1 };
    });
  } else {
    for (let k = 0; k < units.length && result.failedAt < 0; k++) {
      result = await inTransaction(engine, cancel, () => runUnit(k));
      // A failed COMMIT is reported against the unit whose transaction it was.
      if (result.failedAt >= 0) result = { ...result, failedAt: k };
      else hooks.finished?.(k);
    }
  }

  await afterTransactions(engine, request.database, loadErrors);
  return { ...result, outcomes };
}

/** A privilege error with Redshift's text (see redshiftPermissionMessage); others unchanged. */
function inRedshiftWords(error: unknown, database: string): unknown {
  const redshift = redshiftPermissionMessage(messageOf(error), database);
  return redshift === undefined ? error : new PermissionDeniedError(redshift, error);
}

/** A statement ran into a missing privilege (the message is Redshift's). */
export class PermissionDeniedError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'PermissionDeniedError';
  }
}

/**
 * Run `body` between BEGIN and COMMIT; roll back when it reports a failure (or COMMIT fails, which
 * is reported as a failure of the first unit of the transaction).
 */
async function inTransaction(
  engine: Engine,
  cancel: CancelCheck | undefined,
  body: () => Promise<Failure>,
): Promise<Failure> {
  await engine.pg.query('BEGIN');
  const outcome = await body();
  if (outcome.failedAt >= 0) {
    // The statement's own failure is what the caller reports, not a failure to roll it back.
    await engine.pg.query('ROLLBACK').catch(() => undefined);
    return outcome;
  }
  if (cancel?.beginCommit && !cancel.beginCommit()) {
    // Cancelled after its last statement but before COMMIT: nothing of it becomes visible.
    await engine.pg.query('ROLLBACK').catch(() => undefined);
    return { failedAt: 0, failure: new StatementCancelledError() };
  }
  try {
    await engine.pg.query('COMMIT');
    return outcome;
  } catch (error) {
    await engine.pg.query('ROLLBACK').catch(() => undefined);
    return { failedAt: 0, failure: error };
  } finally {
    cancel?.endCommit?.();
  }
}

/** Work that must happen outside the statements' transactions (as the bootstrap superuser). */
async function afterTransactions(engine: Engine, database: string, loadErrors: PendingLoadErrors[]): Promise<void> {
  try {
    if (loadErrors.length > 0) await engine.pg.exec(LEAVE_USER_SQL);
    await persistLoadErrors(engine, loadErrors, database);
  } catch (error) {
    process.emitWarning(`data-api: could not record load errors: ${errorText(error)}`);
  }
  // Temporary tables end with the session (runStatements resets it), not here.
}
