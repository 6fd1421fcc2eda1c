// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN formats are written ${...} on purpose
/**
 * The evaluation logic, one documented rule per case. Sources (IAM User Guide):
 * [PEL] "Policy evaluation logic", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * [ACC] "Determining whether a request is allowed or denied within an account",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * [ACT] "IAM JSON policy elements: Action / NotAction", [RES] "Resource / NotResource",
 * [PRI] "AWS JSON policy elements: Principal / NotPrincipal", [VAR] "IAM policy elements: Variables and tags".
 */
import { type Decision, evaluate } from '../../../../local/iam/evaluate';
import { MalformedPolicyDocumentError, normalizePolicy, type PolicyStatement } from '../../../../local/iam/policy';
import { assumedRole, type CallerPrincipal, servicePrincipal } from '../../../../local/iam/principal';
import { RequestContext } from '../../../../local/iam/request-context';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/WarehouseRole`;
const caller = assumedRole(ROLE, 'submitCopy');
const OBJECT = 'arn:aws:s3:::ingest/log_data/2018/11/a.json';

const stmts = (source: string, ...Statement: PolicyStatement[]) =>
  normalizePolicy({ source, document: { Version: '2012-10-17', Statement } });

function decide(opts: {
  identity?: PolicyStatement[];
  resource?: PolicyStatement[];
  action?: string;
  resource_arn?: string;
  principal?: CallerPrincipal;
  context?: Record<string, string | string[]>;
}): Decision['result'] {
  return evaluate(
    { identity: stmts('identity', ...(opts.identity ?? [])), resource: stmts('resource', ...(opts.resource ?? [])) },
    {
      principal: opts.principal ?? caller,
      action: opts.action ?? 's3:GetObject',
      resource: opts.resource_arn ?? OBJECT,
      context: new RequestContext(opts.context ?? {}),
    },
  ).result;
}

const allowGet: PolicyStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ingest/*' };

describe('decision order [PEL][ACC]', () => {
  test('no statement applies: implicit deny', () => {
    expect(decide({})).toBe('ImplicitDeny');
  });
  test('an identity-based Allow allows', () => {
    expect(decide({ identity: [allowGet] })).toBe('Allow');
  });
  test('an explicit Deny overrides any Allow', () => {
    expect(decide({ identity: [allowGet, { Effect: 'Deny', Action: 's3:*', Resource: '*' }] })).toBe('ExplicitDeny');
  });
  test('a Deny in the resource policy overrides an identity Allow', () => {
    const deny = { Effect: 'Deny', Principal: '*' as const, Action: 's3:GetObject', Resource: '*' };
    expect(decide({ identity: [allowGet], resource: [deny] })).toBe('ExplicitDeny');
  });
  test('same account: a resource-based Allow naming the role session allows without an identity policy', () => {
    const allow = { Effect: 'Allow', Principal: { AWS: caller.arn }, Action: 's3:GetObject', Resource: OBJECT };
    expect(decide({ resource: [allow] })).toBe('Allow');
  });
  test('same account: a resource-based Allow naming the role ARN allows its sessions', () => {
    const allow = { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: OBJECT };
    expect(decide({ resource: [allow] })).toBe('Allow');
  });
  test('a resource policy naming only the account delegates to identity policies: alone it does not allow [PRI]', () => {
    const allow = {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:*',
      Resource: '*',
    };
    expect(decide({ resource: [allow] })).toBe('ImplicitDeny');
    expect(decide({ resource: [allow], identity: [allowGet] })).toBe('Allow');
  });
  test('a resource-based Allow for another principal does not allow', () => {
    const allow = {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Other` },
      Action: 's3:*',
      Resource: '*',
    };
    expect(decide({ resource: [allow] })).toBe('ImplicitDeny');
  });
});

describe('Action and NotAction [ACT]', () => {
  test('action names match case-insensitively', () => {
    expect(decide({ identity: [{ ...allowGet, Action: 'S3:getobject' }] })).toBe('Allow');
  });
  test('* and ? wildcards in actions', () => {
    expect(decide({ identity: [{ ...allowGet, Action: 's3:Get*' }] })).toBe('Allow');
    expect(decide({ identity: [{ ...allowGet, Action: 's3:GetObjec?' }] })).toBe('Allow');
    expect(decide({ identity: [{ ...allowGet, Action: 's3:Put*' }] })).toBe('ImplicitDeny');
  });
  test('NotAction matches every action except those listed', () => {
    const notAction = { Effect: 'Allow', NotAction: 's3:PutObject', Resource: '*' };
    expect(decide({ identity: [notAction] })).toBe('Allow');
    expect(decide({ identity: [notAction], action: 's3:PutObject' })).toBe('ImplicitDeny');
  });
});

