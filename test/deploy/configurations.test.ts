/**
 * `serverless package` over the deploy configurations docs/deploy.md describes: seven that must
 * package cleanly (each checked where it differs), and the bad parameter sets of issue 10 item 6,
 * each refused before anything is bundled with a message naming the parameter. Slow (one
 * package per configuration), offline, no credentials.
 */
import { type Packaged, packageService, repositoryCopyWithout, type Template } from './package-once';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation is free-form JSON, read by path in assertions
type Json = any;

const WG = ['redshiftWorkgroup=ingest', 'redshiftWorkgroupId=0a1b2c3d-1111-4222-8333-444455556666'];
const params = (list: string[]): string[] => list.map((p) => `--param=${p}`);
const env = (t: Template, fn = 'SubmitCopyLambdaFunction'): Record<string, Json> =>
  (t.Resources[fn] as Json).Properties.Environment.Variables;
/** The statements of a role's inline policies, Fn::If branches kept as written. */
const statements = (t: Template, role: string): Json[] =>
  (t.Resources[role] as Json).Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
const allowsAction = (t: Template, role: string, action: string): Json[] =>
  statements(t, role).filter((s) => JSON.stringify(s).includes(`"${action}"`));

const packaged = new Map<string, Packaged>();
/** COPY from Parquet refuses REGION: a warehouse in another region deploys without the Parquet example. */
const WITHOUT_PARQUET = ['listens'];
const pkg = (name: string, list: string[]): Packaged => {
  const hit = packaged.get(name);
  if (hit) return hit;
  const crossRegion = list.some((p) => p.startsWith('redshiftRegion='));
  const made = packageService(params(list), crossRegion ? repositoryCopyWithout(WITHOUT_PARQUET) : undefined);
  packaged.set(name, made);
  return made;
};

const CONFIGS: Array<[string, string[], (t: Template) => void]> = [
  [
    'workgroup',
    WG,
    (t) => {
      expect(env(t).REDSHIFT_WORKGROUP).toBe('ingest');
      expect(JSON.stringify(allowsAction(t, 'WarehouseRole', 'redshift-data:ExecuteStatement'))).toContain(
        'workgroup/0a1b2c3d-1111-4222-8333-444455556666',
      );
      expect(env(t, 'SetupLambdaFunction').PIPELINE_DB_USER).toBe('IAMR:redshift-ingest-dev-us-east-1-warehouse');
    },
  ],
  [
    'cluster with DB user',
    ['redshiftClusterId=analytics', 'redshiftDbUser=ingest'],
    (t) => {
      expect(env(t)).toMatchObject({ REDSHIFT_CLUSTER_ID: 'analytics', REDSHIFT_DB_USER: 'ingest' });
      expect(JSON.stringify(allowsAction(t, 'WarehouseRole', 'redshift:GetClusterCredentials'))).toContain(
        'dbuser:analytics/ingest',
      );
      expect(env(t, 'SetupLambdaFunction').PIPELINE_DB_USER).toBe('ingest');
    },
  ],
  [
    'cluster with secret',
    [
      'redshiftClusterId=analytics',
      'redshiftSecretArn=arn:aws:secretsmanager:us-east-1:123456789012:secret:ingest-AbCdEf',
    ],
    (t) => {
      expect(env(t).REDSHIFT_SECRET_ARN).toMatch(/:secret:ingest-AbCdEf$/);
      expect(JSON.stringify(allowsAction(t, 'WarehouseRole', 'secretsmanager:GetSecretValue'))).toContain(
        'ingest-AbCdEf',
      );
    },
  ],
  [
    'existing bucket',
    [
      ...WG,
      'createBucket=false',
      'bucketName=sparkify-raw',
      'bucketKmsKeyArn=arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-4222-8333-444455556666',
    ],
    (t) => {
      expect(t.Resources.IngestBucket.Condition).toBe('CreateBucket');
      expect(JSON.stringify(t.Conditions)).toContain('"false","true"');
      expect(JSON.stringify(env(t).INGEST_BUCKET)).toContain('sparkify-raw');
      expect(JSON.stringify(statements(t, 'CopyRole'))).toContain('kms:Decrypt');
    },
  ],
  [
    'created COPY role',
    WG,
    (t) => {
      expect(t.Resources.CopyRole.Condition).toBe('CreateCopyRole');
      expect(env(t).COPY_IAM_ROLE_ARN).toEqual({
        'Fn::If': ['CreateCopyRole', { 'Fn::GetAtt': ['CopyRole', 'Arn'] }, ''],
      });
      const lists = statements(t, 'CopyRole').filter((s) => s.Action === 's3:ListBucket');
      expect(lists.map((s) => s.Condition.StringLike['s3:prefix'])).toContainEqual([
        'manifests/*',
        'config/jsonpaths/*',
      ]);
    },
  ],
  [
    'brought COPY role',
    [...WG, 'copyRoleArn=arn:aws:iam::123456789012:role/redshift-copy'],
    (t) => {
      expect(env(t).COPY_IAM_ROLE_ARN).toEqual({
        'Fn::If': [
          'CreateCopyRole',
          { 'Fn::GetAtt': ['CopyRole', 'Arn'] },
          'arn:aws:iam::123456789012:role/redshift-copy',
        ],
      });
      expect(JSON.stringify(t.Conditions?.CreateCopyRole)).toContain('arn:aws:iam::123456789012:role/redshift-copy');
    },
  ],
  [
    'bucket in another region than the warehouse',
    [...WG, 'redshiftRegion=us-west-2'],
    (t) => {
      expect(env(t).REDSHIFT_REGION).toBe('us-west-2');
      expect(JSON.stringify(allowsAction(t, 'WarehouseRole', 'redshift-data:ExecuteStatement'))).toContain(
        'redshift-serverless:us-west-2:',
      );
      // The stack (bucket, queue, Lambdas) stays in the region it is deployed to.
      expect(JSON.stringify(env(t).INGEST_BUCKET)).toContain('-us-east-1');
      crossRegionPollIsWired(t);
    },
  ],
];

