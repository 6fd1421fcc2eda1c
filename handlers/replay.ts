import { logFn, withObservability } from '../shared/observability';
import { parseReplayRequest, type ReplaySummary, replay } from '../shared/pipeline/replay';
import { pipelineDeps } from '../shared/wiring';

/** Manual replay: `serverless invoke -f replay --data '{"prefix":"log_data/2018/11/"}'`. */
export const handler = withObservability(
  async (event: unknown): Promise<ReplaySummary> => replay(parseReplayRequest(event), pipelineDeps(logFn)),
);
