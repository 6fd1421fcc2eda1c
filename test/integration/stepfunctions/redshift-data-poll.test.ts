/**
 * THE poll loop, end to end on the local stack: executeStatement -> Wait -> describeStatement ->
 * Choice on $.Status, through the aws-sdk:redshiftdata integration against the Data API
 * emulator (real SDK clients over HTTP on both sides).
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { Counters } from '../../../local/counters';
import { type DataApiServer, startDataApiServer } from '../../../local/data-api';
import { Faults } from '../../../local/faults';
import { type SfnServer, startSfnServer } from '../../../local/stepfunctions/server';
import { fixtureMachines, sfnClient } from './sfn-test-kit';

/** describeStatement on an id from the input; SDK errors retried twice, then caught. */
const sdkErrorMachine = {
  name: 'sdk-errors',
  definition: {
    StartAt: 'Describe',
    States: {
      Describe: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
        Parameters: { 'Id.$': '$.id' },
        Retry: [
          {
            ErrorEquals: ['RedshiftData.ResourceNotFoundException', 'RedshiftData.ValidationException'],
            IntervalSeconds: 1,
            BackoffRate: 2,
            MaxAttempts: 2,
          },
        ],
        Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  },
};

describe('local Step Functions: Redshift Data API poll loop', () => {
  const loaded = fixtureMachines();
  const machines: Record<string, { name: string; definition: object }> = { ...loaded, sdkErrors: sdkErrorMachine };
  const counters = new Counters();
  let dataApi: DataApiServer;
  let server: SfnServer;
  let sfn: SFNClient;

  beforeAll(async () => {
    // Statements stay SUBMITTED a little, so the Choice usually loops back to the Wait.
    dataApi = await startDataApiServer({
      s3: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' },
      statementDelayMs: 20,
      counters,
    });
    server = await startSfnServer({
      machines,
      invokeLambda: async () => ({}),
      dataApi: { endpoint: dataApi.endpoint, region: 'us-east-1' },
      waitScale: 0.001,
      counters,
    });
    sfn = sfnClient(server.endpoint);
  });

  afterAll(async () => {
    sfn?.destroy();
    await server?.stop();
    await dataApi?.stop();
  });

  async function run(machine: string, input: object) {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: server.stateMachineArn(machine), input: JSON.stringify(input) }),
    );
    await server.idle();
    return sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
  }

  it('runs SELECT 1 to success, reading the result through PascalCase output paths', async () => {
    const described = await run(loaded.pollStatement.name, { sql: 'SELECT 1' });

    expect(described.status).toBe('SUCCEEDED');
    const output = JSON.parse(described.output!);
    expect(output.described.Status).toBe('FINISHED');
    expect(output.result).toMatchObject({ value: 1, rows: 1 });
    expect(typeof output.result.column).toBe('string');
    expect(output.described.CreatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(output.statement.Id).toEqual(output.described.Id);
  });

  it('counts a state entered again in the same execution (a poll iteration) apart from first entries', async () => {
    const before = counters.snapshot();
    const delta = (key: string) => counters.get(key) - (before[key] ?? 0);
    const described = await run(loaded.pollStatement.name, { sql: 'SELECT COUNT(*) FROM (SELECT pg_sleep(0.3)) s' });
    expect(described.status).toBe('SUCCEEDED');
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: described.executionArn, maxResults: 1000 }),
    );
    const entered = (history.events ?? []).flatMap((e) =>
      e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : [],
    );
    expect(delta('sfn.transitions')).toBe(entered.length);
    expect(delta('sfn.transitions.repeated')).toBe(entered.length - new Set(entered).size);
    expect(delta('sfn.transitions.repeated')).toBeGreaterThan(0);
  });

  it('passes SqlParameters written as Name/Value', async () => {
    const described = await run(loaded.pollStatement.name, {
      sql: 'SELECT CAST(:n AS INTEGER) + 1 AS answer',
      parameters: [{ Name: 'n', Value: '41' }],
    });

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!).result).toMatchObject({ value: 42, column: 'answer' });
  });

  it('fails the execution when the statement fails (bad SQL)', async () => {
    const described = await run(loaded.pollStatement.name, { sql: 'SELEC nonsense FROM nowhere' });

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('StatementFailedError');
    expect(described.cause).toEqual(expect.any(String));
    expect(described.cause!.length).toBeGreaterThan(0);
  });

  it('names SDK errors RedshiftData.<Exception> so Retry and Catch match them', async () => {
    const described = await run('sdk-errors', { id: '00000000-0000-4000-8000-000000000000' });

    expect(described.status).toBe('SUCCEEDED');
    const { error } = JSON.parse(described.output!);
    expect(error.Error).toMatch(/^RedshiftData\.(ResourceNotFound|Validation)Exception$/);
    expect(error.Cause).toMatch(/\(Service: RedshiftData, Status Code: \d{3}, Request ID: .+\)$/);
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: described.executionArn }));
    expect(history.events!.filter((e) => e.type === 'TaskFailed')).toHaveLength(3); // 1 attempt + 2 retries
  });
});

describe('local Step Functions: Data API throttling', () => {
  const loaded = fixtureMachines();
  let dataApi: DataApiServer;
  let server: SfnServer;
  let sfn: SFNClient;

  beforeAll(async () => {
    dataApi = await startDataApiServer({
      s3: { endpoint: 'http://127.0.0.1:9' },
      faults: new Faults({ seed: 7, rates: { dataApiThrottle: 1 } }),
    });
    server = await startSfnServer({
      machines: loaded,
      invokeLambda: async () => ({}),
      dataApi: { endpoint: dataApi.endpoint },
      waitScale: 0.001,
    });
    sfn = sfnClient(server.endpoint);
  });

  afterAll(async () => {
    sfn?.destroy();
    await server?.stop();
    await dataApi?.stop();
  });

  it('surfaces a throttled call as RedshiftData.RedshiftDataException, the name of an unmodeled error (no hidden SDK retries)', async () => {
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: server.stateMachineArn(loaded.pollStatement.name),
        input: '{"sql":"SELECT 1"}',
      }),
    );
    await server.idle();
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('RedshiftData.RedshiftDataException');
  });
});
