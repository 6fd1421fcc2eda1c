/**
 * The cross-region poll's Data API calls (shared/aws/data-api-statement-tasks.ts) against what
 * the aws-sdk:redshiftdata integration gives for the same response or failure: the local Step
 * Functions runner's own casing and error naming (local/stepfunctions), which the SDK tasks use.
 */
import {
  ActiveWaitingRequestsExceededException,
  DatabaseConnectionException,
  InternalServerException,
  QueryTimeoutException,
  type RedshiftDataClient,
  RedshiftDataServiceException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { toSfnOutput } from '../../../../local/stepfunctions/sfn-casing';
import { sdkFailure } from '../../../../local/stepfunctions/task-errors';
import { DataApiStatementTasks, redshiftDataTaskError } from '../../../../shared/aws/data-api-statement-tasks';
import { InvalidEventError, RedshiftDataTaskError, TransientDataApiError } from '../../../../shared/errors';
import { runStatementTask } from '../../../../shared/pipeline/statement-task';

const $metadata = { httpStatusCode: 400, requestId: 'req-1' };
// biome-ignore lint/suspicious/noExplicitAny: the SDK's exception options are per-class shapes
const opts = (message: string, extra: Record<string, unknown> = {}): any => ({ message, $metadata, ...extra });

/** A client whose every call answers `answer` (or fails with it), recording the commands. */
function stubClient(answer: unknown, fail = false) {
  const sent: Array<{ name: string; input: unknown }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      if (fail) throw answer;
      return answer;
    },
  } as unknown as RedshiftDataClient;
  return { client, sent };
}

describe('a Data API failure keeps the name the SDK integration gives it', () => {
  const modeled: Array<[string, unknown]> = [
    ['RedshiftData.ResourceNotFoundException', new ResourceNotFoundException(opts('Query does not exist.'))],
    ['RedshiftData.ValidationException', new ValidationException(opts('Id must be a UUID'))],
    ['RedshiftData.InternalServerException', new InternalServerException(opts('internal error'))],
    [
      'RedshiftData.ActiveWaitingRequestsExceededException',
      new ActiveWaitingRequestsExceededException(opts('too many waiting')),
    ],
    ['RedshiftData.DatabaseConnectionException', new DatabaseConnectionException(opts('connection lost'))],
    ['RedshiftData.QueryTimeoutException', new QueryTimeoutException(opts('timed out'))],
    // Not modeled (throttling, access denied): the base exception, as Step Functions names it.
    [
      'RedshiftData.RedshiftDataException',
      new RedshiftDataServiceException({ name: 'ThrottlingException', $fault: 'client', ...opts('Rate exceeded') }),
    ],
    [
      'RedshiftData.RedshiftDataException',
      new RedshiftDataServiceException({ name: 'AccessDeniedException', $fault: 'client', ...opts('not authorized') }),
    ],
  ];

  test.each(modeled)('%s', async (name, sdkError) => {
    const { client } = stubClient(sdkError, true);
    const failure = await new DataApiStatementTasks(client).describeStatement('id').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RedshiftDataTaskError);
    expect((failure as Error).name).toBe(name);
    // The very name the local runner's aws-sdk:redshiftdata task raises for the same error.
    expect(sdkFailure('RedshiftData', sdkError).name).toBe(name);
    // The SDK's message, and where it came from, for the execution's Cause.
    expect((failure as Error).message).toMatch(
      /^.+ \(Service: RedshiftData, Operation: DescribeStatement, Status Code: 400, Request ID: req-1\)$/,
    );
  });

  it('the cancel maps the same way', async () => {
    const { client } = stubClient(
      new ValidationException(opts('Could not cancel a query that is already in FINISHED state')),
      true,
    );
    await expect(new DataApiStatementTasks(client).cancelStatement('id')).rejects.toMatchObject({
      name: 'RedshiftData.ValidationException',
      message: expect.stringMatching(/^Could not cancel .*Operation: CancelStatement/),
    });
  });

  it('a call that got no answer is a TransientDataApiError (the poll tasks retry it)', () => {
    const err = redshiftDataTaskError(
      'DescribeStatement',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    expect(err).toBeInstanceOf(TransientDataApiError);
    expect(err.message).toBe('Data API DescribeStatement: no answer: Error: socket hang up');
  });
});

describe('the result is the SDK task result', () => {
  const output = {
    $metadata: { httpStatusCode: 200, requestId: 'r' },
    Id: '11111111-2222-4333-8444-555555555555',
    Status: 'FINISHED',
    CreatedAt: new Date('2024-01-02T03:04:05.678Z'),
    UpdatedAt: new Date('2024-01-02T03:04:06.000Z'),
    Duration: 123456789,
    HasResultSet: false,
    ResultRows: -1,
    QueryParameters: [{ name: 'batch', value: 'b-1' }],
    SubStatements: [{ Id: '11111111-2222-4333-8444-555555555555:1', Status: 'FINISHED', RedshiftQueryId: 7 }],
    Error: undefined,
  };

  it('DescribeStatement: as the aws-sdk integration returns it (no $metadata, PascalCase, ISO dates)', async () => {
    const { client, sent } = stubClient(output);
    const result = await runStatementTask(
      { Action: 'DescribeStatement', Id: output.Id },
      new DataApiStatementTasks(client),
    );
    expect(sent).toEqual([{ name: 'DescribeStatementCommand', input: { Id: output.Id } }]);
    expect(result).toEqual(toSfnOutput(output));
    expect(result).toMatchObject({ Status: 'FINISHED', QueryParameters: [{ Name: 'batch', Value: 'b-1' }] });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('CancelStatement: { Status: true }', async () => {
    const { client, sent } = stubClient({ $metadata: {}, Status: true });
    const result = await runStatementTask({ Action: 'CancelStatement', Id: 'x' }, new DataApiStatementTasks(client));
    expect(sent.map((c) => c.name)).toEqual(['CancelStatementCommand']);
    expect(result).toEqual({ Status: true });
  });

  it.each([
    null,
    'x',
    {},
    { Action: 'ExecuteStatement', Id: 'x' },
    { Action: 'DescribeStatement' },
    { Action: 'CancelStatement', Id: '' },
  ])('refuses a task input it cannot use: %j', async (input) => {
    const { client, sent } = stubClient({});
    await expect(runStatementTask(input, new DataApiStatementTasks(client))).rejects.toThrow(InvalidEventError);
    expect(sent).toEqual([]);
  });
});
