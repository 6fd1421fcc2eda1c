import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidExecutionInput,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type SfnServer, type SfnServerOptions, startSfnServer } from '../../../local/stepfunctions/server';
import { fixtureMachines, gate, sfnClient } from './sfn-test-kit';

describe('local Step Functions API: executions', () => {
  const machines = fixtureMachines();
  let held = gate();
  let stateDir: string;
  let server: SfnServer;
  let sfn: SFNClient;
  let arn: string;

  const options = (): SfnServerOptions => ({
    machines,
    // `echo` waits for the test's gate, so an execution stays RUNNING as long as a test needs.
    invokeLambda: async (name, event) => {
      if ((event as { hold?: boolean }).hold) await held.wait;
      return { name };
    },
    dataApi: { endpoint: 'http://127.0.0.1:9' },
    waitScale: 0.001,
    stateDir,
  });

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'sfn-state-'));
    server = await startSfnServer(options());
    sfn = sfnClient(server.endpoint);
    arn = server.stateMachineArn(machines.lambdaTasks.name);
  });

  afterAll(async () => {
    held.open();
    sfn.destroy();
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const start = (name: string | undefined, input: object) =>
    sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify(input) }));

  it('returns the same execution for the same name and input while it runs, then refuses the name', async () => {
    held = gate();
    const first = await start('batch-1', { mode: 'echo', hold: true });
    const again = await start('batch-1', { mode: 'echo', hold: true });

    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    expect(first.executionArn).toBe(
      `arn:aws:states:us-east-1:123456789012:execution:${machines.lambdaTasks.name}:batch-1`,
    );
    await expect(start('batch-1', { mode: 'echo', hold: true, other: 1 })).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );

    held.open();
    await server.idle();
    const closed = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
    expect(closed.status).toBe('SUCCEEDED');
    await expect(start('batch-1', { mode: 'echo', hold: true })).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('fails idle() at its cap, naming the execution still running', async () => {
    held = gate();
    const { executionArn } = await start('held-past-the-cap', { mode: 'echo', hold: true });
    await expect(server.idle(30)).rejects.toThrow(
      new RegExp(`did not finish within 30 ms; still busy: 1 execution\\(s\\) RUNNING: ${executionArn}`),
    );
    held.open();
    await server.idle();
  });

  it('names an execution with a uuid when no name is given', async () => {
    const started = await start(undefined, { mode: 'echo' });
    await server.idle();

    expect(started.executionArn).toMatch(/:execution:[^:]+:[0-9a-f-]{36}$/);
  });

  it('rejects unknown machines, unknown executions and invalid input with named exceptions', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: server.stateMachineArn('nope'), input: '{}' })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{not json' })),
    ).rejects.toBeInstanceOf(InvalidExecutionInput);
    await expect(
      sfn.send(
        new DescribeExecutionCommand({ executionArn: `${arn.replace(':stateMachine:', ':execution:')}:missing` }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('stops a running execution as ABORTED with the given error and cause', async () => {
    held = gate();
    const started = await start('to-stop', { mode: 'echo', hold: true });
    await sfn.send(
      new StopExecutionCommand({ executionArn: started.executionArn, error: 'Operator', cause: 'bad batch' }),
    );
    await server.idle();
    held.open();

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'bad batch' });
  });

  it('lists executions newest first, filtered by status and paginated', async () => {
    await start('list-a', { mode: 'echo' });
    await start('list-b', { mode: 'echo' });
    await server.idle();

    const succeeded = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'SUCCEEDED' }));
    expect(succeeded.executions!.every((e) => e.status === 'SUCCEEDED')).toBe(true);
    expect(succeeded.executions!.map((e) => e.name)).toEqual(expect.arrayContaining(['list-a', 'list-b', 'batch-1']));
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'ABORTED' }));
    expect(aborted.executions!.map((e) => e.name)).toEqual(['to-stop']);

    const page1 = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2 }));
    const page2 = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken: page1.nextToken }),
    );
    expect(page1.executions).toHaveLength(2);
    expect(page1.nextToken).toBeDefined();
    const names = [...page1.executions!, ...page2.executions!].map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists and describes state machines', async () => {
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines!.map((m) => m.name).sort()).toEqual(
      [machines.inline.name, machines.lambdaTasks.name, machines.pollStatement.name].sort(),
    );
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(JSON.parse(described.definition!).StartAt).toBe('Route');
  });

  it('keeps names unique across a restart and aborts what was running', async () => {
    held = gate();
    const running = await start('running-at-restart', { mode: 'echo', hold: true });
    // Simulate a crash: a second server on the same stateDir while the first still "runs".
    const restarted = await startSfnServer(options());
    const sfn2 = sfnClient(restarted.endpoint);
    try {
      const described = await sfn2.send(new DescribeExecutionCommand({ executionArn: running.executionArn }));
      expect(described).toMatchObject({ status: 'ABORTED', cause: 'local stack restarted' });
      await expect(
        sfn2.send(
          new StartExecutionCommand({ stateMachineArn: arn, name: 'batch-1', input: '{"mode":"echo","hold":true}' }),
        ),
      ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
      expect(restarted.executions().map((e) => e.name)).toEqual(expect.arrayContaining(['list-a', 'to-stop']));
    } finally {
      held.open();
      sfn2.destroy();
      await restarted.stop();
    }
  });
});
