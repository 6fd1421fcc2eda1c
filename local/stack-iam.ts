/**
 * IAM enforcement for one local stack: the authorizer built at start-up from the deployable
 * definition (serverless.yml, or a given template), and the small adapters each server and
 * component of the stack calls (Data API caller identity, Lambda credentials, the state
 * machine's Lambda invocations, the bucket -> queue notification). docs/local-fidelity.md (IAM)
 * lists what is enforced where.
 */
import { join } from 'node:path';
import { type Caller, type CallerResolver, LOCAL_ADMIN } from './data-api/api/caller';
import { DataApiError } from './data-api/api/errors';
import {
  type AuthorizeInput,
  type Authorizer,
  type CallerPrincipal,
  createAuthorizer,
  disabledAuthorizer,
  type LocalCredentials,
  loadCatalogue,
  servicePrincipal,
} from './iam';
import { cachedIdentities } from './iam-identities-cache';
import { datasetsDir, repoRoot, serverlessYmlPath } from './paths';
import { LOCAL_ACCOUNT_ID, lambdaFunctionArn } from './stepfunctions/arns';
import type { TaskIdentity } from './stepfunctions/sfn-authorize';
import { TaskFailedError } from './stepfunctions/task-errors';

/** `enforce`: every call is authorized as on AWS; `off` (`--no-iam`): everything is allowed. */
export type IamMode = 'enforce' | 'off';

/** Overrides the default below for a whole run (`off`: the suite or the bench without IAM). */
export const IAM_MODE_VARIABLE = 'REDSHIFT_INGEST_IAM';

function defaultIamMode(): IamMode {
  const value = process.env[IAM_MODE_VARIABLE];
  if (value === undefined || value === '') return 'enforce';
  if (value !== 'enforce' && value !== 'off')
    throw new Error(`${IAM_MODE_VARIABLE} must be 'enforce' or 'off', got '${value}'`);
  return value;
}

/**
 * THE default of every entry point (stack, CLI, npm start, tests, bench): enforcement, so a green
 * local run means the deployment's roles, grants and sessions hold. `--no-iam` (CLI), `iam: 'off'`
 * (stack option) or `REDSHIFT_INGEST_IAM=off` turn it off.
 */
export const DEFAULT_IAM_MODE: IamMode = defaultIamMode();

/** What the CLI prints when enforcement is off for a run. */
export const IAM_OFF_NOTICE = 'IAM enforcement is off (--no-iam): every call is allowed';

/** The local Redshift Serverless workgroup's ID (workgroup ARNs use the ID; deploy-config wants a UUID). */
export const LOCAL_WORKGROUP_ID = '0a1b2c3d-0000-4000-8000-00000000100c';

/**
 * The stack's own administrator key (set-up SQL, the CLI's engine queries): the account's
 * root even under `--strict-iam`, where unknown keys are refused.
 */
export const STACK_ADMIN_KEY = 'AKIALOCALSTACKADMIN0';

export interface StackIamOptions {
  iam?: IamMode;
  strictIam?: boolean;
  /** Identities from this serverless.yml or packaged template (`.json`); default the repository's serverless.yml. */
  identitiesFrom?: string;
  bucket: string;
  workgroup: string;
  datasetsDir?: string;
}

export interface StackIam {
  mode: IamMode;
  authorizer: Authorizer;
  /** The COPY role of the deployment (CopyRole), when it defines one. */
  copyRoleArn?: string;
  /** The state machine role's principal (its SDK tasks and Lambda invocations). */
  stateMachineCredentials(name: string): LocalCredentials | undefined;
  /** AWS_ACCESS_KEY_ID & co. of a Lambda function's container (undefined: the process's own). */
  functionEnvironment(functionName: string): Record<string, string | undefined> | undefined;
  /** The Data API's caller of an access key (role sessions -> their role, others -> administrator). */
  resolveCaller: CallerResolver;
  /** May the state machine's role invoke this function? The error Step Functions reports, if not. */
  checkInvoke(stateMachineName: string, functionName: string): Error | undefined;
  /** Who the state machine's SDK tasks sign as (its role, or a Task's `Credentials` role). */
  taskIdentity: TaskIdentity;
  /** May S3 deliver this bucket's events to the deployment's queue (its queue policy)? */
  notificationAllowed(bucket: string): boolean;
}

