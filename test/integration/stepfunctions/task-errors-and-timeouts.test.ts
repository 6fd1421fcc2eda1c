/**
 * Errors of Task states as Step Functions names them: an `aws-sdk:redshiftdata:*` failure is
 * `RedshiftData.<ExceptionName>` (modeled or not), with AWS's cause format; States.Timeout only
 * on a Task with TimeoutSeconds or HeartbeatSeconds, and then it does occur.
 */

import type { DataApiServer } from '../../../local/data-api';
import { LOCAL_ADMIN } from '../../../local/data-api/api/caller';
import { DataApiError } from '../../../local/data-api/api/errors';
import { createStateMachineRunner, type StateMachineRunner } from '../../../local/stepfunctions';
import { startTestServer } from '../data-api/support';
import definition from './fixtures/task-errors.asl.json';

/** The Lambda of the fixture: answers after 1.5 s. */
const slow = () => new Promise((resolve) => setTimeout(() => resolve({ done: true }), 1500));

let dataApi: DataApiServer;
let runner: StateMachineRunner;

beforeAll(async () => {
  dataApi = await startTestServer({
    // The state machine's role may not call the Data API: the service's AccessDeniedException is not in its model.
    resolveCaller: (key) => {
      if (key === 'AKIDDENIED')
        throw new DataApiError(
          'AccessDeniedException',
          'User is not authorized to perform: redshift-data:DescribeStatement',
        );
      return LOCAL_ADMIN;
    },
  });
  runner = createStateMachineRunner(definition, {
    invokeLambda: slow,
    dataApi: { endpoint: dataApi.endpoint },
  });
});
afterAll(async () => {
  runner.destroy();
  await dataApi.stop();
});

async function run(input: object) {
  const execution = runner.start(input, {
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:task-errors:x',
    executionName: 'x',
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:task-errors',
    stateMachineName: 'task-errors',
  });
  return execution.outcome;
}

describe('States.Timeout', () => {
  it('occurs when a Task runs past its TimeoutSeconds', async () => {
    const outcome = await run({ case: 'timeout' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ error: { Error: 'States.Timeout' } });
  });

  it('occurs when a Task sends no heartbeat within HeartbeatSeconds', async () => {
    const outcome = await run({ case: 'heartbeat' });
    expect(outcome.output).toMatchObject({ error: { Error: 'States.Timeout' } });
  });

  it('does not occur on a Task without TimeoutSeconds or HeartbeatSeconds', async () => {
    const outcome = await run({ case: 'no-timeout' });
    expect(outcome).toEqual({ status: 'SUCCEEDED', output: { done: true } });
  });
});

describe('errors of aws-sdk:redshiftdata tasks', () => {
  it('a modeled exception is RedshiftData.<Name>, with the cause AWS formats', async () => {
    const outcome = await run({ case: 'describe', id: '00000000-0000-0000-0000-000000000000' });
    const error = (outcome.output as { error: { Error: string; Cause: string } }).error;
    expect(error.Error).toBe('RedshiftData.ResourceNotFoundException');
    expect(error.Cause).toMatch(
      /^Query does not exist\. \(Service: RedshiftData, Status Code: 404, Request ID: [0-9a-f-]{36}\)$/,
    );
    const invalid = await run({ case: 'describe', id: 'not-an-id' });
    expect((invalid.output as { error: { Error: string } }).error.Error).toBe('RedshiftData.ValidationException');
  });
});

describe('an exception the service model does not list', () => {
  it('is named after the SDK base exception: RedshiftData.RedshiftDataException', async () => {
    const denied = createStateMachineRunner(definition, {
      invokeLambda: slow,
      dataApi: { endpoint: dataApi.endpoint, credentials: { accessKeyId: 'AKIDDENIED', secretAccessKey: 'x' } },
    });
    try {
      const outcome = await denied.start(
        { case: 'describe', id: '00000000-0000-0000-0000-000000000000' },
        {
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:task-errors:y',
          executionName: 'y',
          stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:task-errors',
          stateMachineName: 'task-errors',
        },
      ).outcome;
      const error = (outcome.output as { error: { Error: string; Cause: string } }).error;
      expect(error.Error).toBe('RedshiftData.RedshiftDataException');
      expect(error.Cause).toMatch(
        /^User is not authorized to perform: redshift-data:DescribeStatement \(Service: RedshiftData, Status Code: 400/,
      );
    } finally {
      denied.destroy();
    }
  });
});
