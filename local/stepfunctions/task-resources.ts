/**
 * Local implementations of the Task resources the ingest state machine uses: Lambda functions
 * (by ARN, and through `arn:aws:states:::lambda:invoke`) run in-process through the caller's
 * invoker; `arn:aws:states:::aws-sdk:redshiftdata:<action>` calls the Data API endpoint with the
 * real SDK client, with Step Functions' casing and error naming.
 */
import { randomUUID } from 'node:crypto';
import * as RedshiftDataSdk from '@aws-sdk/client-redshift-data';
import { functionNameOf } from './arns';
import type { TaskIdentity } from './sfn-authorize';
import { toSdkInput, toSfnOutput } from './sfn-casing';
import { LocalRuntimeError, lambdaFailure, sdkFailure } from './task-errors';

/** Invokes a Lambda function by its serverless.yml name; rejects with the handler's error. */
export type InvokeLambda = (functionName: string, event: unknown) => Promise<unknown>;

/** What Task resources need from the local stack. */
export interface TaskResourceDeps {
  invokeLambda: InvokeLambda;
  /**
   * Data API endpoint (the local emulator); region defaults to us-east-1. `credentials` are the
   * keys the SDK tasks sign with (the state machine role's, once identities are wired);
   * default: placeholder keys, which the local Data API takes for its administrator.
   */
  dataApi: { endpoint: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };
  /** IAM: the keys each SDK task signs with (the machine's role or its Task's `Credentials`). */
  taskIdentity?: TaskIdentity;
  stateMachineName?: string;
}

/** A Task state's local implementation: effective input (after Parameters) -> raw result. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke$/;
const REDSHIFT_DATA = /^arn:aws[\w-]*:states:::aws-sdk:redshiftdata:([A-Za-z0-9]+)$/;

/** JSON round trip: a Lambda result crosses a JSON boundary in AWS (Dates, undefined...). */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

async function invokeFunction(deps: TaskResourceDeps, name: string, event: unknown): Promise<unknown> {
  try {
    return asJson(await deps.invokeLambda(name, event));
  } catch (err) {
    throw lambdaFailure(err);
  }
}

/** `lambda:invoke` result, as the optimized integration returns it (`$.Payload`, `$.StatusCode`). */
async function invokeOptimized(deps: TaskResourceDeps, input: unknown): Promise<unknown> {
  const params = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  if (typeof params.FunctionName !== 'string') {
    throw new LocalRuntimeError('lambda:invoke needs Parameters.FunctionName (a string)');
  }
  const payload = await invokeFunction(deps, functionNameOf(params.FunctionName), params.Payload ?? {});
  const requestId = randomUUID();
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: { 'X-Amz-Executed-Version': ['$LATEST'], 'x-amzn-RequestId': [requestId] },
      HttpHeadersCaseInsensitive: { 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

type SdkCommandCtor = new (input: Record<string, unknown>) => Parameters<RedshiftDataSdk.RedshiftDataClient['send']>[0];

function redshiftDataCommand(action: string): SdkCommandCtor | undefined {
  const name = `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
  const ctor = (RedshiftDataSdk as unknown as Record<string, unknown>)[name];
  return typeof ctor === 'function' ? (ctor as SdkCommandCtor) : undefined;
}

/** Redshift Data API through the SDK integration: one client per identity, no SDK retries (AWS does none). */
function redshiftDataHandler(action: string, client: () => RedshiftDataSdk.RedshiftDataClient): TaskHandler {
  const Command = redshiftDataCommand(action);
  return async (input) => {
    if (!Command) throw new LocalRuntimeError(`redshiftdata:${action} is not an action of the Redshift Data API`);
    // The identity is settled first: a role that cannot be assumed fails the task before the call.
    const sdk = client();
    try {
      return toSfnOutput(await sdk.send(new Command(toSdkInput(input))));
    } catch (err) {
      throw sdkFailure('RedshiftData', err);
    }
  };
}

/**
 * Builds handlers for Task resources. The Data API client is created lazily, once, so state
 * machines without SDK tasks need no Data API endpoint.
 */
export function createTaskResources(deps: TaskResourceDeps): {
  handlerFor(resource: string, credentialsField?: unknown): TaskHandler;
  destroy(): void;
} {
  const clients = new Map<string, RedshiftDataSdk.RedshiftDataClient>();
  const getClient = (credentialsField?: unknown): RedshiftDataSdk.RedshiftDataClient => {
    const credentials = (deps.stateMachineName &&
      deps.taskIdentity?.sdkCredentials(deps.stateMachineName, credentialsField)) ||
      deps.dataApi.credentials || { accessKeyId: 'local', secretAccessKey: 'local' };
    let client = clients.get(credentials.accessKeyId);
    if (!client) {
      client = new RedshiftDataSdk.RedshiftDataClient({
        endpoint: deps.dataApi.endpoint,
        region: deps.dataApi.region ?? 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      clients.set(credentials.accessKeyId, client);
    }
    return client;
  };
  return {
    handlerFor(resource: string, credentialsField?: unknown): TaskHandler {
      if (LAMBDA_ARN.test(resource)) {
        const name = functionNameOf(resource);
        return (input) => invokeFunction(deps, name, input);
      }
      if (LAMBDA_INVOKE.test(resource)) return (input) => invokeOptimized(deps, input);
      const sdk = REDSHIFT_DATA.exec(resource);
      if (sdk) return redshiftDataHandler(sdk[1], () => getClient(credentialsField));
      return async () => {
        throw new LocalRuntimeError(`the local stack does not implement Task resource ${resource}`);
      };
    },
    destroy(): void {
      for (const client of clients.values()) client.destroy();
    },
  };
}
