/**
 * The authorizer as the servers will call it: identities from serverless.yml (and a fixture),
 * denials answered with the service's own error. Message format: IAM User Guide, "Troubleshoot
 * access denied error messages"; S3 body: Amazon S3 User Guide, "Troubleshoot access denied
 * (403 Forbidden) errors"; unknown keys: S3 "Error responses" (InvalidAccessKeyId), Data API /
 * Step Functions "Common Errors" (UnrecognizedClientException).
 */
import { join } from 'node:path';
import { type Authorizer, createAuthorizer, disabledAuthorizer } from '../../../../local/iam/authorizer';
import { loadCatalogue } from '../../../../local/iam/catalogue';
import { documentedCopyRole } from '../../../../local/iam/copy-role';
import { identitiesFromServerless } from '../../../../local/iam/deployment';
import { servicePrincipal } from '../../../../local/iam/principal';
import { serverlessYmlPath } from '../../../../local/paths';

const ACCOUNT = '123456789012';
const BUCKET = 'redshift-ingest-dev-123456789012-us-east-1';
const COPY_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-copy`;
const WORKGROUP_ID = '00000000-0000-4000-8000-000000000001';
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:redshift-ingest-dev-ingest';
let iam: Authorizer;
let strict: Authorizer;

beforeAll(async () => {
  const identities = await identitiesFromServerless(serverlessYmlPath(), {
    params: { redshiftWorkgroup: 'local', redshiftWorkgroupId: WORKGROUP_ID },
  });
  const catalogue = await loadCatalogue();
  const extraRoles = [
    documentedCopyRole({
      roleArn: COPY_ROLE,
      bucket: BUCKET,
      prefixes: ['log_data/', 'song_data/', 'manifests/', 'config/jsonpaths/'],
    }),
  ];
  iam = createAuthorizer({ identities, catalogue, extraRoles, workgroups: { local: WORKGROUP_ID } });
  strict = createAuthorizer({ identities, catalogue, extraRoles, strictIam: true });
});

describe('function roles', () => {
  const sql = {
    service: 'redshift-data',
    operation: 'ExecuteStatement',
    workgroupName: 'local',
    database: 'dev',
  } as const;

  test('each function signs with a key of its own role session', () => {
    const creds = iam.functionCredentials('redshift-ingest-dev-submitCopy');
    expect(creds.accessKeyId).toMatch(/^ASIALOCAL[A-Z2-7]{11}$/);
    expect(iam.principalOf(creds.accessKeyId)?.arn).toMatch(
      /^arn:aws:sts::123456789012:assumed-role\/redshift-ingest-dev-[^/]+\/redshift-ingest-dev-submitCopy$/,
    );
    expect(iam.functionCredentials('submitCopy').accessKeyId).toBe(creds.accessKeyId);
    expect(iam.functionCredentials('transform').accessKeyId).not.toBe(creds.accessKeyId);
  });

  test('the warehouse role may run SQL on the workgroup', () => {
    const { accessKeyId } = iam.functionCredentials('transform');
    expect(iam.authorize({ accessKeyId, call: sql }).allowed).toBe(true);
  });

  test('the state machine role may not run SQL: AccessDeniedException with the IAM message', () => {
    const { accessKeyId, principal } = iam.stateMachineCredentials('redshift-ingest-dev-ingest');
    const r = iam.authorize({ accessKeyId, call: sql });
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.error.status).toBe(400);
    expect(r.error.contentType).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(r.error.body)).toEqual({
      __type: 'AccessDeniedException',
      message:
        `User: ${principal.arn} is not authorized to perform: redshift-data:ExecuteStatement on resource: ` +
        `arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/${WORKGROUP_ID} ` +
        'because no identity-based policy allows the redshift-data:ExecuteStatement action',
    });
  });

  test('the batcher may start executions but not read data files: S3 403 AccessDenied XML', () => {
    const { accessKeyId, principal } = iam.functionCredentials('batcher');
    const start = iam.authorize({
      accessKeyId,
      call: { service: 'states', operation: 'StartExecution', stateMachineArn: MACHINE },
    });
    expect(start.allowed).toBe(true);
    const get = iam.authorize({
      accessKeyId,
      call: { service: 's3', operation: 'GetObject', bucket: BUCKET, key: 'log_data/a.json' },
      requestId: 'R1',
    });
    expect(get.allowed).toBe(false);
    if (get.allowed) return;
    expect(get.error.status).toBe(403);
    expect(get.error.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>' +
        `User: ${principal.arn} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/log_data/a.json" ` +
        'because no identity-based policy allows the s3:GetObject action</Message><RequestId>R1</RequestId><HostId>R1</HostId></Error>',
    );
  });
});

