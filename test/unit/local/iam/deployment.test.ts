// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN formats are written ${...} on purpose
/**
 * Identities read from the real serverless.yml (no packaging): which role each function and
 * the state machine run as, and what those roles grant once `Fn::If`/`Fn::Sub`/`GetAtt` are
 * resolved for the local parameters. Facts about the template, not judgements.
 */
import { join } from 'node:path';
import { identitiesFromServerless } from '../../../../local/iam/deployment';
import type { DeployedIdentities } from '../../../../local/iam/identities';
import { serverlessYmlPath } from '../../../../local/paths';

const WORKGROUP_ID = '00000000-0000-4000-8000-000000000001';
let ids: DeployedIdentities;

beforeAll(async () => {
  ids = await identitiesFromServerless(serverlessYmlPath(), {
    params: { redshiftWorkgroup: 'local', redshiftWorkgroupId: WORKGROUP_ID },
  });
});

const roleOf = (fn: string): string => {
  const role = ids.functions.get(`redshift-ingest-dev-${fn}`)?.roleArn;
  if (!role) throw new Error(`no function ${fn}`);
  return role;
};

const actionsOf = (roleArn: string): string[] =>
  (ids.roles.get(roleArn)?.policies ?? []).flatMap((p) =>
    (Array.isArray(p.document.Statement) ? p.document.Statement : [p.document.Statement]).flatMap((s) =>
      s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action],
    ),
  );

test('every function runs as a role the deployment defines; the SQL functions share one (one database user)', () => {
  for (const fn of ['batcher', 'submitCopy', 'handleLoadFailure', 'transform', 'qualityChecks', 'backfill', 'replay']) {
    expect(ids.roles.has(roleOf(fn))).toBe(true);
  }
  const warehouse = roleOf('submitCopy');
  for (const fn of ['handleLoadFailure', 'transform', 'qualityChecks', 'backfill']) expect(roleOf(fn)).toBe(warehouse);
  expect(roleOf('batcher')).not.toBe(warehouse);
  expect(roleOf('replay')).not.toBe(warehouse);
  expect(warehouse).toMatch(/^arn:aws:iam::123456789012:role\/redshift-ingest-dev-/);
});

test('function ARNs follow the local runner (function:<serverless key>)', () => {
  expect(ids.functions.get('redshift-ingest-dev-transform')?.functionArn).toBe(
    'arn:aws:lambda:us-east-1:123456789012:function:transform',
  );
});

test('the state machine runs as its own role, which may invoke the functions but not run SQL', () => {
  const machine = ids.stateMachines.get('redshift-ingest-dev-ingest');
  expect(machine?.arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:redshift-ingest-dev-ingest');
  const actions = actionsOf(machine?.roleArn ?? '');
  expect(actions).toContain('lambda:InvokeFunction');
  expect(actions).not.toContain('redshift-data:ExecuteStatement');
});

test('with a workgroup, the warehouse role gets the workgroup statements and not the cluster ones (Fn::If resolved)', () => {
  const actions = actionsOf(roleOf('transform'));
  expect(actions).toContain('redshift-serverless:GetCredentials');
  expect(actions).not.toContain('redshift:GetClusterCredentials');
  expect(actions).not.toContain('secretsmanager:GetSecretValue');
});

test('the queue policy is attached to the ingest queue ARN, resolved', () => {
  const queue = ids.resourcePolicies.find((p) => p.service === 'sqs');
  expect(queue?.target).toBe('arn:aws:sqs:us-east-1:123456789012:redshift-ingest-dev-events');
  expect(JSON.stringify(queue?.policy.document)).toContain(
    '"aws:SourceArn":"arn:aws:s3:::redshift-ingest-dev-123456789012-us-east-1"',
  );
});

test('a fixture: params, ${self:} and Fn::Sub resolve inside role policies', async () => {
  const fixture = await identitiesFromServerless(join(__dirname, 'missing-action.fixture.yml'));
  const role = fixture.roles.get('arn:aws:iam::123456789012:role/fixture-dev-BatcherRole');
  expect(role?.policies[0].document.Statement).toEqual([
    {
      Effect: 'Allow',
      Action: 'states:DescribeExecution',
      Resource: 'arn:aws:states:us-east-1:123456789012:stateMachine:fixture-dev-ingest',
    },
    { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::fixture-bucket/manifests/*' },
    { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::fixture-bucket/manifests/secret/*' },
    {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::fixture-bucket',
      Condition: { StringLike: { 's3:prefix': ['log_data/*'] } },
    },
  ]);
  expect(fixture.roles.get('arn:aws:iam::123456789012:role/fixture-dev-TaskRole')?.trust?.Statement).toEqual([
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/fixture-dev-BatcherRole' },
      Action: 'sts:AssumeRole',
    },
  ]);
});
