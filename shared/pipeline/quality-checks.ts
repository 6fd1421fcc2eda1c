import { DataQualityError } from '../errors';
import qualityResultsSql from '../sql/quality_results.sql';
import type { PipelineDeps } from './deps';
import type { ExecutionState } from './state';

/**
 * QualityChecks: judges the checks the transform recorded for this batch (inside its transaction,
 * scoped to the batch's keys) and fails the execution (DataQualityError) on any violation, or
 * when no result was recorded at all.
 */
export async function runQualityChecks(state: ExecutionState, deps: PipelineDeps): Promise<ExecutionState> {
  const rows = await deps.warehouse.query(qualityResultsSql, { batch_id: state.batchId });
  if (rows.length === 0) {
    throw new DataQualityError(
      JSON.stringify({ batchId: state.batchId, failed: [], error: 'no check results recorded' }),
    );
  }
  const failed = rows.filter((r) => Number(r.violations) > 0);
  if (failed.length > 0) {
    throw new DataQualityError(
      JSON.stringify({
        batchId: state.batchId,
        failed: failed.map((r) => ({ check: r.check_name, violations: Number(r.violations) })),
      }),
    );
  }
  const { load } = state;
  return {
    batchId: state.batchId,
    dataset: state.dataset,
    batchKey: state.batchKey,
    force: state.force,
    load,
    transform: state.transform,
    quality: { checks: rows.length, violations: 0 },
  };
}
