/**
 * Bounded request bodies for the local servers (S3 XML bodies, the Data API and Step Functions
 * JSON bodies). A body is read into memory only up to a byte limit, enforced as data arrives:
 * past it, reading stops, the promise rejects with {@link BodyTooLargeError}, and the rest of
 * the body is discarded (bounded) so the server's error response can still be read.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Default cap of {@link readBody}: above the largest legitimate body of the emulated APIs (a
 * Data API BatchExecuteStatement holds at most 40 statements of 100 KB; a Step Functions
 * input at most 256 KiB) and small enough that a hostile body costs little memory.
 */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

/** After a refused body, how much more the client may send (discarded) before the connection is cut. */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;
const DISCARD_MAX_MS = 10_000;

/**
 * A request body over the caller's limit. Servers map it to their own 4xx (S3:
 * MaxMessageLengthExceeded; awsJson APIs: a 400 such as SerializationException/ValidationException).
 */
export class BodyTooLargeError extends Error {
  /** The limit in bytes that was exceeded. */
  readonly limit: number;
  /** The Content-Length the client declared, when that is how the excess was seen. */
  readonly declaredLength?: number;
  /** HTTP status a server may answer with when it has no closer code of its own. */
  readonly status = 413;

  constructor(limit: number, declaredLength?: number) {
    super(
      declaredLength === undefined
        ? `Request body exceeds the limit of ${limit} bytes`
        : `Request body of ${declaredLength} bytes exceeds the limit of ${limit} bytes`,
    );
    this.name = 'BodyTooLargeError';
    this.limit = limit;
    this.declaredLength = declaredLength;
  }
}

/**
 * The whole request body as UTF-8, at most `limit` bytes (default {@link DEFAULT_BODY_LIMIT}).
 * Rejects with {@link BodyTooLargeError} as soon as the declared Content-Length or the bytes
 * received exceed the limit, without waiting for the end of the body; the rest of the body is
 * then discarded (the connection is cut if the client sends more than 64 MiB or 10 s more).
 * Other failures (client disconnect) reject with the stream's error.
 */
export async function readBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) {
    discardRest(req);
    throw new BodyTooLargeError(limit, declared);
  }
  try {
    return (await readLimited(req, limit)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) discardRest(req);
    throw error;
  }
}

/** Content-Length as a number, when present and well formed. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/**
 * Collects a stream into one Buffer of at most `limit` bytes. On excess it stops listening,
 * pauses the stream and rejects with {@link BodyTooLargeError}; what becomes of the rest is the
 * caller's choice (see {@link discardRest}).
 */
export function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (stream.readableEnded) {
      resolve(Buffer.alloc(0));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limit) {
        cleanup();
        stream.pause();
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The request was closed before its body ended'));
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * Reads and throws away whatever is left of a request body, so that the response already sent
 * (or about to be) reaches the client and the connection can be reused. A client that keeps
 * sending past `maxBytes` or `maxMs` has its connection destroyed.
 */
export function discardRest(
  req: IncomingMessage,
  { maxBytes = DISCARD_MAX_BYTES, maxMs = DISCARD_MAX_MS }: { maxBytes?: number; maxMs?: number } = {},
): void {
  req.unpipe();
  if (req.readableEnded || req.destroyed) return;
  // Fully received already (e.g. a GET nobody read): let it flow out, nothing more will come.
  if (req.complete) {
    req.resume();
    return;
  }
  let discarded = 0;
  const done = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', done);
    req.off('close', done);
  };
  const cut = () => {
    done();
    req.destroy();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) cut();
  };
  const timer = setTimeout(cut, maxMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', done);
  req.once('close', done);
  // A disconnect while discarding is nobody's concern.
  req.on('error', () => undefined);
  req.resume();
}