/**
 * The poll of a warehouse in another region (docs/deploy.md, "Regions"): the submitting Lambdas
 * run in the stack's region with REDSHIFT_REGION the warehouse's, so they route the poll to
 * pollStatement ($.poll.crossRegion), which the definition invokes, the state machine's role may
 * invoke, and which runs as the warehouse role in the warehouse's region.
 */
function crossRegionPollIsWired(t: Template): void {
  const fn = (t.Resources.PollStatementLambdaFunction as Json).Properties;
  expect(fn.Role).toEqual({ 'Fn::GetAtt': ['WarehouseRole', 'Arn'] });
  expect(fn.Environment.Variables.REDSHIFT_REGION).toBe('us-west-2');
  for (const submitter of ['SubmitCopyLambdaFunction', 'HandleLoadFailureLambdaFunction', 'TransformLambdaFunction']) {
    expect(env(t, submitter).REDSHIFT_REGION).toBe('us-west-2');
  }
  const [text, vars] = (t.Resources.IngestStateMachine as Json).Properties.DefinitionString['Fn::Sub'] as [
    string,
    Record<string, Json>,
  ];
  const states = JSON.parse(text.replace(/"\$\{([^}]+)\}"/g, '{"placeholder":"$1"}')).States as Record<string, Json>;
  const target = (state: string): Json => vars[states[state].Resource.placeholder];
  for (const loop of ['Copy', 'Transform']) {
    expect(states[`${loop}PollRoute`].Choices).toEqual([
      { Variable: '$.poll.crossRegion', BooleanEquals: true, Next: `Describe${loop}CrossRegion` },
    ]);
    for (const action of ['Describe', 'Cancel']) {
      const state = `${action}${loop}CrossRegion`;
      expect({ state, target: target(state) }).toEqual({
        state,
        target: { 'Fn::GetAtt': ['PollStatementLambdaFunction', 'Arn'] },
      });
      expect(states[state].Parameters.Action).toBe(`${action}Statement`);
    }
  }
  const invoke = allowsAction(t, 'IngestStateMachineRole', 'lambda:InvokeFunction');
  expect(invoke.flatMap((s) => s.Resource)).toContainEqual({ 'Fn::GetAtt': ['PollStatementLambdaFunction', 'Arn'] });
  // The warehouse role describes and cancels what it submitted; the Data API takes no resource ARN.
  const reads = allowsAction(t, 'WarehouseRole', 'redshift-data:CancelStatement');
  expect(reads).toHaveLength(1);
  expect(reads[0].Action).toEqual(
    expect.arrayContaining(['redshift-data:DescribeStatement', 'redshift-data:CancelStatement']),
  );
  expect(reads[0].Resource).toBe('*');
  expect(JSON.stringify(statements(t, 'WarehouseRole'))).toContain('PollStatementLogGroup');
}

describe('seven configurations package cleanly', () => {
  test.each(CONFIGS)(
    '%s',
    (name, list, check) => {
      check(pkg(name, list).template);
    },
    300_000,
  );

  test('a long stage in the longest region still fits: bucket <= 63, role names <= 64', () => {
    const { template } = packageService([...params(WG), '--stage', 'x'.repeat(30), '--region', 'ap-southeast-4']);
    const bucket = JSON.stringify(env(template).INGEST_BUCKET).match(
      /"([a-z0-9-]+)-\$\{AWS::AccountId\}-([a-z0-9-]+)"/,
    );
    expect(bucket).not.toBeNull();
    expect(`${bucket?.[1]}-123456789012-${bucket?.[2]}`.length).toBeLessThanOrEqual(63);
    for (const role of ['WarehouseRole', 'CopyRole', 'SetupRole', 'IngestStateMachineRole']) {
      expect((template.Resources[role] as Json).Properties.RoleName.length).toBeLessThanOrEqual(64);
    }
  }, 300_000);
});

describe('bad parameter sets are refused, naming the parameter', () => {
  test.each([
    ['an empty workgroup ID', ['redshiftWorkgroup=ingest'], 'redshiftWorkgroupId'],
    ['a workgroup name as its ID', ['redshiftWorkgroup=ingest', 'redshiftWorkgroupId=ingest'], 'redshiftWorkgroupId'],
    ['a malformed COPY role', [...WG, 'copyRoleArn=redshift-copy'], 'copyRoleArn'],
    ['a cluster without credentials', ['redshiftClusterId=analytics'], 'redshiftDbUser'],
    ['workgroup and cluster', [...WG, 'redshiftClusterId=analytics', 'redshiftDbUser=ingest'], 'redshiftClusterId'],
    ['a 64-character bucket name', [...WG, `bucketName=${'b'.repeat(64)}`], 'bucketName'],
    ['a malformed warehouse region', [...WG, 'redshiftRegion=west'], 'redshiftRegion'],
    // COPY from columnar formats needs the bucket in the warehouse's region and refuses REGION.
    [
      'a warehouse in another region with a Parquet dataset (listens)',
      [...WG, 'redshiftRegion=us-west-2'],
      'redshiftRegion',
    ],
  ])(
    '%s',
    (_name, list, param) => {
      expect(() => packageService(params(list))).toThrow(`Invalid deploy parameter "${param}"`);
    },
    120_000,
  );

  test('a stage too long for Lambda function names', () => {
    expect(() => packageService([...params(WG), '--stage', 'x'.repeat(31)])).toThrow(
      'Invalid deploy parameter "stage"',
    );
  }, 120_000);
});
