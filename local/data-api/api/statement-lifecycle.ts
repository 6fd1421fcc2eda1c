/**
 * Statement lifecycle: runs a queued statement (single, or a batch in TRANSACTION or
 * AUTO_COMMIT mode) through the transaction runner and moves it, and its sub-statements,
 * through STARTED to FINISHED / FAILED / ABORTED.
 */
import type { Counters } from '../../counters';
import type { Faults } from '../../faults';
import type { DatabaseUser } from '../engine/database-users';
import type { SessionSnapshot } from '../engine/session-state';
import { errorText, StatementCancelledError } from '../execution/errors';
import type { DataApiEngine } from '../warehouse/data-api-engine';
import type { StatementRecord, StatementStore } from './statement-store';

/** Error text of the injected `statementTransientFailure` fault. */
export const TRANSIENT_FAILURE_ERROR =
  'ERROR: could not complete query: connection reset by peer (injected transient fault)';

export interface RunnerDeps {
  engine: DataApiEngine;
  store: StatementStore;
  faults: Faults;
  counters: Counters;
}

/** Where and as whom a statement runs. */
export interface RunAs {
  database: string;
  user: DatabaseUser;
  /** The kept session's state slot; undefined for a one-call session. */
  session?: { key: string; state?: SessionSnapshot };
  /** Connecting failed (e.g. an unknown database): the statement fails with this text, unrun. */
  connectError?: string;
}

/** Run one queued statement to a terminal status. Call on the engine queue. Throws only when BEGIN fails. */
export async function runStatement(deps: RunnerDeps, record: StatementRecord, as: RunAs): Promise<void> {
  if (record.status !== 'SUBMITTED') return; // cancelled while queued
  const { store } = deps;
  const units = record.subs.length > 0 ? record.subs : [record];
  record.startedNs = process.hrtime.bigint();
  store.setStatus(record, 'STARTED');

  if (as.connectError !== undefined) {
    finish(store, record, units, 0, as.connectError);
    return;
  }
  if (deps.faults.should('statementTransientFailure')) {
    finish(store, record, units, 0, TRANSIENT_FAILURE_ERROR);
    return;
  }
  const { failedAt, failure } = await deps.engine.runStatements({
    database: as.database,
    user: as.user,
    session: as.session,
    units: units.map((unit) => ({ sql: unit.queryString, parameters: record.parameters })),
    // A single statement always runs in a transaction; only batches may ask for AUTO_COMMIT.
    mode: record.subs.length > 0 && record.executionMode === 'AUTO_COMMIT' ? 'AUTO_COMMIT' : 'TRANSACTION',
    cancel: { signal: record.cancelSignal.signal, requested: () => record.cancelRequested },
    hooks: {
      started(k, queryId) {
        deps.counters.inc('dataApi.statements');
        const unit = units[k];
        if (unit !== record) {
          unit.startedNs = process.hrtime.bigint();
          store.setStatus(unit, 'STARTED');
        }
        unit.redshiftQueryId = queryId;
      },
      ran(k, outcome) {
        Object.assign(units[k], {
          result: outcome.result,
          hasResultSet: outcome.hasResultSet,
          resultRows: outcome.resultRows,
          resultSize: outcome.resultSize,
        });
      },
      finished(k) {
        if (units[k] !== record) store.setStatus(units[k], 'FINISHED');
      },
    },
  });

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
