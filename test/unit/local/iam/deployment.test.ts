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

const ROLE = (name: string) => `arn:aws:iam::123456789012:role/redshift-ingest-dev-${name}`;
let ids: DeployedIdentities;

beforeAll(async () => {
  ids = await identitiesFromServerless(serverlessYmlPath(), {
    params: { redshiftWorkgroup: 'local', redshiftWorkgroupId: 'local' },
  });
});

const actionsOf = (roleArn: string): string[] =>
  (ids.roles.get(roleArn)?.policies ?? []).flatMap((p) =>
    (Array.isArray(p.document.Statement) ? p.document.Statement : [p.document.Statement]).flatMap((s) =>
      s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action],
    ),
  );

test('each function runs as the role serverless.yml names for it', () => {
  const roleOf = (fn: string) => ids.functions.get(`redshift-ingest-dev-${fn}`)?.roleArn;
  expect(roleOf('batcher')).toBe(ROLE('BatcherRole'));
  for (const fn of ['submitCopy', 'handleLoadFailure', 'transform', 'qualityChecks', 'backfill']) {
    expect(roleOf(fn)).toBe(ROLE('WarehouseRole'));
  }
  expect(roleOf('replay')).toBe(ROLE('ReplayRole'));
});

test('function ARNs follow the local runner (function:<serverless key>)', () => {
  expect(ids.functions.get('redshift-ingest-dev-transform')?.functionArn).toBe(
    'arn:aws:lambda:us-east-1:123456789012:function:transform',
  );
});

test('the state machine runs as IngestStateMachineRole, which may DescribeStatement but not ExecuteStatement', () => {
  expect(ids.stateMachines.get('redshift-ingest-dev-ingest')?.roleArn).toBe(ROLE('IngestStateMachineRole'));
  const actions = actionsOf(ROLE('IngestStateMachineRole'));
  expect(actions).toContain('redshift-data:DescribeStatement');
  expect(actions).not.toContain('redshift-data:ExecuteStatement');
  expect(actions).toContain('lambda:InvokeFunction');
});

test('with a workgroup, the warehouse role gets the workgroup statements and not the cluster ones (Fn::If resolved)', () => {
  const actions = actionsOf(ROLE('WarehouseRole'));
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
  ]);
});
