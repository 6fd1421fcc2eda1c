/**
 * The HTTP side of one S3 call: path-style addressing, query, body decoding, and the response
 * helpers shared by the route handlers.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { BodyTooLargeError, declaredLength, readLimited } from '../http-body';
import { AwsChunkedDecoder, decodedContentLength, isAwsChunked, storedContentEncoding } from './aws-chunked';
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

/** S3's limit on key length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** Refuses a key longer than S3 allows for a new object (400 KeyTooLongError). */
export function assertKeyLength(key: string): void {
  const size = Buffer.byteLength(key, 'utf8');
  if (size > MAX_KEY_BYTES) {
    throw badRequest('KeyTooLongError', 'Your key is too long', {
      Size: String(size),
      MaxSizeAllowed: String(MAX_KEY_BYTES),
    });
  }
}

/** S3's largest single PUT (PutObject, UploadPart): 5 GiB. */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

/**
 * Refuses, before reading, a body declared larger than S3 accepts in one PUT (400
 * EntityTooLarge); the declared size is x-amz-decoded-content-length for aws-chunked bodies.
 */
export function assertPutSize(req: IncomingMessage): void {
  const declared = isAwsChunked(req.headers) ? decodedContentLength(req.headers) : declaredLength(req);
  if (declared !== undefined && declared > MAX_PUT_BYTES) {
    throw badRequest('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', {
      ProposedSize: String(declared),
      MaxSizeAllowed: String(MAX_PUT_BYTES),
    });
  }
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badRequest('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/**
 * The request payload, with aws-chunked framing removed when present. The decoder always has an
 * error listener: a framing error must fail the consumer (which sees it through its read), never
 * the process, even when nobody reads yet (the route is still opening a file, or threw first).
 */
export function bodyStream(req: IncomingMessage): Readable {
  if (!isAwsChunked(req.headers)) return req;
  const decoder = new AwsChunkedDecoder({ decodedLength: decodedContentLength(req.headers) });
  decoder.on('error', () => undefined);
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

/**
 * S3 documents no byte cap for its XML request bodies; 8 MiB holds the largest legitimate ones
 * (1000 DeleteObjects keys of 1024 bytes, even fully escaped; 10,000 CompleteMultipartUpload parts).
 */
export const MAX_XML_BODY = 8 * 1024 * 1024;

/** A small request body read whole (aws-chunked decoded), with the trailers it carried. */
export interface SmallBody {
  bytes: Buffer;
  trailers: Record<string, string>;
}

/**
 * Reads a small (XML) request body, at most `limit` bytes, enforced as data arrives: beyond it
 * S3 answers 400 MaxMessageLengthExceeded ("Your request was too big."). The server discards
 * whatever the client still sends after the error.
 */
export async function readSmallBody(req: IncomingMessage, limit = MAX_XML_BODY): Promise<SmallBody> {
  const tooBig = () => badRequest('MaxMessageLengthExceeded', 'Your request was too big.');
  const chunked = isAwsChunked(req.headers);
  const declared = chunked ? decodedContentLength(req.headers) : declaredLength(req);
  if (declared !== undefined && declared > limit) throw tooBig();
  const body = bodyStream(req);
  try {
    const bytes = await readLimited(body, limit);
    return { bytes, trailers: body instanceof AwsChunkedDecoder ? { ...body.trailers } : {} };
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooBig();
    throw error;
  }
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
