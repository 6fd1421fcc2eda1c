/**
 * Items 1 and 2 of issue 10, proven with the local IAM evaluator (local/iam) over the identities
 * serverless.yml deploys: the state machine polls as the role that submitted the statements, and
 * the COPY role the stack creates may list exactly the prefixes COPY reads. Policy evaluation:
 * IAM User Guide, "Policy evaluation logic"; role assumption: "AWS JSON policy elements:
 * Principal" and the Step Functions Task `Credentials` field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type Authorizer, createAuthorizer } from '../../local/iam/authorizer';
import { loadCatalogue } from '../../local/iam/catalogue';
import { identitiesFromServerless } from '../../local/iam/deployment';
import { servicePrincipal } from '../../local/iam/principal';
import { serverlessYmlPath } from '../../local/paths';
import { cloudFormationTags } from '../../local/stepfunctions/cfn-yaml-tags';
import { repoRoot } from './package-once';

const ACCOUNT = '123456789012';
const WORKGROUP_ID = '00000000-0000-4000-8000-000000000001';
const MACHINE = 'redshift-ingest-dev-ingest';
const WAREHOUSE_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-ingest-dev-us-east-1-warehouse`;
const COPY_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-ingest-dev-us-east-1-copy`;
const BUCKET = `redshift-ingest-dev-${ACCOUNT}-us-east-1`;
let iam: Authorizer;

beforeAll(async () => {
  // The defaults (no copyRoleArn): the stack creates the COPY role.
  const identities = await identitiesFromServerless(serverlessYmlPath(), {
    params: { redshiftWorkgroup: 'local', redshiftWorkgroupId: WORKGROUP_ID },
  });
  iam = createAuthorizer({ identities, catalogue: await loadCatalogue(), workgroups: { local: WORKGROUP_ID } });
}, 60_000);

const describeStatement = { service: 'redshift-data', operation: 'DescribeStatement' } as const;

describe('item 1: the poll runs under the identity that submitted the statement', () => {
  test('the Data API tasks name the role of the SQL Lambdas in Credentials.RoleArn', () => {
    const asl = parseYaml(readFileSync(join(repoRoot, 'statemachine', 'ingest.asl.yml'), 'utf8'), {
      customTags: cloudFormationTags,
    });
    const sdk = Object.values(asl.States as Record<string, { Resource?: unknown; Credentials?: unknown }>).filter((s) =>
      String(s.Resource).includes(':aws-sdk:redshiftdata:'),
    );
    expect(sdk.map((s) => s.Credentials)).toEqual(
      sdk.map(() => ({ RoleArn: { 'Fn::GetAtt': ['WarehouseRole', 'Arn'] } })),
    );
    // ...which is the role SubmitCopy and Transform submit with.
    for (const fn of ['submitCopy', 'transform', 'handleLoadFailure']) {
      const submitter = iam.principalOf(iam.functionCredentials(fn).accessKeyId);
      expect(submitter?.arn).toBe(
        `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-ingest-dev-us-east-1-warehouse/redshift-ingest-dev-${fn}`,
      );
    }
  });

  test('the state machine role may assume the warehouse role, and polls as it', () => {
    const machine = iam.stateMachineCredentials(MACHINE);
    const assumed = iam.assumeRole(machine.principal, WAREHOUSE_ROLE, 'poll');
    expect('credentials' in assumed).toBe(true);
    if (!('credentials' in assumed)) return;
    expect(assumed.credentials.principal.arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-ingest-dev-us-east-1-warehouse/poll`,
    );
    const asWarehouse = iam.authorize({ accessKeyId: assumed.credentials.accessKeyId, call: describeStatement });
    expect(asWarehouse.allowed).toBe(true);
    const cancel = iam.authorize({
      accessKeyId: assumed.credentials.accessKeyId,
      call: { service: 'redshift-data', operation: 'CancelStatement' },
    });
    expect(cancel.allowed).toBe(true);
  });

  test('the state machine role itself is not allowed to call the Data API', () => {
    const { accessKeyId } = iam.stateMachineCredentials(MACHINE);
    const r = iam.authorize({ accessKeyId, call: describeStatement });
    expect(r.allowed).toBe(false);
    expect(r.allowed === false && r.error.message).toMatch(
      /not authorized to perform: redshift-data:DescribeStatement/,
    );
  });

  test('no other role may assume the warehouse role (its trust names the state machine role only)', () => {
    const batcher = iam.functionCredentials('batcher').principal;
    const r = iam.assumeRole(batcher, WAREHOUSE_ROLE, 'x');
    expect('error' in r && r.error.code).toBe('AccessDenied');
  });
});

describe('item 2: the created COPY role may list the prefixes COPY reads, and nothing else', () => {
  const copyCredentials = () => {
    const assumed = iam.assumeRole(servicePrincipal('redshift.amazonaws.com', ACCOUNT), COPY_ROLE, 'redshift-copy', {
      'aws:SourceAccount': ACCOUNT,
    });
    if (!('credentials' in assumed)) throw new Error(`COPY role not assumable: ${assumed.error.message}`);
    return assumed.credentials;
  };
  const s3 = (operation: 'ListObjectsV2' | 'GetObject', where: { prefix?: string; key?: string }) =>
    iam.authorize({
      principal: copyCredentials().principal,
      call: { service: 's3', operation, bucket: BUCKET, ...where },
    }).allowed;

  test('Redshift (and Redshift Serverless) may assume it from this account', () => {
    const serverless = iam.assumeRole(
      servicePrincipal('redshift-serverless.amazonaws.com', ACCOUNT),
      COPY_ROLE,
      'redshift-copy',
      { 'aws:SourceAccount': ACCOUNT },
    );
    expect('credentials' in serverless).toBe(true);
    expect(copyCredentials().principal.arn).toContain(':assumed-role/redshift-ingest-dev-us-east-1-copy/');
  });

  test('the file-list COPY lists its manifests/ prefix; data and JSONPaths prefixes are listable too', () => {
    expect(s3('ListObjectsV2', { prefix: 'manifests/log_data/log_data-0123456789abcdef01234567/files-1.json' })).toBe(
      true,
    );
    expect(s3('ListObjectsV2', { prefix: 'log_data/2018/11/' })).toBe(true);
    expect(s3('ListObjectsV2', { prefix: 'config/jsonpaths/log_data.json' })).toBe(true);
  });

  test('listing the whole bucket or another prefix is denied', () => {
    expect(s3('ListObjectsV2', { prefix: '' })).toBe(false);
    expect(s3('ListObjectsV2', { prefix: 'quarantine/' })).toBe(false);
  });

  test('it reads data, manifests and JSONPaths files, and nothing under quarantine/', () => {
    expect(s3('GetObject', { key: 'log_data/2018/11/2018-11-01-events.json' })).toBe(true);
    expect(s3('GetObject', { key: 'manifests/log_data/x/copy-1.manifest' })).toBe(true);
    expect(s3('GetObject', { key: 'config/jsonpaths/log_data.json' })).toBe(true);
    expect(s3('GetObject', { key: 'quarantine/abc' })).toBe(false);
  });
});