describe('Resource and NotResource [RES]', () => {
  test('resource ARNs match case-sensitively', () => {
    expect(decide({ identity: [{ ...allowGet, Resource: 'arn:aws:s3:::INGEST/*' }] })).toBe('ImplicitDeny');
  });
  test('* spans slashes, ? is one character', () => {
    expect(decide({ identity: [{ ...allowGet, Resource: 'arn:aws:s3:::ingest/log_data/*' }] })).toBe('Allow');
    expect(decide({ identity: [{ ...allowGet, Resource: 'arn:aws:s3:::ingest/log_data/2018/1?/a.json' }] })).toBe(
      'Allow',
    );
    expect(decide({ identity: [{ ...allowGet, Resource: 'arn:aws:s3:::ingest/song_data/*' }] })).toBe('ImplicitDeny');
  });
  test('a bucket ARN does not cover its objects', () => {
    expect(decide({ identity: [{ ...allowGet, Resource: 'arn:aws:s3:::ingest' }] })).toBe('ImplicitDeny');
  });
  test('NotResource matches every resource except those listed', () => {
    const deny = { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::ingest/log_data/*' };
    expect(decide({ identity: [allowGet, deny] })).toBe('Allow');
    expect(decide({ identity: [allowGet, deny], resource_arn: 'arn:aws:s3:::ingest/x' })).toBe('ExplicitDeny');
  });
});

describe('Principal and NotPrincipal in resource policies [PRI]', () => {
  const s3 = servicePrincipal('s3.amazonaws.com', ACCOUNT);
  const queue = 'arn:aws:sqs:us-east-1:123456789012:events';
  test('a service principal is matched by its Service name', () => {
    const allow = {
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queue,
    };
    expect(decide({ resource: [allow], principal: s3, action: 'sqs:SendMessage', resource_arn: queue })).toBe('Allow');
    const other = { ...allow, Principal: { Service: 'sns.amazonaws.com' } };
    expect(decide({ resource: [other], principal: s3, action: 'sqs:SendMessage', resource_arn: queue })).toBe(
      'ImplicitDeny',
    );
  });
  test('NotPrincipal with Deny denies everyone not listed', () => {
    const deny = { Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 's3:*', Resource: '*' };
    expect(decide({ identity: [allowGet], resource: [deny] })).toBe('Allow');
    const other = assumedRole(`arn:aws:iam::${ACCOUNT}:role/Other`, 's');
    expect(decide({ identity: [allowGet], resource: [deny], principal: other })).toBe('ExplicitDeny');
  });
});

describe('policy variables [VAR]', () => {
  const own = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ingest/home/${aws:username}/*' };
  test('${aws:username} is replaced by the request value', () => {
    const user = { ...caller, type: 'User' as const, userName: 'mary' };
    const ctx = { 'aws:username': 'mary' };
    expect(
      decide({ identity: [own], principal: user, context: ctx, resource_arn: 'arn:aws:s3:::ingest/home/mary/a' }),
    ).toBe('Allow');
    expect(
      decide({ identity: [own], principal: user, context: ctx, resource_arn: 'arn:aws:s3:::ingest/home/bob/a' }),
    ).toBe('ImplicitDeny');
  });
  test('a variable with no value in the request makes the element not match; a default fills it', () => {
    expect(decide({ identity: [own], resource_arn: 'arn:aws:s3:::ingest/home//a' })).toBe('ImplicitDeny');
    const withDefault = { ...own, Resource: "arn:aws:s3:::ingest/home/${aws:username, 'shared'}/*" };
    expect(decide({ identity: [withDefault], resource_arn: 'arn:aws:s3:::ingest/home/shared/a' })).toBe('Allow');
  });
  test('${*} is a literal asterisk, not a wildcard', () => {
    const literal = { ...allowGet, Resource: 'arn:aws:s3:::ingest/${*}' };
    expect(decide({ identity: [literal], resource_arn: 'arn:aws:s3:::ingest/*' })).toBe('Allow');
    expect(decide({ identity: [literal], resource_arn: 'arn:aws:s3:::ingest/a' })).toBe('ImplicitDeny');
  });
  test('variables are not substituted in a policy without Version 2012-10-17', () => {
    const old = normalizePolicy({ source: 'v1', document: { Statement: [own] } });
    const decision = evaluate(
      { identity: old, resource: [] },
      {
        principal: caller,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::ingest/home/${aws:username}/a',
        context: new RequestContext({ 'aws:username': 'mary' }),
      },
    );
    expect(decision.result).toBe('Allow');
  });
});

describe('malformed documents fail by name', () => {
  test('both Action and NotAction', () => {
    expect(() => stmts('bad', { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' })).toThrow(
      new MalformedPolicyDocumentError('bad', 'a statement needs exactly one of Action / NotAction'),
    );
  });
  test('an Effect other than Allow or Deny', () => {
    expect(() => stmts('bad', { Effect: 'Permit', Action: '*', Resource: '*' })).toThrow(
      'MalformedPolicyDocument in bad: Effect must be Allow or Deny, not Permit',
    );
  });
});
