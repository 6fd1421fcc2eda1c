/**
 * Local S3-compatible server on `node:http` (path-style addressing, SigV4 headers accepted and
 * ignored), backed by an `ObjectStore` folder, emitting S3 event records for created objects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3EventRecord } from 'aws-lambda';
import { Counters } from '../counters';
import { type Faults, NO_FAULTS } from '../faults';
import { BodyTooLargeError, discardRest } from '../http-body';
import { checkRequest, corsHeaders, type HttpGuardOptions, isPreflight, preflightHeaders } from '../http-guard';
import type { Authorizer } from '../iam';
import { authorizeInputOf, authorizeS3, missingObjectError, S3AccessError } from './authorize';
import { AwsChunkedFramingError } from './aws-chunked';
import * as buckets from './bucket-routes';
import type { S3Context } from './context';
import { NoSuchKeyError, S3Error } from './errors';
import { buildObjectCreatedRecord } from './events';
import * as multipart from './multipart-routes';
import { MultipartUploads } from './multipart-uploads';
import * as objects from './object-routes';
import { ObjectStore } from './object-store';
import { parseCall, type S3Call, send, sendError } from './request';
import { errorDoc } from './xml';

export interface S3ServerOptions {
  /** Folder holding the buckets; reopened as is on restart. */
  rootDir: string;
  /** 0 or undefined = any free port. */
  port?: number;
  host?: string;
  /** Created on start when missing. */
  buckets: string[];
  region?: string;
  faults?: Faults;
  counters?: Counters;
  /** Called after each PutObject / CopyObject / CompleteMultipartUpload has been answered. */
  onObjectCreated?: (record: S3EventRecord) => void;
  /**
   * Browser origins allowed to call the server (CORS); default none: a request carrying `Origin`
   * is refused (403 AccessForbidden). Requests whose `Host` is not loopback are refused
   * (403 AccessDenied) unless listed in `allowedHosts` (see local/http-guard.ts).
   */
  allowedOrigins?: readonly string[];
  allowedHosts?: readonly string[];
  /** Authorizes every request as its signer (local/iam); omitted: every request is allowed. */
  authorizer?: Authorizer;
}

