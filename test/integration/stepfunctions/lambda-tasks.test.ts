import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { Counters } from '../../../local/counters';
import { createLambdaInvoker } from '../../../local/lambda/runtime';
import { type SfnServer, startSfnServer } from '../../../local/stepfunctions/server';
import { fixtureMachines, namedError, sfnClient } from './sfn-test-kit';

describe('local Step Functions: Lambda tasks, Retry and Catch', () => {
  const machines = fixtureMachines();
  const counters = new Counters();
  const calls: Record<string, number> = {};
  let server: SfnServer;
  let sfn: SFNClient;
  let arn: string;

  beforeAll(async () => {
    const invokeLambda = createLambdaInvoker({
      counters,
      handlers: {
        echo: async (event, context) => ({
          event,
          functionName: context.functionName,
          arn: context.invokedFunctionArn,
        }),
        'flaky-load': async (input) => {
          const event = input as { key: string; failures: number };
          calls[event.key] = (calls[event.key] ?? 0) + 1;
          if (calls[event.key] < event.failures + 1)
            throw namedError('TransientDataApiError', `attempt ${calls[event.key]} throttled`);
          return { loaded: true, attempts: calls[event.key] };
        },
        failing: async () => {
          throw namedError('LoadFailedError', 'COPY rejected 3 lines');
        },
      },
    });
    server = await startSfnServer({
      machines,
      invokeLambda,
      dataApi: { endpoint: 'http://127.0.0.1:9' },
      waitScale: 0.001,
      counters,
    });
    sfn = sfnClient(server.endpoint);
    arn = server.stateMachineArn(machines.lambdaTasks.name);
  });

  afterAll(async () => {
    sfn.destroy();
    await server.stop();
  });

  async function runToEnd(input: object) {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }));
    await server.idle();
    return sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
  }

  it('runs a Lambda task and returns its output', async () => {
    const before = counters.snapshot();
    const described = await runToEnd({ mode: 'echo', batchId: 'b-1' });

    expect(described.status).toBe('SUCCEEDED');
    expect(described.stateMachineArn).toBe(arn);
    expect(described.stopDate).toBeInstanceOf(Date);
    expect(JSON.parse(described.output!)).toEqual({
      mode: 'echo',
      batchId: 'b-1',
      echoed: {
        event: { mode: 'echo', batchId: 'b-1' },
        functionName: 'echo',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
      },
    });
    expect(counters.get('sfn.executions') - (before['sfn.executions'] ?? 0)).toBe(1);
    expect(counters.get('sfn.transitions') - (before['sfn.transitions'] ?? 0)).toBe(2);
    expect(counters.get('lambda.invocations') - (before['lambda.invocations'] ?? 0)).toBe(1);
  });

  it('shapes arn:aws:states:::lambda:invoke output with Payload and StatusCode', async () => {
    const described = await runToEnd({ mode: 'invoke' });

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({
      echoed: expect.objectContaining({ event: { mode: 'invoke' }, functionName: 'echo' }),
      status: 200,
    });
  });

  it('catches a named error into a Fail state that reports its Error and Cause', async () => {
    const described = await runToEnd({ mode: 'fail' });

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('LoadFailedError');
    expect(JSON.parse(described.cause!)).toEqual({
      errorType: 'LoadFailedError',
      errorMessage: 'COPY rejected 3 lines',
    });
  });

  it('retries a named error (BackoffRate, MaxAttempts) and succeeds on the 2nd attempt', async () => {
    const described = await runToEnd({ mode: 'retry', key: 'second-attempt', failures: 1 });

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ loaded: true, attempts: 2 });
    expect(calls['second-attempt']).toBe(2);
  });

  it('stops retrying after MaxAttempts, then Catch (States.ALL, ResultPath) takes over', async () => {
    const described = await runToEnd({ mode: 'retry', key: 'always-failing', failures: 99 });

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('TransientDataApiError');
    expect(JSON.parse(described.cause!).errorMessage).toBe('attempt 4 throttled');
    expect(calls['always-failing']).toBe(4); // 1 attempt + MaxAttempts 3
  });

  it('scales Seconds, SecondsPath and TimestampPath waits by waitScale', async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    const described = await runToEnd({ mode: 'wait', waitSeconds: 200, until });

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!).echoed.event).toEqual({ mode: 'wait', waitSeconds: 200, until });
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: described.executionArn }));
    const entered = history
      .events!.filter((e) => e.type?.endsWith('StateEntered'))
      .map((e) => [e.type, e.stateEnteredEventDetails?.name]);
    expect(entered).toEqual([
      ['ChoiceStateEntered', 'Route'],
      ['WaitStateEntered', 'WaitFromInput'],
      ['WaitStateEntered', 'WaitFixed'],
      ['WaitStateEntered', 'WaitUntil'],
      ['TaskStateEntered', 'Echo'],
    ]);
  });

  it('fails the execution with States.Runtime when SecondsPath is not a non-negative integer', async () => {
    const described = await runToEnd({ mode: 'wait', waitSeconds: 'soon', until: new Date().toISOString() });

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.Runtime');
  });
});
