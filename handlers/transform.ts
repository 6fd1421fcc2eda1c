import { logFn, withObservability } from '../shared/observability';
import { parseExecutionState, type ExecutionState } from '../shared/pipeline/state';
import { submitTransform } from '../shared/pipeline/transform';
import { pipelineDeps } from '../shared/wiring';

/** State machine task Transform. */
export const handler = withObservability(async (input: unknown): Promise<ExecutionState> =>
  submitTransform(parseExecutionState(input), pipelineDeps(logFn))
);