/** The role session or account behind a principal, as the Data API names callers. */
function callerOf(principal: CallerPrincipal | undefined): Caller | undefined {
  if (!principal?.roleArn || !principal.roleName) return undefined;
  return { arn: principal.roleArn, kind: 'role', name: principal.roleName };
}

/** Lambda's error for a refused Invoke, as Step Functions' lambda:invoke task reports it. */
class LambdaAccessDenied extends Error {
  override name = 'Lambda.AWSLambdaException';
}

/** An unknown access key under --strict-iam, as the Data API refuses it. */
class UnrecognizedClient extends DataApiError {
  constructor() {
    super('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  }
}

/** Builds the stack's authorizer (identities cached per process and on disk). */
export async function createStackIam(opts: StackIamOptions): Promise<StackIam> {
  const mode = opts.iam ?? DEFAULT_IAM_MODE;
  if (mode === 'off') return adapters('off', disabledAuthorizer(LOCAL_ACCOUNT_ID), {});
  const path = opts.identitiesFrom ?? serverlessYmlPath();
  const params = {
    redshiftWorkgroup: opts.workgroup,
    redshiftWorkgroupId: LOCAL_WORKGROUP_ID,
    bucketName: opts.bucket,
  };
  const root = repoRoot();
  const identities = await cachedIdentities(
    {
      path,
      params,
      // The roles grant the prefixes of the folder this stack loads, as a deploy of it would.
      cliOptions: opts.datasetsDir ? { datasets: opts.datasetsDir } : undefined,
      inputs: [join(root, 'bin'), join(root, 'statemachine'), opts.datasetsDir ?? datasetsDir()],
    },
    join(root, 'node_modules', '.cache', 'redshift-ingest-iam'),
  );
  const authorizerOptions = {
    identities,
    catalogue: await loadCatalogue(),
    workgroups: { [opts.workgroup]: LOCAL_WORKGROUP_ID },
  };
  const inner = createAuthorizer({ ...authorizerOptions, strictIam: opts.strictIam });
  // The stack's own key is its administrator, also when strict IAM refuses unknown keys: it is
  // answered by a lenient authorizer, for which an unsigned call is the administrator.
  const lenient = opts.strictIam ? createAuthorizer(authorizerOptions) : inner;
  const asAdmin = (input: AuthorizeInput): AuthorizeInput => ({ ...input, accessKeyId: undefined });
  const authorizer: Authorizer = {
    ...inner,
    authorize: (input) =>
      input.accessKeyId === STACK_ADMIN_KEY && !input.principal
        ? lenient.authorize(asAdmin(input))
        : inner.authorize(input),
    missingObject: (input) =>
      input.accessKeyId === STACK_ADMIN_KEY ? lenient.missingObject(asAdmin(input)) : inner.missingObject(input),
  };
  return adapters('enforce', authorizer, {
    copyRoleArn: [...identities.roles.values()].find((r) => r.logicalId === 'CopyRole')?.arn,
    queueArn: identities.resourcePolicies.find((p) => p.service === 'sqs')?.target,
    strictIam: opts.strictIam,
    roleByLogicalId: new Map(
      [...identities.roles.values()].flatMap((r) => (r.logicalId ? [[r.logicalId, r.arn]] : [])),
    ),
  });
}

interface Deployment {
  copyRoleArn?: string;
  /** The event queue (the one with a queue policy). */
  queueArn?: string;
  strictIam?: boolean;
  /** Template logical id -> role ARN (`Fn::GetAtt: [Role, Arn]` in a Task's Credentials). */
  roleByLogicalId?: Map<string, string>;
}

/** A Task's `Credentials.RoleArn` as an ARN: a literal, or `Fn::GetAtt` of a template role. */
function credentialsRoleArn(field: unknown, roles: Map<string, string> | undefined): string | undefined {
  const roleArn = (field as { RoleArn?: unknown } | undefined)?.RoleArn;
  if (typeof roleArn === 'string') return roleArn;
  const getAtt = (roleArn as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return roles?.get(String(getAtt[0])) ?? String(getAtt[0]);
  return undefined;
}

function adapters(mode: IamMode, authorizer: Authorizer, deployment: Deployment): StackIam {
  const { copyRoleArn, queueArn, strictIam, roleByLogicalId } = deployment;
  const machineCredentials = (name: string): LocalCredentials | undefined => {
    if (!authorizer.enabled) return undefined;
    return authorizer.stateMachineCredentials(name);
  };
  return {
    mode,
    authorizer,
    copyRoleArn,
    stateMachineCredentials: machineCredentials,
    functionEnvironment(functionName) {
      if (!authorizer.enabled) return undefined;
      const creds = authorizer.functionCredentials(functionName);
      return {
        AWS_ACCESS_KEY_ID: creds.accessKeyId,
        AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
        // Lambda's role credentials are temporary; the local servers do not check tokens.
        AWS_SESSION_TOKEN: undefined,
        AWS_LAMBDA_FUNCTION_NAME: functionName,
      };
    },
    resolveCaller(accessKeyId) {
      if (!authorizer.enabled || accessKeyId === STACK_ADMIN_KEY) return LOCAL_ADMIN;
      const principal = accessKeyId ? authorizer.principalOf(accessKeyId) : undefined;
      const caller = callerOf(principal);
      if (caller) return caller;
      if (strictIam) throw new UnrecognizedClient();
      return LOCAL_ADMIN;
    },
    taskIdentity: {
      sdkCredentials(stateMachineName, credentialsField) {
        const machine = machineCredentials(stateMachineName);
        if (!machine || credentialsField === undefined) return machine;
        const roleArn = credentialsRoleArn(credentialsField, roleByLogicalId);
        if (!roleArn) throw new TaskFailedError('States.Runtime', 'The Credentials field names no RoleArn');
        // The state machine's role assumes the Task's role: its trust policy and sts:AssumeRole grant.
        const assumed = authorizer.assumeRole(machine.principal, roleArn, stateMachineName);
        if ('error' in assumed) {
          throw new TaskFailedError(
            'States.TaskFailed',
            `Step Functions could not assume the role ${roleArn} given in Credentials: ${assumed.error.message}`,
          );
        }
        return assumed.credentials;
      },
    },
    checkInvoke(stateMachineName, functionName) {
      const creds = machineCredentials(stateMachineName);
      if (!creds) return undefined;
      const result = authorizer.authorize({
        principal: creds.principal,
        call: { service: 'lambda', operation: 'Invoke', functionArn: lambdaFunctionArn(functionName) },
      });
      if (result.allowed) return undefined;
      // Step Functions' cause: the service's message and its status/code (Lambda answers 403).
      return new LambdaAccessDenied(
        `${result.error.message} (Service: AWSLambda; Status Code: ${result.error.status}; Error Code: ${result.error.code})`,
      );
    },
    notificationAllowed(bucket) {
      if (!authorizer.enabled || !queueArn) return true;
      return authorizer.authorize({
        principal: servicePrincipal('s3.amazonaws.com', LOCAL_ACCOUNT_ID),
        call: { service: 'sqs', operation: 'SendMessage', queueArn },
        // S3 sends as its service principal, naming the bucket and its owner (S3 User Guide,
        // "Walkthrough: Configuring a bucket for notifications": the queue policy's conditions).
        context: { 'aws:SourceArn': `arn:aws:s3:::${bucket}`, 'aws:SourceAccount': LOCAL_ACCOUNT_ID },
      }).allowed;
    },
  };
}
