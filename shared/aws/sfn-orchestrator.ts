import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionNameOf } from '../batch-id';
import { ExecutionStartError } from '../errors';
import type { ExecutionInput, Orchestrator, StartOutcome } from '../ports';
import { awsError } from './aws-errors';

/** How many `-r<n>` restarts of a failed batch name are tried before giving up. */
const MAX_RESTARTS = 5;

const executionArn = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/**
 * Starts one execution per batch, named by the batch id. Step Functions refuses a second execution
 * of the same name, which is what makes a redelivered batch harmless; a batch whose execution
 * ended badly is started again under a restart name (`executionNameOf` in batch-id.ts).
 */
export class SfnOrchestrator implements Orchestrator {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async startBatch(input: ExecutionInput): Promise<{ outcome: StartOutcome; executionName: string }> {
    for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
      const name = executionNameOf(input.batchId, attempt);
      try {
        await this.sfn.send(
          new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
        );
        return { outcome: attempt === 0 ? 'started' : 'restarted', executionName: name };
      } catch (err) {
        if ((err as Error)?.name !== 'ExecutionAlreadyExists') throw awsError('Step Functions StartExecution', err);
        const existing = await this.sfn
          .send(new DescribeExecutionCommand({ executionArn: executionArn(this.stateMachineArn, name) }))
          .catch((e: unknown) => {
            throw awsError('Step Functions DescribeExecution', e);
          });
        if (existing.status === 'RUNNING') return { outcome: 'already-running', executionName: name };
        if (existing.status === 'SUCCEEDED') return { outcome: 'already-succeeded', executionName: name };
        // FAILED, TIMED_OUT or ABORTED: try the next restart name.
      }
    }
    throw new ExecutionStartError(`batch ${input.batchId}: ${MAX_RESTARTS} restarts already failed`);
  }
}
