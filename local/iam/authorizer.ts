/**
 * The entry point the local servers call: who is calling (from the access key of the request's
 * signature), may they make this call (every IAM check of the operation, against their
 * identity policies and the resource's policy), and if not, the exact error the real service
 * returns. Unknown keys act as the local administrator unless `strictIam`; `disabledAuthorizer`
 * (`--no-iam`) allows everything.
 */
import type { Catalogue } from './catalogue';
import { checkOperator } from './conditions';
import { CredentialStore, type LocalCredentials } from './credentials';
import { type AwsErrorResponse, accessDenied, type ErrorProtocol, s3AccessDenied, unknownAccessKey } from './denials';
import { type Decision, evaluate, type PolicySet } from './evaluate';
import type { DeployedIdentities, RoleIdentity } from './identities';
import { type ActionCheck, type OperationCall, OperationMap } from './operations';
import { type NormalizedStatement, normalizePolicy } from './policy';
import { accountRoot, type CallerPrincipal } from './principal';
import { type ContextValue, RequestContext } from './request-context';

export interface AuthorizeInput {
  /** The access key id of the request's signature (undefined: unsigned). */
  accessKeyId?: string;
  /** Instead of a key: a principal the caller already knows (a service principal, a session). */
  principal?: CallerPrincipal;
  call: OperationCall;
  /** Extra request context (e.g. `aws:SourceArn`, `aws:SourceAccount` of a service request). */
  context?: Record<string, ContextValue | undefined>;
  /** For the error's RequestId (S3). */
  requestId?: string;
}

export type AuthorizeResult =
  | { allowed: true; principal: CallerPrincipal }
  | { allowed: false; principal?: CallerPrincipal; error: AwsErrorResponse; check?: ActionCheck; decision?: Decision };

export interface Authorizer {
  /** false for `--no-iam`: every call is allowed and nobody's credentials matter. */
  readonly enabled: boolean;
  authorize(input: AuthorizeInput): AuthorizeResult;
  /**
   * For a GetObject / HeadObject of a key that does not exist: S3 answers 404 only to a caller
   * allowed s3:ListBucket on the bucket, else 403 AccessDenied (S3 API Reference, "GetObject" /
   * "HeadObject", Permissions). Returns that 403, or undefined when the 404 stands.
   */
  missingObject(input: AuthorizeInput): AwsErrorResponse | undefined;
  /** The principal of an access key: a known role session, else undefined. */
  principalOf(accessKeyId: string): CallerPrincipal | undefined;
  /** The credentials a Lambda function signs with (its role, session = function name). */
  functionCredentials(functionName: string): LocalCredentials;
  /** The credentials of a state machine's SDK tasks (its role). */
  stateMachineCredentials(stateMachineName: string): LocalCredentials;
  /** sts:AssumeRole by a principal (trust policy + caller's identity policy), then the session's credentials. */
  assumeRole(
    caller: CallerPrincipal,
    roleArn: string,
    sessionName: string,
    context?: Record<string, ContextValue | undefined>,
  ): { credentials: LocalCredentials } | { error: AwsErrorResponse };
}

export interface AuthorizerOptions {
  identities: DeployedIdentities;
  catalogue: Catalogue;
  /** Unknown access keys are refused (InvalidAccessKeyId / UnrecognizedClientException). */
  strictIam?: boolean;
  /** Workgroup name -> ID (workgroup ARNs use the ID). Default: the name itself. */
  workgroups?: Record<string, string>;
  /** Roles the template does not define (the COPY role the administrator creates). */
  extraRoles?: RoleIdentity[];
}

/** The protocol of each service's errors. */
const PROTOCOL: Record<OperationCall['service'], ErrorProtocol> = {
  s3: 'rest-xml',
  'redshift-data': 'json-1.1',
  states: 'json-1.0',
  sqs: 'json-1.0',
  lambda: 'rest-json',
  sts: 'rest-xml',
};

/** An identity or call the deployment does not define. */
export class UnknownIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownIdentityError';
  }
}

function compile(role: RoleIdentity): NormalizedStatement[] {
  const statements = role.policies.flatMap((p) => normalizePolicy(p));
  for (const s of statements) for (const op of Object.keys(s.condition)) checkOperator(op);
  return statements;
}

