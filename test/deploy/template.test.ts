/**
 * The deployable service as CloudFormation sees it: `serverless package` runs once (offline, no
 * credentials) and every assertion reads the generated template or the real zips.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cloudFormationTags } from '../../local/stepfunctions/cfn-yaml-tags';
import { allStatements, branches, roleStatements, type Statement } from './iam-statements';
import { type Packaged, packageService, type Resource, repoRoot } from './package-once';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation and ASL documents are free-form JSON, read by path in assertions
type Json = any;

// asl-validator ships no type declarations.
const validateAsl = require('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};

/** The prefixes of every datasets/<folder>/dataset.yml, in folder order: Sparkify and the two examples. */
const DATA_PREFIXES = ['listens/', 'log_data/', 'song_data/', 'subscriptions/'];

const FUNCTIONS = [
  'batcher',
  'submitCopy',
  'handleLoadFailure',
  'transform',
  'qualityChecks',
  'pollStatement',
  'replay',
  'backfill',
  'setup',
];
const logicalId = (fn: string): string => `${fn[0].toUpperCase()}${fn.slice(1)}LambdaFunction`;

const ENV_VARS = [
  'INGEST_BUCKET',
  'REDSHIFT_DATABASE',
  'REDSHIFT_WORKGROUP',
  'REDSHIFT_CLUSTER_ID',
  'REDSHIFT_DB_USER',
  'REDSHIFT_SECRET_ARN',
  'COPY_IAM_ROLE_ARN',
  'STATE_MACHINE_ARN',
  'MANIFEST_MAX_FILES',
  'MANIFEST_MAX_BYTES',
  'POLL_MAX_ATTEMPTS',
  'POLL_MAX_WAIT_SECONDS',
  'REDSHIFT_REGION',
  'WAREHOUSE_WAIT_SECONDS',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_LOG_LEVEL',
];

/**
 * The only actions allowed on Resource "*", each because AWS offers no resource-level
 * permission for it (Service Authorization Reference):
 * - Data API statement reads: a statement id is not an ARN.
 * - CloudWatch Logs vended delivery, which Step Functions logging needs (Step Functions docs,
 *   "IAM policies for logging to CloudWatch Logs").
 */
