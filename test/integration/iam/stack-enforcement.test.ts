/**
 * IAM enforced in the local stack, through the real SDK clients: each component's identity
 * (its role's credentials), each server's denial in the service's own words, the AWS CLI's
 * arbitrary keys as administrator, refused under strict IAM.
 */
import { DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { LocalStack } from '../../../local/stack';
import { startTestStack } from '../../support/stack';

type Keys = { accessKeyId: string; secretAccessKey: string };
const ANY_KEYS: Keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'anything' };

const s3As = (stack: LocalStack, credentials: Keys) =>
  new S3Client({
    region: 'us-east-1',
    endpoint: stack.endpoints.s3,
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
  });
const dataApiAs = (stack: LocalStack, credentials: Keys) =>
  new RedshiftDataClient({ region: 'us-east-1', endpoint: stack.endpoints.dataApi, credentials, maxAttempts: 1 });
const sfnAs = (stack: LocalStack, credentials: Keys) =>
  new SFNClient({ region: 'us-east-1', endpoint: stack.endpoints.sfn, credentials, maxAttempts: 1 });

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to be refused');
}

describe('IAM enforced (iam: enforce)', () => {
  let stack: LocalStack & { cleanup(): Promise<void> };
  beforeAll(async () => {
    stack = await startTestStack({ iam: 'enforce' });
  });
  afterAll(() => stack.cleanup());

  it('takes arbitrary keys (the AWS CLI) for the administrator', async () => {
    const s3 = s3As(stack, ANY_KEYS);
    await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: 'scratch/any.txt', Body: 'hello' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: 'scratch/any.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello');
  });

  it("refuses a Lambda role's S3 call its policy does not grant with S3's AccessDenied", async () => {
    const batcher = stack.iam.authorizer.functionCredentials('batcher');
    expect(batcher.accessKeyId).toMatch(/^ASIALOCAL/);
    const err = await failure(
      s3As(stack, batcher).send(new DeleteObjectCommand({ Bucket: stack.bucket, Key: 'log_data/x.json' })),
    );
    expect(err.name).toBe('AccessDenied');
    expect(err.status).toBe(403);
    expect(err.message).toContain(
      `User: ${batcher.principal.arn} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::${stack.bucket}/log_data/x.json"`,
    );
  });

  it('answers a missing key with 403 to a caller that may not list the bucket', async () => {
    const batcher = stack.iam.authorizer.functionCredentials('batcher');
    // The batcher may write manifests but not list the bucket: S3 does not tell it the key is absent.
    const err = await failure(
      s3As(stack, batcher).send(new GetObjectCommand({ Bucket: stack.bucket, Key: 'manifests/none.json' })),
    );
    expect(err.name).toBe('AccessDenied');
    expect(err.status).toBe(403);
  });

  it("refuses StartExecution to a role without states:StartExecution with Step Functions' AccessDeniedException", async () => {
    const setup = stack.iam.authorizer.functionCredentials('setup');
    const err = await failure(
      sfnAs(stack, setup).send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArn, input: '{}' })),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain(
      `is not authorized to perform: states:StartExecution on resource: ${stack.stateMachineArn}`,
    );
  });

  it('hides a statement from an identity that did not submit it (the poll identity)', async () => {
    const warehouse = stack.iam.authorizer.functionCredentials('submitCopy');
    const submitted = await dataApiAs(stack, warehouse).send(
      new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: 'SELECT 1' }),
    );
    // The warehouse role itself sees it.
    const own = await dataApiAs(stack, warehouse).send(new DescribeStatementCommand({ Id: submitted.Id }));
    expect(own.Id).toBe(submitted.Id);
    // Another role allowed DescribeStatement (handleLoadFailure shares the role; replay does not).
    const admin = await failure(dataApiAs(stack, ANY_KEYS).send(new DescribeStatementCommand({ Id: submitted.Id })));
    expect(admin).toMatchObject({ name: 'ResourceNotFoundException', message: 'Query does not exist.' });
  });

  it("refuses the state machine role's own Data API call (it polls through the warehouse role's Credentials)", async () => {
    const machine = stack.iam.stateMachineCredentials(stack.stateMachineArn.split(':').pop() ?? '');
    expect(machine).toBeDefined();
    const err = await failure(
      dataApiAs(stack, machine as Keys).send(
        new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: 'SELECT 1' }),
      ),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain('is not authorized to perform: redshift-data:ExecuteStatement');
  });
});

describe('strict IAM (--strict-iam)', () => {
  let stack: LocalStack & { cleanup(): Promise<void> };
  beforeAll(async () => {
    stack = await startTestStack({ iam: 'enforce', strictIam: true });
  });
  afterAll(() => stack.cleanup());

  it('refuses unknown keys as each service does', async () => {
    const s3 = await failure(
      s3As(stack, ANY_KEYS).send(new PutObjectCommand({ Bucket: stack.bucket, Key: 'scratch/x', Body: 'x' })),
    );
    expect(s3).toMatchObject({
      name: 'InvalidAccessKeyId',
      status: 403,
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    });
    const dataApi = await failure(
      dataApiAs(stack, ANY_KEYS).send(
        new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: 'SELECT 1' }),
      ),
    );
    expect(dataApi).toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    const sfn = await failure(
      sfnAs(stack, ANY_KEYS).send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArn, input: '{}' })),
    );
    expect(sfn).toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it("still knows the pipeline's own role sessions", async () => {
    const warehouse = stack.iam.authorizer.functionCredentials('submitCopy');
    const out = await dataApiAs(stack, warehouse).send(
      new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: 'SELECT 1' }),
    );
    expect(out.Id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('IAM off (--no-iam)', () => {
  it('allows every call', async () => {
    const stack = await startTestStack({ iam: 'off' });
    try {
      expect(stack.iam.authorizer.enabled).toBe(false);
      const setup = stack.iam.authorizer.functionCredentials('setup');
      const out = await sfnAs(stack, setup).send(
        new StartExecutionCommand({ stateMachineArn: stack.stateMachineArn, input: '{"batchId":"x"}' }),
      );
      expect(out.executionArn).toContain(':execution:');
    } finally {
      await stack.cleanup();
    }
  });
});
