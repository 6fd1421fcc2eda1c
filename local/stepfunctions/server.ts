/**
 * Local Step Functions API over HTTP (awsJson1_0: `POST /`, `X-Amz-Target:
 * AWSStepFunctions.<Op>`), so the batcher's real @aws-sdk/client-sfn StartExecution works
 * against the embedded stack. Errors carry `x-amzn-ErrorType` and `{"__type","message"}`, which
 * the SDK turns into its named exceptions.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Counters } from '../counters';
import type { Faults } from '../faults';
import type { HttpGuardOptions } from '../http-guard';
import type { Authorizer } from '../iam';
import { guardJsonApi, readApiBody } from '../json-api-guard';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './arns';
import type { ExecutionRecord } from './execution-registry';
import { SfnApiError } from './sfn-api-errors';
import { authorizeSfnRequest, type TaskIdentity } from './sfn-authorize';
import { LocalStepFunctions } from './sfn-service';

export type { ExecutionRecord, ExecutionStatus } from './execution-registry';

/** Options for {@link startSfnServer}. */
export interface SfnServerOptions {
  /** 0 or omitted: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  region?: string;
  accountId?: string;
  /** State machines (e.g. from `loadStateMachines`); the ARN is built from `name`. */
  machines: Record<string, { name: string; definition: object }>;
  /** Runs a Lambda function by its serverless.yml name (see local/lambda/runtime.ts). */
  invokeLambda: (name: string, event: unknown) => Promise<unknown>;
  /** Redshift Data API endpoint for `aws-sdk:redshiftdata:*` tasks. */
  dataApi: { endpoint: string; region?: string };
  /** Multiplies waits and retry intervals (0.001: seconds become milliseconds). Default 1. */
  waitScale?: number;
  /** Persist executions here (names stay unique across restarts). Omitted: memory only. */
  stateDir?: string;
  counters?: Counters;
  /** Browser origins / extra Host names let through the request guard (default: loopback, no browsers). */
  guard?: HttpGuardOptions;
  /** Authorizes API requests as their signer (local/iam); omitted: every request is allowed. */
  authorizer?: Authorizer;
  /** The identities SDK tasks sign as (local/stack-iam.ts); omitted: placeholder keys. */
  taskIdentity?: TaskIdentity;
  /** Accepted for the stack's uniform wiring; no Step Functions fault kind exists yet. */
  faults?: Faults;
}

/** A running local Step Functions API. */
export interface SfnServer {
  endpoint: string;
  port: number;
  stateMachineArn(name: string): string;
  /**
   * Resolves when no execution is running (including ones started while waiting); fails after
   * `timeoutMs` (default 30 min) naming the executions still running.
   */
  idle(timeoutMs?: number): Promise<void>;
  /** The executions still running, in words (for timeout messages). */
  describeRunning(): string;
  /** Every known execution, newest first. */
  executions(): ExecutionRecord[];
  /** Closes the port, aborts running executions (recorded ABORTED) and waits for them. */
  stop(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';
const OPERATIONS = [
  'StartExecution',
  'DescribeExecution',
  'ListExecutions',
  'StopExecution',
  'GetExecutionHistory',
  'ListStateMachines',
  'DescribeStateMachine',
] as const;
type Operation = (typeof OPERATIONS)[number];

function send(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...extraHeaders,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: SfnApiError): void {
  send(res, err.status, { __type: err.code, message: err.message }, { 'x-amzn-ErrorType': err.code });
}

async function handle(
  service: LocalStepFunctions,
  req: IncomingMessage,
  res: ServerResponse,
  authorizer?: Authorizer,
): Promise<void> {
  const body = await readApiBody(req, (m) => new SfnApiError('ValidationException', m));
  const target = String(req.headers['x-amz-target'] ?? '');
  const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (req.method !== 'POST' || !(OPERATIONS as readonly string[]).includes(op)) {
    return sendError(
      res,
      new SfnApiError('UnknownOperationException', `Unsupported operation: ${target || req.method}`),
    );
  }
  let input: Record<string, unknown>;
  try {
    input = body.trim() ? JSON.parse(body) : {};
  } catch {
    return sendError(res, new SfnApiError('SerializationException', 'Request body is not valid JSON'));
  }
  const denied = authorizeSfnRequest(authorizer, req, op, input);
  if (denied) {
    return send(res, denied.status, JSON.parse(denied.body), { 'x-amzn-ErrorType': denied.code });
  }
  try {
    send(res, 200, service[op as Operation](input));
  } catch (err) {
    if (err instanceof SfnApiError) return sendError(res, err);
    sendError(res, new SfnApiError('InternalFailure', (err as Error)?.message ?? String(err), 500));
  }
}

/** Starts the local Step Functions API; see {@link SfnServerOptions}. */
export async function startSfnServer(opts: SfnServerOptions): Promise<SfnServer> {
  const service = new LocalStepFunctions({
    ...opts,
    region: opts.region ?? LOCAL_REGION,
    accountId: opts.accountId ?? LOCAL_ACCOUNT_ID,
  });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(service, req, res, opts.authorizer).catch((err) => {
      const apiError = err instanceof SfnApiError ? err : new SfnApiError('InternalFailure', String(err), 500);
      if (!res.headersSent) sendError(res, apiError);
    });
  };
  const server = createServer(guardJsonApi(listener, { contentType: CONTENT_TYPE }, opts.guard));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    stateMachineArn: (name) => service.stateMachineArn(name),
    idle: (timeoutMs?: number) => service.idle(timeoutMs),
    describeRunning: () => service.describeRunning(),
    executions: () => service.registry.list(),
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await service.shutdown('local stack stopped');
      })()),
  };
}
