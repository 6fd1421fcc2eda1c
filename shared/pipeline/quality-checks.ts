import { DataQualityError } from '../errors';
import qualityChecksSql from '../sql/quality_checks.sql';
import qualityResultsSql from '../sql/quality_results.sql';
import type { PipelineDeps } from './deps';
import type { ExecutionState } from './state';

/**
 * QualityChecks: runs the checks over the star schema, records them for the batch, and fails the
 * execution (DataQualityError) when any check finds violations.
 */
export async function runQualityChecks(state: ExecutionState, deps: PipelineDeps): Promise<ExecutionState> {
  await deps.warehouse.query(qualityChecksSql, { batch_id: state.batchId });
  const rows = await deps.warehouse.query(qualityResultsSql, { batch_id: state.batchId });
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
