import type { SFNClient } from '@aws-sdk/client-sfn';
import { SfnOrchestrator } from '../../../../shared/aws/sfn-orchestrator';
import { AwsServiceError, ExecutionStartError, TransientServiceError } from '../../../../shared/errors';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest';
const ID = 'log_data-0123456789abcdef01234567';
const input = { batchId: ID, dataset: 'log_data', batchKey: `manifests/log_data/${ID}/batch.json` };

type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** An SFN client over a set of existing executions (name -> status). */
function sfn(existing: Record<string, Status>, startError?: Error) {
  const started: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, string> }) => {
      if (command.constructor.name === 'StartExecutionCommand') {
        if (startError) throw startError;
        const name = command.input.name;
        if (existing[name]) throw Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' });
        started.push(name);
        return {};
      }
      const name = command.input.executionArn.split(':').at(-1) ?? '';
      return { status: existing[name] };
    },
  };
  return { client: client as unknown as SFNClient, started };
}

describe('SfnOrchestrator', () => {
  it('starts the execution named by the batch id', async () => {
    const { client, started } = sfn({});
    expect(await new SfnOrchestrator(client, ARN).startBatch(input)).toEqual({ outcome: 'started', executionName: ID });
    expect(started).toEqual([ID]);
  });

  it('starts nothing for a batch that runs or succeeded', async () => {
    expect(await new SfnOrchestrator(sfn({ [ID]: 'RUNNING' }).client, ARN).startBatch(input)).toEqual({
      outcome: 'already-running',
      executionName: ID,
    });
    expect(await new SfnOrchestrator(sfn({ [ID]: 'SUCCEEDED' }).client, ARN).startBatch(input)).toMatchObject({
      outcome: 'already-succeeded',
    });
  });

  it('restarts a failed batch under the next -r<n> name', async () => {
    const { client, started } = sfn({ [ID]: 'FAILED', [`${ID}-r1`]: 'FAILED' });
    expect(await new SfnOrchestrator(client, ARN).startBatch(input)).toEqual({
      outcome: 'restarted',
      executionName: `${ID}-r2`,
    });
    expect(started).toEqual([`${ID}-r2`]);
  });

  it('gives up with ExecutionStartError when every restart name failed', async () => {
    const failed = Object.fromEntries([ID, ...[1, 2, 3, 4, 5].map((n) => `${ID}-r${n}`)].map((n) => [n, 'FAILED']));
    await expect(
      new SfnOrchestrator(sfn(failed as Record<string, Status>).client, ARN).startBatch(input),
    ).rejects.toThrow(ExecutionStartError);
  });

  it('wraps other Step Functions errors as named errors', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    await expect(new SfnOrchestrator(sfn({}, throttled).client, ARN).startBatch(input)).rejects.toThrow(
      TransientServiceError,
    );
    const denied = Object.assign(new Error('no'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(new SfnOrchestrator(sfn({}, denied).client, ARN).startBatch(input)).rejects.toThrow(AwsServiceError);
  });
});
