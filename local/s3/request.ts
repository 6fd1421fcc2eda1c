/**
 * The HTTP side of one S3 call: path-style addressing, query, body decoding, and the response
 * helpers shared by the route handlers.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { AwsChunkedDecoder, isAwsChunked, storedContentEncoding } from './aws-chunked';
import { badRequest, type S3Error } from './errors';
import type { ObjectMeta, PutOptions } from './object-meta';
import { errorDoc } from './xml';

/** One request, addressed path-style: `/<bucket>/<key...>?<query>`. */
export interface S3Call {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  bucket?: string;
  /** Decoded key; undefined for service and bucket operations. */
  key?: string;
  query: URLSearchParams;
  requestId: string;
}

export function parseCall(req: IncomingMessage, res: ServerResponse): S3Call {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  // Not `new URL()`: it would resolve `.` and `..` segments, which are legal inside keys.
  const rawPath = q >= 0 ? url.slice(0, q) : url;
  const query = new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
  const trimmed = rawPath.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  const bucket = decode(slash >= 0 ? trimmed.slice(0, slash) : trimmed) || undefined;
  const key = slash >= 0 ? decode(trimmed.slice(slash + 1)) || undefined : undefined;
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  return { req, res, method: (req.method ?? 'GET').toUpperCase(), bucket, key, query, requestId };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badRequest('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** The request payload, with aws-chunked framing removed when present. */
export function bodyStream(req: IncomingMessage): Readable {
  if (!isAwsChunked(req.headers)) return req;
  const decoder = new AwsChunkedDecoder();
  req.on('error', (error) => decoder.destroy(error));
  return req.pipe(decoder);
}

/** The client's CRC32 for a body from `bodyStream`: a header, or a trailer of an aws-chunked body. */
export function expectedCrc32(req: IncomingMessage, body: Readable): () => string | undefined {
  return () => {
    const header = req.headers['x-amz-checksum-crc32'];
    if (typeof header === 'string') return header;
    return body instanceof AwsChunkedDecoder ? body.trailers['x-amz-checksum-crc32'] : undefined;
  };
}

/** Reads a (small, XML) request body. */
export async function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyStream(req)) {
    size += (chunk as Buffer).length;
    if (size > limit) throw badRequest('MaxMessageLengthExceeded', 'Your request was too big.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function baseHeaders(call: S3Call): OutgoingHttpHeaders {
  return {
    'x-amz-request-id': call.requestId,
    'x-amz-id-2': call.requestId,
    server: 'AmazonS3',
  };
}

/** Sends a response; HEAD never carries a body. */
export function send(call: S3Call, status: number, headers: OutgoingHttpHeaders = {}, body?: string | Buffer): void {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all: OutgoingHttpHeaders = { ...baseHeaders(call), ...headers };
  if (payload && all['content-length'] === undefined) all['content-length'] = payload.length;
  if (!payload && all['content-length'] === undefined && status !== 204 && status !== 304) all['content-length'] = 0;
  call.res.writeHead(status, all);
  call.res.end(call.method === 'HEAD' ? undefined : payload);
}

export function sendXml(call: S3Call, status: number, xml: string, headers: OutgoingHttpHeaders = {}): void {
  send(call, status, { 'content-type': 'application/xml', ...headers }, xml);
}

export function sendError(call: S3Call, error: S3Error): void {
  if (call.res.headersSent) {
    call.res.destroy();
    return;
  }
  sendXml(call, error.status, errorDoc(error.code, error.message, error.details, call.requestId));
}

/** `x-amz-meta-*` request headers, names lower-cased without the prefix. */
export function userMetadataFrom(headers: IncomingHttpHeaders): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) {
      meta[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  return meta;
}

/** Object attributes given by a PutObject / CreateMultipartUpload / CopyObject(REPLACE) request. */
export function putOptionsFrom(headers: IncomingHttpHeaders): PutOptions {
  return {
    contentType: headers['content-type'],
    contentEncoding: storedContentEncoding(headers),
    cacheControl: headers['cache-control'],
    contentDisposition: headers['content-disposition'] as string | undefined,
    userMetadata: userMetadataFrom(headers),
  };
}

/** Response headers describing an object (GetObject / HeadObject). */
export function objectHeaders(meta: ObjectMeta): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'content-type': meta.contentType,
    etag: meta.etag,
    'last-modified': meta.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  };
  if (meta.contentEncoding) headers['content-encoding'] = meta.contentEncoding;
  if (meta.cacheControl) headers['cache-control'] = meta.cacheControl;
  if (meta.contentDisposition) headers['content-disposition'] = meta.contentDisposition;
  for (const [name, value] of Object.entries(meta.userMetadata)) headers[`x-amz-meta-${name}`] = value;
  // Whole-object checksum; the SDK validates it when it asked with x-amz-checksum-mode.
  if (meta.checksumCrc32 && !meta.etag.includes('-')) headers['x-amz-checksum-crc32'] = meta.checksumCrc32;
  return headers;
}
