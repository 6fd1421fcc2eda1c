/**
 * Statement lifecycle: runs a queued statement (single, or a batch in TRANSACTION or
 * AUTO_COMMIT mode) on the engine, moves it through STARTED to FINISHED / FAILED / ABORTED,
 * and persists COPY load errors once its transaction has ended.
 */
import type { Counters } from '../counters';
import type { Faults } from '../faults';
import type { DataApiEngine } from './engine';
import { messageOf, StatementCancelledError } from './errors';
import { type PendingLoadErrors, persistLoadErrors } from './load-errors';
import { type ExecutionContext, executeSql } from './sql-executor';
import type { StatementRecord, StatementStore } from './statements';

/** Error text of the injected `statementTransientFailure` fault. */
export const TRANSIENT_FAILURE_ERROR =
  'ERROR: could not complete query: connection reset by peer (injected transient fault)';

export interface RunnerDeps {
  engine: DataApiEngine;
  store: StatementStore;
  faults: Faults;
  counters: Counters;
}

/** Redshift-style error text for DescribeStatement.Error. */
export function errorText(error: unknown): string {
  const message = messageOf(error);
  return message.startsWith('ERROR:') ? message : `ERROR: ${message}`;
}

/** Run one queued statement to a terminal status. Call on the engine queue. Never throws. */
export async function runStatement(deps: RunnerDeps, record: StatementRecord): Promise<void> {
  if (record.status !== 'SUBMITTED') return; // cancelled while queued
  const { store } = deps;
  const units = record.subs.length > 0 ? record.subs : [record];
  record.startedNs = process.hrtime.bigint();
  store.setStatus(record, 'STARTED');
  const loadErrors: PendingLoadErrors[] = [];
  let createsTemp = false;

  if (deps.faults.should('statementTransientFailure')) {
    finish(store, record, units, 0, TRANSIENT_FAILURE_ERROR);
    return;
  }
  const runUnit = async (unit: StatementRecord) => {
    deps.counters.inc('dataApi.statements');
    if (unit !== record) {
      unit.startedNs = process.hrtime.bigint();
      store.setStatus(unit, 'STARTED');
    }
    unit.redshiftQueryId = await deps.engine.nextQueryId();
    const ctx: ExecutionContext = {
      engine: deps.engine,
      queryId: unit.redshiftQueryId,
      startTime: new Date(),
      loadErrors,
      signal: record.cancelSignal.signal,
      checkCancelled: () => {
        if (record.cancelRequested) throw new StatementCancelledError();
      },
    };
    const outcome = await executeSql(ctx, unit.queryString, record.parameters);
    createsTemp ||= outcome.createsTemp;
    Object.assign(unit, {
      result: outcome.result,
      hasResultSet: outcome.hasResultSet,
      resultRows: outcome.resultRows,
      resultSize: outcome.resultSize,
    });
  };

  let failedAt = -1;
  let failure: unknown;
  const transactional = record.subs.length === 0 || record.executionMode !== 'AUTO_COMMIT';
  if (transactional) {
    ({ failedAt, failure } = await inTransaction(deps.engine, async () => {
      for (let k = 0; k < units.length; k++) {
        try {
          await runUnit(units[k]);
        } catch (error) {
          return { failedAt: k, failure: error };
        }
        if (units[k] !== record) store.setStatus(units[k], 'FINISHED');
      }
      return { failedAt: -1, failure: undefined };
    }));
  } else {
    for (let k = 0; k < units.length && failedAt < 0; k++) {
      const r = await inTransaction(deps.engine, async () => {
        try {
          await runUnit(units[k]);
          return { failedAt: -1, failure: undefined };
        } catch (error) {
          return { failedAt: k, failure: error };
        }
      });
      if (r.failedAt < 0) store.setStatus(units[k], 'FINISHED');
      else ({ failedAt, failure } = { failedAt: k, failure: r.failure });
    }
  }

  await afterTransaction(deps, record, loadErrors, createsTemp);
  if (failedAt < 0) {
    aggregateBatch(record);
    store.setStatus(record, 'FINISHED');
  } else if (failure instanceof StatementCancelledError || record.cancelRequested) {
    // Whatever the interrupted call threw (e.g. an aborted S3 request), a cancelled statement ends ABORTED.
    finish(store, record, units, failedAt, undefined);
  } else {
    finish(store, record, units, failedAt, errorText(failure));
  }
}

/**
 * Run `body` between BEGIN and COMMIT; roll back when it reports a failure (or COMMIT fails).
 * The failure index -1 means success.
 */
async function inTransaction(
  engine: DataApiEngine,
  body: () => Promise<{ failedAt: number; failure: unknown }>,
): Promise<{ failedAt: number; failure: unknown }> {
  await engine.pg.query('BEGIN');
  const outcome = await body();
  if (outcome.failedAt >= 0) {
    await engine.pg.query('ROLLBACK');
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

/** Work that must happen outside the statement's transaction. */
async function afterTransaction(
  deps: RunnerDeps,
  record: StatementRecord,
  loadErrors: PendingLoadErrors[],
  createsTemp: boolean,
): Promise<void> {
  try {
    await persistLoadErrors(deps.engine, loadErrors, record.connection.Database ?? 'dev');
  } catch (error) {
    process.emitWarning(`data-api: could not record load errors: ${errorText(error)}`);
  }
  // Each Data API statement is its own session in Redshift: its temp tables end with it.
  if (createsTemp) await deps.engine.pg.query('DISCARD TEMP').catch(() => undefined);
}

/** Mark the failing unit (FAILED with `error`, or ABORTED when `error` is undefined) and abort the rest. */
function finish(
  store: StatementStore,
  record: StatementRecord,
  units: StatementRecord[],
  failedAt: number,
  error: string | undefined,
): void {
  for (let k = failedAt; k < units.length; k++) {
    const unit = units[k];
    if (k === failedAt && error !== undefined) unit.error = error;
    if (unit !== record) store.setStatus(unit, k === failedAt && error !== undefined ? 'FAILED' : 'ABORTED');
  }
  record.error = error;
  aggregateBatch(record);
  store.setStatus(record, error !== undefined ? 'FAILED' : 'ABORTED');
}

/** A batch parent reports the sum of its sub-statements' rows and sizes. */
function aggregateBatch(record: StatementRecord): void {
  if (record.subs.length === 0) return;
  const sum = (pick: (s: StatementRecord) => number) => record.subs.reduce((n, s) => n + Math.max(pick(s), 0), 0);
  record.resultRows = sum((s) => s.resultRows);
  record.resultSize = sum((s) => s.resultSize);
  record.hasResultSet = record.subs.some((s) => s.hasResultSet);
}
