import { logFn, recordFilesLoaded, withObservability } from '../shared/observability';
import { runQualityChecks } from '../shared/pipeline/quality-checks';
import { type ExecutionState, parseExecutionState } from '../shared/pipeline/state';
import { pipelineDeps } from '../shared/wiring';

/** State machine task QualityChecks: the last step of a successful load. */
export const handler = withObservability(async (input: unknown): Promise<ExecutionState> => {
  const result = await runQualityChecks(parseExecutionState(input), pipelineDeps(logFn));
  recordFilesLoaded(result.load?.fileCount ?? 0);
  return result;
});
