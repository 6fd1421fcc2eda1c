import { logFn, recordCopySeconds, withObservability } from '../shared/observability';
import { type ExecutionState, parseExecutionState } from '../shared/pipeline/state';
import { submitTransform } from '../shared/pipeline/transform';
import { pipelineDeps } from '../shared/wiring';

/** State machine task Transform. */
export const handler = withObservability(async (input: unknown): Promise<ExecutionState> => {
  const state = parseExecutionState(input);
  const next = await submitTransform(state, pipelineDeps(logFn));
  if (!state.transform) recordCopySeconds(next.load?.copySeconds ?? 0);
  return next;
});
