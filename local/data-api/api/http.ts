/**
 * The awsJson1_1 transport of the Data API: `POST /` with `X-Amz-Target: RedshiftData.<Op>`,
 * JSON bodies, `x-amzn-requestid` on every response, and errors as the SDK parses them
 * (`x-amzn-ErrorType` header + `{"__type","message"}` body).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HttpGuardOptions } from '../../http-guard';
import { guardJsonApi, readApiBody } from '../../json-api-guard';
import { messageOf } from '../engine/errors';
import { type CallerResolver, type RequestContext, requestContext } from './caller';
import { DataApiError, SerializationException, UnknownOperationException } from './errors';

const TARGET_PREFIX = 'RedshiftData.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

export type OperationHandler = (input: Record<string, unknown>, ctx: RequestContext) => Promise<unknown>;

export interface TransportHooks {
  /** Called for every request before its operation runs; may throw a DataApiError (e.g. throttling). */
  beforeOperation(operation: string): void;
  /** The identity behind the access key id that signed the request (see caller.ts). */
  resolveCaller: CallerResolver;
  /** Browser origins / extra Host names let through the request guard (default: loopback, no browsers). */
  guard?: HttpGuardOptions;
  /** IAM (local/iam): throws AccessDeniedException when the signer may not make the call. */
  authorize?(operation: string, input: Record<string, unknown>, accessKeyId: string | undefined): void;
}

/** Build the HTTP request listener dispatching to `handlers` by operation name. */
export function createRequestListener(
  handlers: Record<string, OperationHandler>,
  hooks: TransportHooks,
): RequestListener {
  const listener: RequestListener = (req, res) => {
    void handle(req, res, handlers, hooks);
  };
  return guardJsonApi(listener, { contentType: CONTENT_TYPE }, hooks.guard);
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: Record<string, OperationHandler>,
  hooks: TransportHooks,
): Promise<void> {
  const requestId = randomUUID();
  try {
    const body = await readApiBody(req, (m) => new SerializationException(m));
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const handler = req.method === 'POST' ? handlers[operation] : undefined;
    hooks.beforeOperation(operation);
    if (!handler) throw new UnknownOperationException(target || `${req.method} ${req.url}`);
    const ctx = requestContext(req.headers.authorization, hooks.resolveCaller);
    const input = parseInput(body);
    hooks.authorize?.(operation, input, ctx.accessKeyId || undefined);
    const output = await handler(input, ctx);
    send(res, 200, requestId, output);
  } catch (error) {
    if (error instanceof DataApiError) {
      send(
        res,
        error.httpStatus,
        requestId,
        { __type: error.code, message: error.message, ...error.members },
        error.code,
      );
    } else {
      // A bug in the emulator, not a client fault: surface it as the service would.
      const message = messageOf(error);
      send(res, 500, requestId, { __type: 'InternalServerException', message }, 'InternalServerException');
    }
  }
}

function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SerializationException('Request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationException('Request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}
