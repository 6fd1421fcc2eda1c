import { datasetSpec } from '../datasets';
import { LoadFailedError } from '../errors';
import transformEndSql from '../sql/transform_end.sql';
import { quoteLiteral, renderSql, splitStatements } from '../sql-render';
import type { PipelineDeps } from './deps';
import { type ExecutionState, pollState, requireLoad } from './state';

/** A transform that ends FAILED for another reason is resubmitted up to this many attempts. */
export const MAX_TRANSFORM_ATTEMPTS = 3;

/**
 * A transform that lost a serialization conflict (Redshift error 1023) to a concurrent one is
 * resubmitted up to this many attempts: conflicts are expected without locks, and each retry
 * waits a growing, jittered backoff (statemachine/ingest.asl.yml, TransformBackoff, whose
 * schedule index needs pollMaxAttempts >= this + 2: bin/deploy-config.js checks it).
 */
export const MAX_CONFLICT_ATTEMPTS = 8;

/** Redshift's serializable isolation violation: `ERROR: 1023 DETAIL: Serializable isolation violation ...`. */
export const isSerializationConflict = (error: string | undefined): boolean =>
  /\b1023\b|serializable isolation violation/i.test(error ?? '');

/** The transform transaction of a batch (no lock: docs/concurrency.md): dataset upserts, quality checks, ledger rows, staging cleanup. */
export function transformStatements(state: ExecutionState): string[] {
  const { stagingTable, filesTable } = requireLoad(state);
  const values = {
    staging: stagingTable,
    files: filesTable,
    dataset_literal: quoteLiteral(state.dataset),
    batch_literal: quoteLiteral(state.batchId),
  };
  const spec = datasetSpec(state.dataset);
  return [spec.lockSql, spec.transformSql, spec.checksSql, transformEndSql].flatMap((sql) =>
    splitStatements(renderSql(sql, values)),
  );
}

/**
 * Transform: submits the batch's transform as one BatchExecuteStatement (one transaction). Called
 * again by the state machine when the previous attempt ended FAILED, up to the cap.
 */
export async function submitTransform(state: ExecutionState, deps: PipelineDeps): Promise<ExecutionState> {
  const previous = state.transform;
  if (previous?.statementId) {
    const info = await deps.warehouse.describe(previous.statementId);
    const cap = isSerializationConflict(info.error) ? MAX_CONFLICT_ATTEMPTS : MAX_TRANSFORM_ATTEMPTS;
    if (previous.attempt >= cap) {
      throw new LoadFailedError(
        JSON.stringify({
          batchId: state.batchId,
          step: 'transform',
          attempts: previous.attempt,
          error: info.error ?? info.status,
        }),
      );
    }
    deps.log?.('transform failed; resubmitting', {
      batchId: state.batchId,
      error: info.error,
      attempt: previous.attempt,
    });
  }
  const attempt = (previous?.attempt ?? 0) + 1;
  const load = requireLoad(state);
  // The COPY's run time, read once for the CopySeconds metric.
  const copySeconds =
    load.copySeconds ??
    (load.statementId ? (await deps.warehouse.describe(load.statementId)).durationSeconds : undefined);
  const statementId = await deps.warehouse.submitBatch(transformStatements(state));
  deps.log?.('transform submitted', { batchId: state.batchId, statementId, attempt });
  return {
    ...state,
    statement: undefined,
    load: { ...load, copySeconds },
    transform: { attempt, statementId },
    poll: pollState(deps.cfg),
  };
}
