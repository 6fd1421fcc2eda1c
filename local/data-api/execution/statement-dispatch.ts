/**
 * Statement dispatch: runs the SQL text of one statement inside the transaction the runner
 * opened (transaction-runner.ts): dialect translation, `:name` parameters, COPY vs SQL,
 * result capture.
 */
import { CopyFailedError, runCopy } from '../copy';
import { translateRedshiftSql } from '../dialect/dialect';
import { bindParameters, type SqlParameter } from '../dialect/parameters';
import type { Engine } from '../engine/engine';
import { resultSize, type StoredResult, type TextResult } from '../engine/text-result';
import { createCopyContext } from './copy-context';
import { copyIamRole } from './copy-iam-role';
import { copyTargetTable, type PendingLoadErrors } from './load-errors';
import type { OpenObjects } from './s3-objects';
import { runUnload } from './unload';

/** What one statement needs while it runs. */
export interface ExecutionContext {
  engine: Engine;
  /** COPY's S3 reads for this statement. */
  openObjects: OpenObjects;
  queryId: number;
  startTime: Date;
  /** Aborted when CancelStatement asks the statement to stop (interrupts S3 calls). */
  signal?: AbortSignal;
  /** Throws StatementCancelledError when CancelStatement asked the statement to stop. */
  checkCancelled(): void;
  /** Load errors of COPYs, persisted by the runner once the transaction has ended. */
  loadErrors: PendingLoadErrors[];
}

/** What a statement produced (DescribeStatement / GetStatementResult members). */
export interface SqlOutcome {
  result?: StoredResult;
  hasResultSet: boolean;
  /** Rows returned, affected or loaded; -1 when not applicable. */
  resultRows: number;
  resultSize: number;
  /** A temporary table was created (dropped when the statement's "session" ends). */
  createsTemp: boolean;
}

/** Run Redshift SQL (possibly several `;`-separated statements) in the current transaction. */
export async function executeSql(ctx: ExecutionContext, sql: string, parameters?: SqlParameter[]): Promise<SqlOutcome> {
  let outcome: SqlOutcome = { hasResultSet: false, resultRows: -1, resultSize: -1, createsTemp: false };
  let createsTemp = false;
  for (const stmt of translateRedshiftSql(sql)) {
    ctx.checkCancelled();
    createsTemp ||= stmt.createsTemp;
    switch (stmt.kind) {
      case 'begin':
      case 'commit':
      case 'noop':
        // The runner already runs the statement as one transaction; nothing else to do.
        outcome = { hasResultSet: false, resultRows: -1, resultSize: -1, createsTemp };
        break;
      case 'rollback':
        await ctx.engine.pg.query('ROLLBACK');
        await ctx.engine.pg.query('BEGIN');
        outcome = { hasResultSet: false, resultRows: -1, resultSize: -1, createsTemp };
        break;
      case 'copy':
        outcome = { ...(await runCopyStatement(ctx, stmt.sql)), createsTemp };
        break;
      case 'unload': {
        const unloaded = await runUnload(ctx.engine, stmt.sql, () => ctx.checkCancelled());
        outcome = { hasResultSet: false, resultRows: unloaded.rowsUnloaded, resultSize: 0, createsTemp };
        break;
      }
      case 'sql': {
        const bound = bindParameters(stmt.sql, parameters);
        outcome = { ...toOutcome(await ctx.engine.queryText(bound.sql, bound.values)), createsTemp };
        for (const after of stmt.after ?? []) await ctx.engine.queryText(after);
        if (stmt.commits) await ctx.engine.pg.exec('COMMIT; BEGIN');
        break;
      }
    }
  }
  return { ...outcome, createsTemp };
}

function toOutcome(r: TextResult): Omit<SqlOutcome, 'createsTemp'> {
  if (r.columns.length > 0) {
    return {
      result: { columns: r.columns, rows: r.rows },
      hasResultSet: true,
      resultRows: r.rows.length,
      resultSize: resultSize(r.rows),
    };
  }
  return { hasResultSet: false, resultRows: r.affectedRows, resultSize: 0 };
}

async function runCopyStatement(ctx: ExecutionContext, sql: string): Promise<Omit<SqlOutcome, 'createsTemp'>> {
  const pending: PendingLoadErrors = {
    queryId: ctx.queryId,
    table: copyTargetTable(sql),
    startTime: ctx.startTime,
    rows: [],
  };
  ctx.loadErrors.push(pending);
  try {
    const checkCancelled = () => ctx.checkCancelled();
    const objects = ctx.openObjects(checkCancelled, ctx.signal, copyIamRole(sql));
    const copyContext = createCopyContext(ctx.engine, objects, ctx.queryId, checkCancelled);
    const result = await runCopy(sql, copyContext);
    pending.rows = result.loadErrors;
    await ctx.engine.pg.query(
      `SELECT set_config('redshift.last_copy_count', $1, false), set_config('redshift.last_copy_id', $2, false)`,
      [String(result.rowsLoaded), String(ctx.queryId)],
    );
    return { hasResultSet: false, resultRows: result.rowsLoaded, resultSize: 0 };
  } catch (error) {
    if (error instanceof CopyFailedError) pending.rows = error.loadErrors;
    throw error;
  }
}