const STAR_RESOURCE_ACTIONS = new Set([
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
  'redshift-data:CancelStatement',
  'redshift-data:ListStatements',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

let pkg: Packaged;
const resource = (id: string): Resource => {
  const r = pkg.template.Resources[id];
  if (!r) throw new Error(`template has no resource ${id}`);
  return r;
};
const ofType = (type: string): Array<[string, Resource]> =>
  Object.entries(pkg.template.Resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  pkg = packageService();
}, 300_000);

describe('functions', () => {
  test('every Lambda runs nodejs22.x on arm64', () => {
    const lambdas = ofType('AWS::Lambda::Function');
    expect(lambdas.map(([id]) => id)).toEqual(expect.arrayContaining(FUNCTIONS.map(logicalId)));
    for (const [, fn] of lambdas) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  test('each function gets exactly the documented environment, with no "undefined" values', () => {
    for (const fn of FUNCTIONS) {
      const vars = resource(logicalId(fn)).Properties.Environment.Variables as Record<string, unknown>;
      // The set-up function alone gets the admin secret and the user it grants to.
      const own = fn === 'setup' ? ['SETUP_SECRET_ARN', 'PIPELINE_DB_USER'] : [];
      expect(Object.keys(vars).sort()).toEqual([...ENV_VARS, ...own].sort());
      for (const v of Object.values(vars)) {
        expect(JSON.stringify(v)).not.toMatch(/undefined|null|\$\{(param|self|opt|sls):/);
      }
      // Optional settings unset by default: empty strings that shared/config.ts reads as unset.
      expect(vars.REDSHIFT_WORKGROUP).toBe('');
      // The warehouse is in the stack's region unless redshiftRegion says otherwise.
      expect(vars.REDSHIFT_REGION).toBe('us-east-1');
    }
  });

  test("STATE_MACHINE_ARN names the deployed state machine (built, not Ref'd: no cycle)", () => {
    const sm = resource('IngestStateMachine').Properties;
    const env = resource(logicalId('batcher')).Properties.Environment.Variables.STATE_MACHINE_ARN;
    expect(env['Fn::Sub']).toMatch(new RegExp(`:stateMachine:${sm.StateMachineName}$`));
  });

  test('each function zip in the package is at most 500 KB', () => {
    const zips = readdirSync(pkg.dir).filter((f) => f.endsWith('.zip'));
    expect(zips.sort()).toEqual(FUNCTIONS.map((f) => `${f}.zip`).sort());
    for (const zip of zips) {
      expect({ zip, bytes: statSync(join(pkg.dir, zip)).size }).toEqual({ zip, bytes: expect.any(Number) });
      expect(statSync(join(pkg.dir, zip)).size).toBeLessThanOrEqual(500 * 1024);
    }
  });
});

describe('events: bucket -> queue -> batcher', () => {
  test('the queue is encrypted and redrives to an encrypted DLQ', () => {
    const q = resource('IngestQueue').Properties;
    const dlq = resource('IngestDeadLetterQueue').Properties;
    expect(q.SqsManagedSseEnabled).toBe(true);
    expect(dlq.SqsManagedSseEnabled).toBe(true);
    expect(q.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': ['IngestDeadLetterQueue', 'Arn'] });
    expect(q.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(1);
  });

  test('the batcher reads the queue with partial batch failures and a batching window', () => {
    const [[, esm]] = ofType('AWS::Lambda::EventSourceMapping');
    expect(esm.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': ['IngestQueue', 'Arn'] });
    expect(esm.Properties.FunctionName).toEqual({ 'Fn::GetAtt': [logicalId('batcher'), 'Arn'] });
    expect(esm.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(Number(esm.Properties.MaximumBatchingWindowInSeconds)).toBeGreaterThan(0);
    expect(Number(esm.Properties.BatchSize)).toBeGreaterThan(0);
  });

  test('visibility timeout covers 6 x the batcher timeout plus the largest batching window', () => {
    const timeout = Number(resource(logicalId('batcher')).Properties.Timeout);
    expect(Number(resource('IngestQueue').Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * timeout + 300);
  });

  test('only S3, from this bucket and account, may send to the queue', () => {
    const [statement, ...others] = allStatements(pkg.template).filter((s) => s.source === 'IngestQueuePolicy');
    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Principal: { Service: 's3.amazonaws.com' },
    });
    expect(statement.Resource).toEqual([{ 'Fn::GetAtt': ['IngestQueue', 'Arn'] }]);
    expect(Object.keys(statement.Condition?.ArnLike as object)).toEqual(['aws:SourceArn']);
    expect(statement.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  });

  test('a created bucket is private, encrypted, and notifies the queue for every dataset prefix', () => {
    const bucket = resource('IngestBucket');
    expect(bucket.Condition).toBe('CreateBucket');
    expect(bucket.DependsOn).toEqual(expect.arrayContaining(['IngestQueuePolicy']));
    const p = bucket.Properties;
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe(
      'AES256',
    );
    expect(Object.values(p.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    const configs = p.NotificationConfiguration.QueueConfigurations as Array<Record<string, Json>>;
    expect(configs.map((c) => c.Filter.S3Key.Rules)).toEqual(DATA_PREFIXES.map((Value) => [{ Name: 'prefix', Value }]));
    for (const c of configs) {
      expect(c.Event).toBe('s3:ObjectCreated:*');
      expect(c.Queue).toEqual({ 'Fn::GetAtt': ['IngestQueue', 'Arn'] });
    }
  });

  test('an existing bucket gets the same notifications through the custom resource', () => {
    const r = resource('ExistingBucketNotifications');
    expect(r.Condition).toBe('ExistingBucket');
    const configs = r.Properties.QueueConfigurations as Array<Record<string, Json>>;
    expect(configs.map((c) => c.Filter.Key.FilterRules[0].Value)).toEqual(DATA_PREFIXES);
    expect(configs.every((c) => c.Events[0] === 's3:ObjectCreated:*')).toBe(true);
  });

  test('the JSONPaths file is deployed from datasets/sparkify-logs/jsonpaths.json', () => {
    const r = resource('DatasetJsonPaths').Properties;
    const file = JSON.parse(readFileSync(join(repoRoot, 'datasets', 'sparkify-logs', 'jsonpaths.json'), 'utf8'));
    expect(r.Objects).toEqual([{ Key: 'config/jsonpaths/log_data.json', Body: file }]);
    expect(r.Objects[0].Body.jsonpaths).toHaveLength(18);
  });
});

describe('deploy-time custom resource', () => {
  test("its inline code fits CloudFormation's 4 KB ZipFile limit and compiles", () => {
    const code = resource('DeploySupportFunction').Properties.Code.ZipFile as string;
    expect(code.length).toBeLessThanOrEqual(4096);
    const vm = require('node:vm') as typeof import('node:vm');
    expect(() => new vm.Script(`(function (exports, require) {${code}\n})`)).not.toThrow();
  });

  test('its role writes only the JSONPaths prefix, and touches notifications only for an existing bucket', () => {
    const s = roleStatements(pkg.template, 'DeploySupportRole');
    expect(JSON.stringify(s.find((x) => x.Action.includes('s3:PutObject'))?.Resource)).toContain('/config/jsonpaths/*');
    const notify = s.find((x) => x.Action.includes('s3:PutBucketNotification'));
    expect(notify?.Resource).toEqual([expect.objectContaining({ 'Fn::Sub': expect.anything() })]);
    const raw = resource('DeploySupportRole').Properties.Policies[0].PolicyDocument.Statement as unknown[];
    expect(raw.some((x) => JSON.stringify(x).startsWith('{"Fn::If":["ExistingBucket"'))).toBe(true);
  });
});

describe('state machine', () => {
  const dummyArn = (fn: string) => `arn:aws:lambda:us-east-1:123456789012:function:${fn}`;

  /** The deployed definition, placeholders replaced by dummy ARNs named after the functions. */
  function deployedDefinition(): Record<string, Json> {
    const [text, vars] = resource('IngestStateMachine').Properties.DefinitionString['Fn::Sub'] as [
      string,
      Record<string, Json>,
    ];
    const substituted = text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
      const getAtt = vars?.[name]?.['Fn::GetAtt'] as [string, string] | undefined;
      if (!getAtt) return `arn:aws:states:us-east-1:123456789012:${name}`;
      const fn = FUNCTIONS.find((f) => logicalId(f) === getAtt[0]);
      return dummyArn(fn ?? getAtt[0]);
    });
    return JSON.parse(substituted);
  }

  /** statemachine/ingest.asl.yml with each Fn::GetAtt [fn, Arn] replaced the same way. */
  function sourceDefinition(): Record<string, Json> {
    const yml = parseYaml(readFileSync(join(repoRoot, 'statemachine', 'ingest.asl.yml'), 'utf8'), {
      customTags: cloudFormationTags,
    });
    const resolve = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(resolve);
      if (v && typeof v === 'object') {
        const getAtt = (v as Record<string, unknown>)['Fn::GetAtt'] as [string, string] | undefined;
        if (getAtt) return dummyArn(getAtt[0]);
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
      }
      return v;
    };
    return resolve(yml) as Record<string, Json>;
  }

  test('the deployed definition is valid ASL', () => {
    const result = validateAsl(deployedDefinition());
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  test('the deployed definition is statemachine/ingest.asl.yml, state for state', () => {
    expect(deployedDefinition()).toEqual(sourceDefinition());
  });

  test('STANDARD, logs errors without execution data, to its own log group', () => {
    const p = resource('IngestStateMachine').Properties;
    expect(p.StateMachineType).toBe('STANDARD');
    expect(['ERROR', 'ALL']).toContain(p.LoggingConfiguration.Level);
    expect(p.LoggingConfiguration.IncludeExecutionData).toBe(false);
    expect(p.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn).toEqual({
      'Fn::GetAtt': ['IngestStateMachineLogGroup', 'Arn'],
    });
    expect(p.RoleArn).toEqual({ 'Fn::GetAtt': ['IngestStateMachineRole', 'Arn'] });
  });

  test('its role invokes exactly the Lambdas the definition names, unqualified', () => {
    const invoke = roleStatements(pkg.template, 'IngestStateMachineRole').filter((s) =>
      s.Action.includes('lambda:InvokeFunction'),
    );
    const named = Object.values(resource('IngestStateMachine').Properties.DefinitionString['Fn::Sub'][1]).filter((v) =>
      /LambdaFunction$/.test((v as Json)['Fn::GetAtt'][0]),
    );
    expect(invoke).toHaveLength(1);
    expect(invoke[0].Action).toEqual(['lambda:InvokeFunction']);
    expect([...invoke[0].Resource].sort(byJson)).toEqual([...named].sort(byJson));
  });
});

describe('poll identity: the Data API tasks run as the role that submitted the statements', () => {
  const sdkTasks = (): Json[] => {
    const [text] = resource('IngestStateMachine').Properties.DefinitionString['Fn::Sub'] as [string];
    const def = JSON.parse(text.replace(/"\$\{([^}]+)\}"/g, '{"placeholder":"$1"}'));
    return Object.values(def.States as Record<string, Json>).filter((st) =>
      String(st.Resource).includes(':aws-sdk:redshiftdata:'),
    );
  };

  test('every aws-sdk:redshiftdata task takes the warehouse role through Credentials', () => {
    const vars = resource('IngestStateMachine').Properties.DefinitionString['Fn::Sub'][1] as Record<string, Json>;
    const tasks = sdkTasks();
    expect(tasks.length).toBe(4);
    for (const task of tasks) {
      expect(vars[task.Credentials.RoleArn.placeholder]).toEqual({ 'Fn::GetAtt': ['WarehouseRole', 'Arn'] });
    }
  });

  test('the state machine role may assume only the warehouse role, and calls no Data API itself', () => {
    const own = roleStatements(pkg.template, 'IngestStateMachineRole');
    expect(own.filter((s) => s.Action.includes('sts:AssumeRole')).map((s) => s.Resource)).toEqual([
      [{ 'Fn::GetAtt': ['WarehouseRole', 'Arn'] }],
    ]);
    expect(own.flatMap((s) => s.Action).filter((a) => a.startsWith('redshift-data:'))).toEqual([]);
  });

  test('the warehouse role trusts Lambda and, by ARN condition, the state machine role', () => {
    const trust = resource('WarehouseRole').Properties.AssumeRolePolicyDocument.Statement as Json[];
    expect(trust.map((s) => s.Principal)).toEqual([
      { Service: 'lambda.amazonaws.com' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
      { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
    ]);
    const stateMachineRole = resource('IngestStateMachineRole').Properties.RoleName;
    expect(trust[1].Condition.ArnEquals['aws:PrincipalArn']).toEqual({
      'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${stateMachineRole}`,
    });
  });

  test('the warehouse role may describe and cancel statements (no resource ARN exists for them)', () => {
    const reads = roleStatements(pkg.template, 'WarehouseRole').filter((s) =>
      s.Action.includes('redshift-data:CancelStatement'),
    );
    expect(reads.map((s) => [s.Action, s.Resource])).toEqual([
      [['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult', 'redshift-data:CancelStatement'], ['*']],
    ]);
  });
});

describe('fixed role names: the database user IAMR:<role name> survives a role replacement', () => {
  test('the roles that reach the warehouse or S3 data have RoleName set, at most 64 characters', () => {
    for (const id of ['WarehouseRole', 'CopyRole', 'SetupRole', 'IngestStateMachineRole']) {
      const name = resource(id).Properties.RoleName;
      expect(typeof name).toBe('string');
      expect(name.length).toBeLessThanOrEqual(64);
      expect(name).toMatch(/^redshift-ingest-dev-us-east-1-[a-z]+$/);
    }
  });

  test('the set-up function grants to IAMR:<warehouse role name> on a workgroup (empty here: no warehouse)', () => {
    const vars = resource(logicalId('setup')).Properties.Environment.Variables;
    expect(vars.PIPELINE_DB_USER).toBe('');
    expect(vars.SETUP_SECRET_ARN).toBe('');
  });
});

describe('schedule and alarms', () => {
  test('backfill runs on an EventBridge schedule', () => {
    const rules = ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const [[, rule]] = rules;
    expect(rule.Properties.ScheduleExpression).toMatch(/^(rate|cron)\(.+\)$/);
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [logicalId('backfill'), 'Arn'] });
  });

  test('DLQ depth and failed executions alarm to the topic', () => {
    const dlq = resource('DeadLetterQueueAlarm').Properties;
    expect(dlq).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(dlq.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': ['IngestDeadLetterQueue', 'QueueName'] } },
    ]);
    const failed = resource('ExecutionsFailedAlarm').Properties;
    expect(failed).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(failed.Dimensions).toEqual([{ Name: 'StateMachineArn', Value: { Ref: 'IngestStateMachine' } }]);
    for (const alarm of [dlq, failed]) {
      expect(branches(alarm.AlarmActions[0])).toEqual([{ Ref: 'AlarmTopic' }, '']);
    }
    expect(resource('AlarmTopic').Condition).toBe('CreateAlarmTopic');
    expect(resource('AlarmEmailSubscription').Condition).toBe('SubscribeAlarmEmail');
  });
});

describe('IAM: least privilege', () => {
  let statements: Statement[];
  beforeAll(() => {
    statements = allStatements(pkg.template);
  });

  test('serverless generated no role of its own (every function names one)', () => {
    expect(pkg.template.Resources.IamRoleLambdaExecution).toBeUndefined();
    for (const fn of FUNCTIONS) expect(resource(logicalId(fn)).Properties.Role['Fn::GetAtt'][0]).toMatch(/Role$/);
  });

  // Deny statements only take permissions away: serverless's deployment bucket policy denies
  // s3:* without TLS, which is the one wildcard in the template and is kept on purpose.
  test('no Allow grants "*" or "service:*" (no wildcard in any allowed action)', () => {
    const denies = statements.filter((s) => s.Effect === 'Deny');
    expect(denies.map((s) => `${s.source}: ${s.Action.join(',')} if ${JSON.stringify(s.Condition)}`)).toEqual([
      'ServerlessDeploymentBucketPolicy: s3:* if {"Bool":{"aws:SecureTransport":false}}',
    ]);
    const wild = statements
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => s.Action.filter((a) => a.includes('*')).map((a) => `${s.source}: ${a}`));
    expect(wild).toEqual([]);
  });

  test('Resource "*" only for actions AWS cannot scope (see STAR_RESOURCE_ACTIONS)', () => {
    const offenders = statements
      .filter((s) => s.Resource.includes('*'))
      .flatMap((s) => s.Action.filter((a) => !STAR_RESOURCE_ACTIONS.has(a)).map((a) => `${s.source}: ${a}`));
    expect(offenders).toEqual([]);
  });

  test('Data API writes are scoped to the workgroup or the cluster, by condition', () => {
    const execute = statements.filter((s) => s.Action.includes('redshift-data:ExecuteStatement'));
    expect(execute.map((s) => s.source)).toEqual([
      'WarehouseRole/warehouse',
      'WarehouseRole/warehouse',
      'SetupRole/setup',
      'SetupRole/setup',
    ]);
    expect(execute.map((s) => JSON.stringify(s.Resource))).toEqual([
      expect.stringMatching(/redshift-serverless:.*:workgroup\//),
      expect.stringMatching(/redshift:.*:cluster:/),
      expect.stringMatching(/redshift-serverless:.*:workgroup\//),
      expect.stringMatching(/redshift:.*:cluster:/),
    ]);
    const credentials = statements.filter((s) =>
      s.Action.some((a) => /GetCredentials|GetClusterCredentials|GetSecretValue/.test(a)),
    );
    expect(credentials.map((s) => s.Action[0]).sort()).toEqual([
      'redshift-serverless:GetCredentials',
      'redshift:GetClusterCredentials',
      'secretsmanager:GetSecretValue',
      'secretsmanager:GetSecretValue',
    ]);
    expect(credentials.every((s) => !s.Resource.includes('*'))).toBe(true);
  });

  test('S3 object access is by prefix; listing only with an s3:prefix condition', () => {
    const s3 = statements.filter((s) => s.Effect === 'Allow' && s.Action.some((a) => a.startsWith('s3:')));
    for (const s of s3) {
      if (s.Action.includes('s3:ListBucket')) {
        // Folders only, never the whole bucket; only the COPY role (COPY of a file list names a
        // key prefix, which S3 lists) and the warehouse role (the staging clean-up looks up a batch
        // document by a listing) list manifests/.
        const prefixes = (s.Condition?.StringLike as Record<string, string[]> | undefined)?.['s3:prefix'] ?? [];
        expect(Array.isArray(prefixes) && prefixes.length).toBeGreaterThan(0);
        for (const p of prefixes) expect(p).toMatch(/^[a-z0-9_-]+(\/[a-z0-9_-]+)*\/\*$/);
        if (prefixes.includes('manifests/*')) expect(['CopyRole/copy', 'WarehouseRole/warehouse']).toContain(s.source);
        continue;
      }
      for (const r of s.Resource) {
        const text = JSON.stringify(r);
        if (s.Action.some((a) => a.includes('BucketNotification'))) continue;
        expect(text).toMatch(/\/(manifests|quarantine|listens|log_data|song_data|subscriptions|config\/jsonpaths)\/\*/);
      }
    }
    const puts = (role: string) =>
      roleStatements(pkg.template, role)
        .filter((s) => s.Action.includes('s3:PutObject'))
        .flatMap((s) => s.Resource.map((r) => JSON.stringify(r).match(/s3:::\$\{Bucket\}\/([a-z_/]+)\//)?.[1]));
    expect(puts('BatcherRole')).toEqual(['manifests']);
    expect(puts('ReplayRole')).toEqual(['manifests']);
    expect(puts('WarehouseRole').sort()).toEqual(['manifests', 'quarantine']);
  });

  test('executions start only on the ingest state machine', () => {
    const start = statements.filter((s) => s.Action.includes('states:StartExecution'));
    expect(start.map((s) => s.source).sort()).toEqual([
      'BatcherRole/batcher',
      'ReplayRole/replay',
      'WarehouseRole/warehouse',
    ]);
    for (const s of start)
      expect(JSON.stringify(s.Resource)).toMatch(/:stateMachine:redshift-ingest-[a-z0-9-]+-ingest"/);
  });
});

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}