export interface S3Server {
  /** `http://host:port`, for `new S3Client({ endpoint, forcePathStyle: true })`. */
  endpoint: string;
  port: number;
  /** The store behind the server, for fast in-process reads and listings. */
  store: ObjectStore;
  stop(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const store = ObjectStore.open(options.rootDir);
  for (const name of options.buckets) store.createBucket(name);
  const region = options.region ?? 'us-east-1';
  const ctx: S3Context = {
    store,
    region,
    faults: options.faults ?? NO_FAULTS,
    counters: options.counters ?? new Counters(),
    uploads: new MultipartUploads(store.scratchDir()),
    objectCreated(call, eventName, bucket, meta) {
      if (!options.onObjectCreated) return;
      const record = buildObjectCreatedRecord({
        eventName,
        region,
        bucket,
        key: meta.key,
        size: meta.size,
        etag: meta.etag,
        requestId: call.requestId,
        sourceIp: (call.req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      });
      options.onObjectCreated(record);
    },
  };

  const guard: HttpGuardOptions = { allowedOrigins: options.allowedOrigins, allowedHosts: options.allowedHosts };
  const server = createServer((req, res) => {
    void handle(ctx, guard, req, res, options.authorizer);
  });
  // The SDK keeps connections alive; do not let idle sockets hold stop() open.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    store,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          store.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** Response headers a browser may read from an allowed origin. */
const EXPOSED_HEADERS = ['etag', 'x-amz-request-id', 'x-amz-id-2', 'x-amz-checksum-crc32', 'x-amz-version-id'];
const CORS_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

async function handle(
  ctx: S3Context,
  guard: HttpGuardOptions,
  req: IncomingMessage,
  res: ServerResponse,
  authorizer?: Authorizer,
): Promise<void> {
  let call: S3Call | undefined;
  try {
    // Before anything else reads the request: DNS rebinding (foreign Host) and browser origins.
    const refusal = checkRequest(req, guard);
    if (refusal) {
      // CORS refusals are AccessForbidden in S3; a foreign Host gets AccessDenied.
      throw new S3Error(refusal.reason === 'origin' ? 'AccessForbidden' : 'AccessDenied', 403, refusal.message);
    }
    call = parseCall(req, res);
    ctx.counters.inc('s3.requests');
    if (isPreflight(req)) {
      req.resume();
      send(call, 200, preflightHeaders(req, CORS_METHODS));
      return;
    }
    for (const [name, value] of Object.entries(corsHeaders(req, EXPOSED_HEADERS))) res.setHeader(name, value);
    // After routing, before acting: the caller may make this call (local/iam).
    const access = authorizer?.enabled ? authorizeInputOf(call) : undefined;
    authorizeS3(authorizer, access);
    try {
      await route(ctx, call);
    } catch (error) {
      throw (error instanceof NoSuchKeyError && missingObjectError(authorizer, access)) || error;
    }
  } catch (error) {
    if (error instanceof S3AccessError && call && !res.headersSent) {
      res.writeHead(error.status, { 'content-type': error.response.contentType, 'x-amz-request-id': call.requestId });
      res.end(call.method === 'HEAD' ? undefined : error.response.body);
      return;
    }
    const s3Error = toS3Error(error);
    if (call) sendError(call, s3Error);
    else if (!res.headersSent) {
      res.writeHead(s3Error.status, { 'content-type': 'application/xml' });
      res.end(errorDoc(s3Error.code, s3Error.message, s3Error.details, 'local'));
    } else res.destroy();
  } finally {
    // Whatever the route left unread (an error before or while reading the body): discard it so the
    // response reaches the client and the connection stays usable; bounded in bytes and time.
    if (!req.readableEnded) discardRest(req);
  }
}

/**
 * The S3 error for a failure. aws-chunked framing: a body that ends early (or whose decoded
 * length differs from x-amz-decoded-content-length) is `IncompleteBody`, documented as "You did
 * not provide the number of bytes specified by the Content-Length HTTP header"; broken framing
 * (bad chunk size, missing CRLF) is `InvalidRequest`, S3's generic 400 for a request it cannot
 * process as sent (no documented code names bad chunk framing).
 */
function toS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof AwsChunkedFramingError) {
    return error.kind === 'truncated'
      ? new S3Error('IncompleteBody', 400, `The request body terminated unexpectedly (${error.message})`)
      : new S3Error('InvalidRequest', 400, `Invalid chunked request body (${error.message})`);
  }
  if (error instanceof BodyTooLargeError)
    return new S3Error('MaxMessageLengthExceeded', 400, 'Your request was too big.');
  return new S3Error('InternalError', 500, `We encountered an internal error: ${(error as Error).message}`);
}

/** Dispatches on method, addressing and the sub-resource in the query (`?uploads`, `?delete`, ...). */
async function route(ctx: S3Context, call: S3Call): Promise<void> {
  const { method, bucket, key, query } = call;
  if (!bucket) {
    if (method === 'GET') return buckets.listBuckets(ctx, call);
    throw notImplemented(call);
  }
  if (key === undefined) {
    if (method === 'PUT' && query.size === 0) return buckets.createBucket(ctx, call, bucket);
    if (method === 'HEAD') return buckets.headBucket(ctx, call, bucket);
    if (method === 'DELETE' && query.size === 0) return buckets.deleteBucket(ctx, call, bucket);
    if (method === 'GET' && query.has('location')) return buckets.getBucketLocation(ctx, call, bucket);
    if (method === 'POST' && query.has('delete')) return buckets.deleteObjects(ctx, call, bucket);
    if (method === 'GET' && isListing(query)) return buckets.listObjects(ctx, call, bucket);
    throw notImplemented(call);
  }
  const uploadId = query.get('uploadId');
  switch (method) {
    case 'PUT':
      if (uploadId !== null && query.has('partNumber')) {
        if (call.req.headers['x-amz-copy-source']) return multipart.uploadPartCopy(ctx, call, bucket, key);
        return multipart.uploadPart(ctx, call, bucket, key);
      }
      if (call.req.headers['x-amz-copy-source']) return objects.copyObject(ctx, call, bucket, key);
      if (isPlainObjectRequest(query)) return objects.putObject(ctx, call, bucket, key);
      break;
    case 'GET':
    case 'HEAD':
      if (isPlainObjectRequest(query)) return objects.getObject(ctx, call, bucket, key);
      break;
    case 'DELETE':
      if (uploadId !== null) return multipart.abortMultipartUpload(ctx, call, bucket, key);
      if (isPlainObjectRequest(query)) return objects.deleteObject(ctx, call, bucket, key);
      break;
    case 'POST':
      if (query.has('uploads')) return multipart.createMultipartUpload(ctx, call, bucket, key);
      if (uploadId !== null) return multipart.completeMultipartUpload(ctx, call, bucket, key);
      break;
  }
  throw notImplemented(call);
}

/** Sub-resources we do not emulate (acl, tagging, versioning, ...) must not be mistaken for data calls. */
const IGNORED_PARAMS = new Set(['x-id', 'versionId', 'partNumber', 'response-content-type', 'response-cache-control']);

function isPlainObjectRequest(query: URLSearchParams): boolean {
  for (const name of query.keys()) if (!IGNORED_PARAMS.has(name)) return false;
  return true;
}

const LIST_PARAMS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'marker',
  'fetch-owner',
  'x-id',
]);

function isListing(query: URLSearchParams): boolean {
  for (const name of query.keys()) if (!LIST_PARAMS.has(name)) return false;
  return true;
}

function notImplemented(call: S3Call): S3Error {
  call.req.resume();
  const what = [...call.query.keys()].join('&') || 'this request';
  return new S3Error('NotImplemented', 501, `The local S3 server does not implement ${call.method} ${what}`);
}
