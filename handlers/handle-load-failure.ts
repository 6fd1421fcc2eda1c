import { logFn, recordFilesQuarantined, withObservability } from '../shared/observability';
import { handleLoadFailure } from '../shared/pipeline/handle-load-failure';
import { type ExecutionState, parseExecutionState } from '../shared/pipeline/state';
import { pipelineDeps } from '../shared/wiring';

/** State machine task HandleLoadFailure. */
export const handler = withObservability(async (input: unknown): Promise<ExecutionState> => {
  const state = parseExecutionState(input);
  const next = await handleLoadFailure(state, pipelineDeps(logFn));
  recordFilesQuarantined((next.load?.quarantined ?? 0) - (state.load?.quarantined ?? 0));
  return next;
});
