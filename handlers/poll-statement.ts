import { withObservability } from '../shared/observability';
import { runStatementTask } from '../shared/pipeline/statement-task';
import { statementTasks } from '../shared/wiring';

/**
 * State machine tasks DescribeCopyCrossRegion, CancelCopyCrossRegion, DescribeTransformCrossRegion,
 * CancelTransformCrossRegion: the aws-sdk:redshiftdata call, made in the warehouse's region when
 * it is not the state machine's. Same result, same error names (docs/deploy.md, "Regions").
 */
export const handler = withObservability(
  async (input: unknown): Promise<Record<string, unknown>> => runStatementTask(input, statementTasks()),
);