describe('the state machine role invokes the pipeline functions by their local ARNs', () => {
  const invoke = (fn: string) => {
    const { principal } = iam.stateMachineCredentials('redshift-ingest-dev-ingest');
    return iam.authorize({
      principal,
      call: {
        service: 'lambda',
        operation: 'Invoke',
        functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn}`,
      },
    });
  };
  test('allowed for a task function', () => {
    expect(invoke('transform').allowed).toBe(true);
  });
  test('denied for a function no task uses: Lambda 403 AccessDeniedException', () => {
    const r = invoke('batcher');
    expect(r.allowed === false && [r.error.status, r.error.code]).toEqual([403, 'AccessDeniedException']);
    expect(r.allowed === false && r.error.message).toMatch(
      /is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:batcher because no identity-based policy allows the lambda:InvokeFunction action$/,
    );
  });
});

describe('a fixture whose function role misses an action it calls', () => {
  let fixture: Authorizer;
  beforeAll(async () => {
    const identities = await identitiesFromServerless(join(__dirname, 'missing-action.fixture.yml'));
    fixture = createAuthorizer({ identities, catalogue: await loadCatalogue() });
  });
  const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:fixture-dev-ingest';

  test('StartExecution is denied with the Step Functions AccessDeniedException', () => {
    const { accessKeyId } = fixture.functionCredentials('batcher');
    const r = fixture.authorize({
      accessKeyId,
      call: { service: 'states', operation: 'StartExecution', stateMachineArn: machine },
    });
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.error.contentType).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(r.error.body)).toEqual({
      __type: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/fixture-dev-BatcherRole/fixture-dev-batcher is not authorized to perform: ' +
        `states:StartExecution on resource: ${machine} because no identity-based policy allows the states:StartExecution action`,
    });
  });

  test('an explicit Deny is reported as such', () => {
    const { accessKeyId } = fixture.functionCredentials('batcher');
    const put = (key: string) =>
      fixture.authorize({
        accessKeyId,
        call: { service: 's3', operation: 'PutObject', bucket: 'fixture-bucket', key },
      });
    expect(put('manifests/b/batch.json').allowed).toBe(true);
    const r = put('manifests/secret/x');
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.error.message).toMatch(/ with an explicit deny in an identity-based policy$/);
  });
});

describe('the fixture: conditions and trust policies', () => {
  let fixture: Authorizer;
  beforeAll(async () => {
    const identities = await identitiesFromServerless(join(__dirname, 'missing-action.fixture.yml'));
    fixture = createAuthorizer({ identities, catalogue: await loadCatalogue() });
  });

  test('ListObjectsV2 is allowed only under the prefixes the s3:prefix condition names', () => {
    const { accessKeyId } = fixture.functionCredentials('batcher');
    const list = (prefix?: string) =>
      fixture.authorize({
        accessKeyId,
        call: { service: 's3', operation: 'ListObjectsV2', bucket: 'fixture-bucket', prefix },
      });
    expect(list('log_data/2018/').allowed).toBe(true);
    expect(list('manifests/').allowed).toBe(false);
    // No prefix in the request: the key is absent and StringLike is false.
    expect(list(undefined).allowed).toBe(false);
  });

  test('a trust policy naming the caller role lets it assume the role without an identity policy', () => {
    const caller = fixture.functionCredentials('batcher').principal;
    const r = fixture.assumeRole(caller, 'arn:aws:iam::123456789012:role/fixture-dev-TaskRole', 'task');
    expect('credentials' in r && r.credentials.principal.arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/fixture-dev-TaskRole/task',
    );
  });

  test('a trust policy naming only the account also needs sts:AssumeRole in the caller policy', () => {
    const caller = fixture.functionCredentials('batcher').principal;
    const r = fixture.assumeRole(caller, 'arn:aws:iam::123456789012:role/fixture-dev-AccountTrustRole', 'task');
    expect('error' in r && r.error.message).toBe(
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ` +
        'arn:aws:iam::123456789012:role/fixture-dev-AccountTrustRole because no identity-based policy allows the sts:AssumeRole action',
    );
  });
});

describe('a missing object: 404 only with s3:ListBucket (S3 API Reference, "GetObject" / "HeadObject", Permissions)', () => {
  test('the batcher (no s3:ListBucket) gets 403 AccessDenied "Access Denied"', () => {
    const { accessKeyId } = iam.functionCredentials('batcher');
    const err = iam.missingObject({
      accessKeyId,
      call: { service: 's3', operation: 'HeadObject', bucket: BUCKET, key: 'manifests/none' },
    });
    expect(err && [err.status, err.code, err.message]).toEqual([403, 'AccessDenied', 'Access Denied']);
  });
  test('the local administrator keeps the 404', () => {
    expect(
      iam.missingObject({
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        call: { service: 's3', operation: 'GetObject', bucket: BUCKET, key: 'x' },
      }),
    ).toBeUndefined();
  });
});

