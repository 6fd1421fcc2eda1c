/**
 * COPY reads S3 as its IAM_ROLE: the role is assumed as redshift.amazonaws.com (trust policy
 * checked) and each read is authorized (s3:ListBucket with s3:prefix for a prefix source,
 * s3:GetObject per file), through the real Data API client and the in-process S3 store.
 */
import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { Counters } from '../../../local/counters';
import { type DataApiServer, startDataApiServer } from '../../../local/data-api';
import { NO_FAULTS } from '../../../local/faults';
import { createAuthorizer, type DeployedIdentities, documentedCopyRole, loadCatalogue } from '../../../local/iam';
import { inProcessObjects } from '../../../local/s3/in-process-objects';
import { type S3Server, startS3Server } from '../../../local/s3/server';
import { tempDir } from '../../support/stack';

const ACCOUNT = '123456789012';
const BUCKET = 'copy-iam';
/** The COPY role as docs/deploy.md first documented it: s3:GetObject on the data, no s3:ListBucket. */
const GET_ONLY_ROLE = `arn:aws:iam::${ACCOUNT}:role/copy-get-only`;
/** The same role with s3:ListBucket on the data prefix. */
const LISTING_ROLE = `arn:aws:iam::${ACCOUNT}:role/copy-with-list`;
/** A role whose trust policy does not name Redshift. */
const UNTRUSTED_ROLE = `arn:aws:iam::${ACCOUNT}:role/copy-untrusted`;

let s3: S3Server;
let dataApi: DataApiServer;
let client: RedshiftDataClient;

beforeAll(async () => {
  const getOnly = documentedCopyRole({ roleArn: GET_ONLY_ROLE, bucket: BUCKET, prefixes: ['data/'] });
  const listing = documentedCopyRole({ roleArn: LISTING_ROLE, bucket: BUCKET, prefixes: ['data/'] });
  listing.policies.push({
    source: 'copy-with-list/list',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: `arn:aws:s3:::${BUCKET}`,
          Condition: { StringLike: { 's3:prefix': 'data/*' } },
        },
      ],
    },
  });
  const untrusted = documentedCopyRole({ roleArn: UNTRUSTED_ROLE, bucket: BUCKET, prefixes: ['data/'] });
  untrusted.trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
  const identities: DeployedIdentities = {
    partition: 'aws',
    region: 'us-east-1',
    accountId: ACCOUNT,
    roles: new Map(),
    functions: new Map(),
    stateMachines: new Map(),
    resourcePolicies: [],
  };
  const authorizer = createAuthorizer({
    identities,
    catalogue: await loadCatalogue(),
    extraRoles: [getOnly, listing, untrusted],
  });
  const counters = new Counters();
  s3 = await startS3Server({ rootDir: tempDir('copy-iam-s3'), buckets: [BUCKET], counters });
  await s3.store.put(BUCKET, 'data/part-1.csv', '1,a\n2,b\n');
  await s3.store.put(BUCKET, 'data/part-2.csv', '3,c\n');
  dataApi = await startDataApiServer({
    s3: { endpoint: s3.endpoint, inProcess: inProcessObjects(s3.store, NO_FAULTS, counters), authorizer },
    authorizer,
  });
  client = new RedshiftDataClient({
    region: 'us-east-1',
    endpoint: dataApi.endpoint,
    credentials: { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'x' },
  });
  await run('CREATE TABLE t (id INT, v VARCHAR(10))');
});

afterAll(async () => {
  client.destroy();
  await dataApi.stop();
  await s3.stop();
});

async function run(sql: string): Promise<DescribeStatementCommandOutput> {
  const { Id } = await client.send(new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: sql }));
  for (;;) {
    const d = await client.send(new DescribeStatementCommand({ Id }));
    if (d.Status === 'FINISHED' || d.Status === 'FAILED' || d.Status === 'ABORTED') return d;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const copyFrom = (source: string, role: string) => `COPY t FROM 's3://${BUCKET}/${source}' IAM_ROLE '${role}' CSV`;

it('fails a prefix COPY whose role lacks s3:ListBucket with the S3 error text Redshift reports', async () => {
  const d = await run(copyFrom('data/part', GET_ONLY_ROLE));
  expect(d.Status).toBe('FAILED');
  expect(d.Error).toMatch(/^ERROR: S3ServiceException:.*Status 403,Error AccessDenied,Rid \w+,ExtRid \w+,CanRetry 1$/);
  expect(d.Error).toContain(
    `is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::${BUCKET}" because no identity-based policy allows the s3:ListBucket action`,
  );
});

it('loads the same prefix as a role allowed s3:ListBucket on it', async () => {
  const d = await run(copyFrom('data/part', LISTING_ROLE));
  expect(d).toMatchObject({ Status: 'FINISHED', ResultRows: 3 });
});

it('refuses a key outside the role s3:GetObject grant', async () => {
  await s3.store.put(BUCKET, 'secret/part-1.csv', '9,z\n');
  const d = await run(copyFrom('secret/part-1.csv', LISTING_ROLE));
  expect(d.Status).toBe('FAILED');
  expect(d.Error).toContain('S3ServiceException:');
  expect(d.Error).toContain('Error AccessDenied');
});

it('fails when Redshift may not assume the role (trust policy)', async () => {
  const d = await run(copyFrom('data/part', UNTRUSTED_ROLE));
  expect(d).toMatchObject({
    Status: 'FAILED',
    Error: `ERROR: Not authorized to get credentials of role ${UNTRUSTED_ROLE}`,
  });
});
