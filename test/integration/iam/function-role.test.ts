/**
 * A function role missing an action it calls (a fixture: serverless.yml without the batcher's
 * states:StartExecution grant): the batcher's real SFN client is refused with Step Functions'
 * AccessDeniedException, and the failure takes the pipeline's normal path: the SQS message is
 * retried until it ends in the dead-letter queue.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { repoRoot } from '../../../local/paths';
import { FIXTURE, startTestStack } from '../../support/stack';

const GRANT = `                - Effect: Allow
                  Action: states:StartExecution
                  Resource: \${self:custom.stateMachine.arn}
`;

// Beside serverless.yml: its ${file(./bin/...)} variables resolve from the same folder.
const fixture = join(repoRoot(), `.serverless-iam-fixture-${process.pid}.yml`);

beforeAll(() => {
  const original = readFileSync(join(repoRoot(), 'serverless.yml'), 'utf8');
  const batcher = original.indexOf('    BatcherRole:');
  const grant = original.indexOf(GRANT, batcher);
  if (batcher < 0 || grant < 0)
    throw new Error("serverless.yml's BatcherRole no longer grants states:StartExecution as expected");
  writeFileSync(fixture, original.slice(0, grant) + original.slice(grant + GRANT.length));
});
afterAll(() => rmSync(fixture, { force: true }));

it('dead-letters the event the batcher could not start an execution for, with AccessDeniedException', async () => {
  const stack = await startTestStack({
    iam: 'enforce',
    identitiesFrom: fixture,
    visibilityTimeoutMs: 20,
    batchWindowMs: 20,
  });
  try {
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: stack.endpoints.s3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
    });
    const body = readFileSync(join(FIXTURE, 'log_data/2018/11/2018-11-01-events.json'));
    await s3.send(
      new PutObjectCommand({ Bucket: stack.bucket, Key: 'log_data/2018/11/2018-11-01-events.json', Body: body }),
    );
    await stack.settled(120_000);
    expect(stack.queue.deadLetters).toHaveLength(1);
    const [dead] = stack.queue.deadLetters;
    expect(dead.receiveCount).toBe(5);
    expect(dead.lastError).toBe('reported in batchItemFailures');
    // What each of those five deliveries got: the batcher's own role refused by Step Functions.
    const batcher = stack.iam.authorizer.functionCredentials('batcher');
    const sfn = new SFNClient({ region: 'us-east-1', endpoint: stack.endpoints.sfn, credentials: batcher });
    const refused = await sfn
      .send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArn, input: '{}' }))
      .then(
        () => undefined,
        (error: Error) => error,
      );
    expect(refused?.name).toBe('AccessDeniedException');
    expect(refused?.message).toBe(
      `User: ${batcher.principal.arn} is not authorized to perform: states:StartExecution on resource: ${stack.stateMachineArn} because no identity-based policy allows the states:StartExecution action`,
    );
    // The manifest was written first (s3:PutObject on manifests/ is still granted).
    expect(stack.s3.store.list(stack.bucket, { prefix: 'manifests/' }).objects.length).toBeGreaterThan(0);
    expect(stack.sfn.executions()).toHaveLength(0);
  } finally {
    await stack.cleanup();
  }
});
