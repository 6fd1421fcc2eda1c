/**
 * In-process Lambda runtime: invokes a handler the way the Lambda service does for the local
 * stack (a realistic `Context`, one invocation counted per call, the handler awaited) and lets
 * its error through with its `name` intact, since Step Functions `Retry`/`Catch` match on it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Counters } from '../counters';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, lambdaFunctionArn } from '../stepfunctions/arns';
import { type EnvironmentOverlay, withEnvironment } from './function-env';

/** A Lambda handler in its async form. */
export type LocalHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Invokes a function by its serverless.yml name. */
export type LambdaInvoker = (functionName: string, event: unknown) => Promise<unknown>;

/** Options for {@link createLambdaInvoker}. */
export interface LambdaInvokerOptions {
  /** Function name (serverless.yml `functions` key) -> handler. */
  handlers: Record<string, LocalHandler>;
  counters?: Counters;
  region?: string;
  accountId?: string;
  /** Reported by `getRemainingTimeInMillis` (not enforced). Default 900 s, Lambda's maximum. */
  timeoutMs?: number;
  memoryLimitInMB?: number;
  /**
   * The function's own environment variables over the process's (its role's credentials and
   * name, as its container has them on AWS); undefined: the process's environment as is.
   */
  environment?: (functionName: string) => EnvironmentOverlay | undefined;
}

/** The invoked function is not in the registry. */
export class UnknownFunctionError extends Error {
  constructor(
    readonly functionName: string,
    known: string[],
  ) {
    super(`no local handler for Lambda function "${functionName}" (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownFunctionError';
  }
}

function buildContext(functionName: string, opts: LambdaInvokerOptions, deadline: number): Context {
  const region = opts.region ?? LOCAL_REGION;
  const requestId = randomUUID();
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  const unsupported = (what: string) => (): never => {
    throw new Error(`context.${what} is a legacy callback API; return or throw from an async handler instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: lambdaFunctionArn(functionName, region, opts.accountId ?? LOCAL_ACCOUNT_ID),
    memoryLimitInMB: String(opts.memoryLimitInMB ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

/**
 * Returns an invoker over `handlers`. Each call counts `lambda.invocations`, builds a fresh
 * context and resolves with the handler's result; a handler error is rethrown as is.
 * @throws UnknownFunctionError when `functionName` has no handler.
 */
export function createLambdaInvoker(opts: LambdaInvokerOptions): LambdaInvoker {
  const timeoutMs = opts.timeoutMs ?? 900_000;
  return async (functionName, event) => {
    const handler = opts.handlers[functionName];
    if (!handler) throw new UnknownFunctionError(functionName, Object.keys(opts.handlers));
    opts.counters?.inc('lambda.invocations');
    const context = buildContext(functionName, opts, Date.now() + timeoutMs);
    // Lambda hands each invocation its own copy of the event (it crossed a JSON boundary).
    const payload = event === undefined ? {} : JSON.parse(JSON.stringify(event));
    return withEnvironment(opts.environment?.(functionName), () => handler(payload, context));
  };
}
