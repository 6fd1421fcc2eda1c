import { logFn, withObservability } from '../shared/observability';
import { type ExecutionState, parseExecutionState } from '../shared/pipeline/state';
import { submitCopy } from '../shared/pipeline/submit-copy';
import { pipelineDeps } from '../shared/wiring';

/** State machine task SubmitCopy. */
export const handler = withObservability(
  async (input: unknown): Promise<ExecutionState> => submitCopy(parseExecutionState(input), pipelineDeps(logFn)),
);
