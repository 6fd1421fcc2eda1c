/**
 * The request guard and the body limit for the two awsJson endpoints of the local stack (the
 * Redshift Data API and Step Functions). The S3 server answers in XML and has its own wiring;
 * these two speak the same JSON error shape, so one wrapper serves both:
 *
 * - {@link guardJsonApi} refuses a foreign `Host` (DNS rebinding) or an unlisted browser
 *   `Origin` before the service sees the request, with a JSON `AccessDeniedException`.
 * - {@link readApiBody} reads a bounded body and turns {@link BodyTooLargeError} into the
 *   service's own 400, so an over-limit body is a client fault and never a 500.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { BodyTooLargeError, discardRest, readBody } from './http-body';
import { checkRequest, type HttpGuardOptions } from './http-guard';

/** How a JSON API names its errors on the wire. */
export interface JsonApiShape {
  /** `application/x-amz-json-1.1` (Data API) or `-1.0` (Step Functions). */
  contentType: string;
}

/**
 * Wraps a request listener so that requests from a foreign Host or a browser origin not in
 * `guard.allowedOrigins` are answered 403 `AccessDeniedException` without reaching `listener`.
 * AWS has no such check (its endpoints are not on the user's loopback); this is a local-only
 * defence, answered in the service's error shape so an SDK raises a named error.
 */
export function guardJsonApi(
  listener: RequestListener,
  shape: JsonApiShape,
  guard: HttpGuardOptions = {},
): RequestListener {
  return (req, res) => {
    const refusal = checkRequest(req, guard);
    if (!refusal) {
      listener(req, res);
      return;
    }
    sendJsonError(res, shape, 403, 'AccessDeniedException', refusal.message);
    // The body was never read: throw it away (bounded) so the answer reaches the client.
    discardRest(req);
  };
}

/**
 * The request body as text, at most `limit` bytes (default: http-body's limit). Over the limit
 * it rejects with `toApiError(message)`, the service's 400, instead of a bare BodyTooLargeError
 * that a listener would answer as an internal error.
 */
export async function readApiBody(
  req: IncomingMessage,
  toApiError: (message: string) => Error,
  limit?: number,
): Promise<string> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw toApiError(error.message);
    throw error;
  }
}

/** One awsJson error response: `x-amzn-ErrorType` header and `{"__type","message"}` body. */
export function sendJsonError(
  res: ServerResponse,
  shape: JsonApiShape,
  status: number,
  code: string,
  message: string,
): void {
  if (res.headersSent) return;
  const text = JSON.stringify({ __type: code, message });
  res.writeHead(status, {
    'content-type': shape.contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': code,
  });
  res.end(text);
}