describe('COPY as its IAM_ROLE', () => {
  test('Redshift may assume the COPY role; the role reads data but may not list the bucket', () => {
    const assumed = iam.assumeRole(servicePrincipal('redshift.amazonaws.com', ACCOUNT), COPY_ROLE, 'redshift-copy');
    if (!('credentials' in assumed)) throw new Error(assumed.error.message);
    const principal = assumed.credentials.principal;
    expect(
      iam.authorize({
        principal,
        call: { service: 's3', operation: 'GetObject', bucket: BUCKET, key: 'log_data/a.json' },
      }).allowed,
    ).toBe(true);
    const list = iam.authorize({
      principal,
      call: { service: 's3', operation: 'ListObjectsV2', bucket: BUCKET, prefix: 'manifests/b/' },
    });
    expect(list.allowed).toBe(false);
    if (list.allowed) return;
    expect(list.error.code).toBe('AccessDenied');
    expect(list.error.message).toContain(
      'assumed-role/redshift-copy/redshift-copy is not authorized to perform: s3:ListBucket',
    );
  });

  test('a service the trust policy does not name may not assume it', () => {
    const r = iam.assumeRole(servicePrincipal('lambda.amazonaws.com', ACCOUNT), COPY_ROLE, 'x');
    expect('error' in r && r.error.message).toBe(
      `User: lambda.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: ${COPY_ROLE} because no identity-based policy allows the sts:AssumeRole action`,
    );
  });
});

describe('a COPY role the deployment does not define (a user script run through the AWS CLI)', () => {
  const OWN_ROLE = `arn:aws:iam::${ACCOUNT}:role/dwhRole`;
  const redshift = servicePrincipal('redshift.amazonaws.com', ACCOUNT);
  const get = { service: 's3', operation: 'GetObject', bucket: BUCKET, key: 'anything/a.json' } as const;

  test('acts as the administrator, like an unknown access key', () => {
    const assumed = iam.assumeRole(redshift, OWN_ROLE, 'redshift-copy');
    if (!('credentials' in assumed)) throw new Error(assumed.error.message);
    expect(iam.authorize({ principal: assumed.credentials.principal, call: get }).allowed).toBe(true);
  });

  test('is refused under strict IAM as STS refuses a role that does not exist', () => {
    const r = strict.assumeRole(redshift, OWN_ROLE, 'redshift-copy');
    expect('error' in r && [r.error.code, r.error.message]).toEqual([
      'AccessDenied',
      `User: redshift.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: ${OWN_ROLE} because no identity-based policy allows the sts:AssumeRole action`,
    ]);
  });

  test('a session of a role the deployment defines gets no such allowance', () => {
    const assumed = iam.assumeRole(redshift, COPY_ROLE, 'redshift-copy');
    if (!('credentials' in assumed)) throw new Error(assumed.error.message);
    expect(iam.authorize({ principal: assumed.credentials.principal, call: get }).allowed).toBe(false);
  });
});

describe('S3 -> SQS notification against the queue policy', () => {
  const queueArn = 'arn:aws:sqs:us-east-1:123456789012:redshift-ingest-dev-events';
  const s3 = servicePrincipal('s3.amazonaws.com', ACCOUNT);
  const send = (sourceArn: string, sourceAccount = ACCOUNT) =>
    iam.authorize({
      principal: s3,
      call: { service: 'sqs', operation: 'SendMessage', queueArn },
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
    });
  test('allowed from the ingest bucket of this account', () => {
    expect(send(`arn:aws:s3:::${BUCKET}`).allowed).toBe(true);
  });
  test('denied from another bucket or account', () => {
    expect(send('arn:aws:s3:::other-bucket').allowed).toBe(false);
    expect(send(`arn:aws:s3:::${BUCKET}`, '999999999999').allowed).toBe(false);
  });
});

describe('keys that belong to no identity', () => {
  const call = { service: 's3', operation: 'GetObject', bucket: BUCKET, key: 'a' } as const;
  test('act as the local administrator by default', () => {
    expect(iam.authorize({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', call })).toEqual({
      allowed: true,
      principal: { type: 'Account', arn: 'arn:aws:iam::123456789012:root', accountId: ACCOUNT },
    });
  });
  test('are refused with strict IAM: S3 InvalidAccessKeyId, JSON services UnrecognizedClientException', () => {
    const s3 = strict.authorize({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', call });
    expect(s3.allowed === false && [s3.error.status, s3.error.code, s3.error.message]).toEqual([
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    ]);
    const sfn = strict.authorize({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      call: {
        service: 'states',
        operation: 'ListExecutions',
        stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x',
      },
    });
    expect(sfn.allowed === false && JSON.parse(sfn.error.body)).toEqual({
      __type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });
  test('--no-iam allows everything', () => {
    const off = disabledAuthorizer(ACCOUNT);
    expect(off.enabled).toBe(false);
    expect(off.authorize({ accessKeyId: 'x', call }).allowed).toBe(true);
  });
});