export function createAuthorizer(opts: AuthorizerOptions): Authorizer {
  const ids = opts.identities;
  const roles = new Map(ids.roles);
  for (const extra of opts.extraRoles ?? []) roles.set(extra.arn, extra);
  // Policies are normalized (and their operators checked) once, when the stack starts.
  const identityPolicies = new Map([...roles].map(([arn, role]) => [arn, compile(role)]));
  const trustPolicies = new Map(
    [...roles].map(([arn, role]) => [
      arn,
      role.trust ? normalizePolicy({ source: `${role.name}/trust`, document: role.trust }) : [],
    ]),
  );
  const isOutsideRole = (principal: CallerPrincipal): boolean =>
    !opts.strictIam && principal.roleArn !== undefined && !roles.has(principal.roleArn);
  const resourcePolicies = ids.resourcePolicies.map((p) => ({ ...p, statements: normalizePolicy(p.policy) }));
  const operations = new OperationMap(opts.catalogue, {
    partition: ids.partition,
    region: ids.region,
    accountId: ids.accountId,
    workgroupId: (name) => opts.workgroups?.[name] ?? name,
  });
  const store = new CredentialStore();
  const admin = accountRoot(ids.accountId, ids.partition);

  const resourcePolicyOf = (check: ActionCheck): NormalizedStatement[] => {
    if (check.action === 'sts:AssumeRole') return trustPolicies.get(check.resource) ?? [];
    const s3 = /^arn:[^:]+:s3:::([^/]+)/.exec(check.resource)?.[1];
    return resourcePolicies
      .filter((p) => (p.service === 's3' ? p.target === s3 : p.target === check.resource))
      .flatMap((p) => p.statements);
  };

  // The principal's own keys are the same on every request: built once per principal.
  const principalKeys = new WeakMap<CallerPrincipal, RequestContext>();
  const baseContext = (principal: CallerPrincipal): RequestContext => {
    let base = principalKeys.get(principal);
    if (!base) {
      base = new RequestContext({
        'aws:PrincipalArn': principal.roleArn ?? principal.arn,
        'aws:PrincipalAccount': principal.type === 'Service' ? undefined : principal.accountId,
        'aws:PrincipalType': principal.type,
        'aws:PrincipalIsAWSService': principal.type === 'Service',
        'aws:userid': principal.roleName ? `AROALOCAL${principal.roleName}:${principal.sessionName}` : undefined,
        'aws:username': principal.userName,
        'aws:RequestedRegion': ids.region,
        // AWS endpoints are HTTPS; the local ones are not, but policies must see what AWS would.
        'aws:SecureTransport': true,
      });
      principalKeys.set(principal, base);
    }
    return base;
  };
  const contextFor = (principal: CallerPrincipal, extra: AuthorizeInput['context'], check: ActionCheck) =>
    baseContext(principal).with({ 'aws:CurrentTime': currentTime(), ...check.context, ...extra });

  function decide(principal: CallerPrincipal, check: ActionCheck, extra: AuthorizeInput['context']): Decision {
    const policies: PolicySet = {
      identity: principal.roleArn ? (identityPolicies.get(principal.roleArn) ?? []) : [],
      resource: resourcePolicyOf(check),
    };
    const decision = evaluate(policies, {
      principal,
      action: check.action,
      resource: check.resource,
      context: contextFor(principal, extra, check),
    });
    // The administrator is allowed whatever no resource policy explicitly denies; so is a session
    // of a role from outside the deployment (see assumeRole).
    if ((principal === admin || isOutsideRole(principal)) && decision.result === 'ImplicitDeny')
      return { result: 'Allow', policyType: 'identity-based', statement: adminStatement };
    return decision;
  }

  function authorize(input: AuthorizeInput): AuthorizeResult {
    const protocol = PROTOCOL[input.call.service];
    const requestId = input.requestId ?? 'LOCALIAM';
    let principal = input.principal;
    if (!principal) {
      principal = input.accessKeyId ? store.lookup(input.accessKeyId)?.principal : undefined;
      if (!principal && opts.strictIam) {
        return { allowed: false, error: unknownAccessKey(protocol, input.accessKeyId ?? '', requestId) };
      }
      principal ??= admin;
    }
    for (const check of operations.checksFor(input.call)) {
      const decision = decide(principal, check, input.context);
      if (decision.result !== 'Allow') {
        const denied = { principalArn: principal.arn, action: check.action, resource: check.resource };
        return {
          allowed: false,
          principal,
          check,
          decision,
          error: accessDenied(protocol, denied, decision, requestId, input.call.service === 's3'),
        };
      }
    }
    return { allowed: true, principal };
  }

  const roleOf = (roleArn: string, what: string): string => {
    if (!roles.has(roleArn))
      throw new UnknownIdentityError(`${what} runs as ${roleArn}, which the deployment does not define`);
    return roleArn;
  };

  function missingObject(input: AuthorizeInput): AwsErrorResponse | undefined {
    if (input.call.service !== 's3' || !input.call.bucket) return undefined;
    // The implicit check has no documented request context: evaluated without s3:prefix.
    const list = authorize({ ...input, call: { service: 's3', operation: 'HeadBucket', bucket: input.call.bucket } });
    if (list.allowed) return undefined;
    // The ListBucket denial is not the caller's request: S3's generic text, not IAM's.
    return list.principal ? s3AccessDenied('Access Denied', input.requestId ?? 'LOCALIAM') : list.error;
  }

  return {
    enabled: true,
    authorize,
    missingObject,
    principalOf: (key) => store.lookup(key)?.principal,
    functionCredentials(functionName) {
      const entry =
        ids.functions.get(functionName) ??
        [...ids.functions.values()].find((f) => f.functionArn.endsWith(`:function:${functionName}`));
      if (!entry) throw new UnknownIdentityError(`no function ${functionName} in the deployment`);
      const name = [...ids.functions].find(([, f]) => f === entry)?.[0] ?? functionName;
      // Lambda names the role session after the function (Lambda Developer Guide, "execution role").
      return store.issue(roleOf(entry.roleArn, `function ${name}`), name);
    },
    stateMachineCredentials(name) {
      const machine = ids.stateMachines.get(name);
      if (!machine) throw new UnknownIdentityError(`no state machine ${name} in the deployment`);
      return store.issue(roleOf(machine.roleArn, `state machine ${name}`), name);
    },
    assumeRole(caller, roleArn, sessionName, context) {
      // A role the deployment does not define (the COPY role of a user's own script run through
      // the AWS CLI) is the user's: its policies are unknown here, so, like an unknown access key,
      // it acts as the administrator; under strictIam it is refused as STS refuses a missing role.
      if (!roles.has(roleArn) && !opts.strictIam) return { credentials: store.issue(roleArn, sessionName) };
      const result = authorize({
        principal: caller,
        call: { service: 'sts', operation: 'AssumeRole', roleArn, roleSessionName: sessionName },
        context,
      });
      if (!result.allowed) return { error: result.error };
      if (!roles.has(roleArn)) {
        // STS refuses a role that does not exist with the same AccessDenied as a refused trust.
        const decision: Decision = { result: 'ImplicitDeny' };
        return {
          error: accessDenied(
            'rest-xml',
            { principalArn: caller.arn, action: 'sts:AssumeRole', resource: roleArn },
            decision,
            'LOCALIAM',
          ),
        };
      }
      return { credentials: store.issue(roleArn, sessionName) };
    },
  };
}

let timeSecond = 0;
let timeText = '';
/** `aws:CurrentTime` to the second (formatting a date on every request is measurable). */
function currentTime(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== timeSecond) {
    timeSecond = second;
    timeText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return timeText;
}

const adminStatement: NormalizedStatement = {
  source: 'local administrator',
  effect: 'Allow',
  actions: ['*'],
  notAction: false,
  resources: ['*'],
  notResource: false,
  notPrincipal: false,
  condition: {},
  variables: false,
};

/** `--no-iam`: everything is allowed; credentials are still handed out so clients can sign. */
export function disabledAuthorizer(accountId: string): Authorizer {
  const store = new CredentialStore();
  const admin = accountRoot(accountId);
  return {
    enabled: false,
    authorize: () => ({ allowed: true, principal: admin }),
    missingObject: () => undefined,
    principalOf: (key) => store.lookup(key)?.principal,
    functionCredentials: (name) => store.issue(`arn:aws:iam::${accountId}:role/local-no-iam`, name),
    stateMachineCredentials: (name) => store.issue(`arn:aws:iam::${accountId}:role/local-no-iam`, name),
    assumeRole: (_caller, roleArn, sessionName) => ({ credentials: store.issue(roleArn, sessionName) }),
  };
}
