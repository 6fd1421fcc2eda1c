/** Object operations: PutObject, GetObject (with Range), HeadObject, DeleteObject, CopyObject. */
import { pipeline } from 'node:stream/promises';
import type { S3Context } from './context';
import { badRequest, NoSuchKeyError, S3Error } from './errors';
import type { ObjectMeta } from './object-meta';
import {
  assertKeyLength,
  assertPutSize,
  bodyStream,
  expectedCrc32,
  objectHeaders,
  putOptionsFrom,
  type S3Call,
  send,
  sendXml,
} from './request';
import { doc, el } from './xml';

export async function putObject(ctx: S3Context, call: S3Call, bucket: string, key: string): Promise<void> {
  ctx.counters.inc('s3.puts');
  assertKeyLength(key);
  assertPutSize(call.req);
  const body = bodyStream(call.req);
  const options = { ...putOptionsFrom(call.req.headers), expectedCrc32: expectedCrc32(call.req, body) };
  const meta = await ctx.store.put(bucket, key, body, options);
  send(call, 200, { etag: meta.etag, 'x-amz-checksum-crc32': meta.checksumCrc32 });
  ctx.objectCreated(call, 'ObjectCreated:Put', bucket, meta);
}

export async function getObject(ctx: S3Context, call: S3Call, bucket: string, key: string): Promise<void> {
  ctx.counters.inc('s3.gets');
  if (call.method === 'GET' && ctx.faults.should('s3GetError')) {
    throw new S3Error('InternalError', 500, 'We encountered an internal error. Please try again.');
  }
  const head = ctx.store.head(bucket, key);
  if (!head) throw new NoSuchKeyError(key);
  if (!checkPreconditions(call, head)) return;
  const range = parseRange(call.req.headers.range, head.size);
  const { meta, body } = ctx.store.get(bucket, key, range);
  const headers = objectHeaders(meta);
  if (range) {
    // A range's bytes do not match the whole-object checksum.
    delete headers['x-amz-checksum-crc32'];
    headers['content-range'] = `bytes ${range.start}-${range.end}/${meta.size}`;
    headers['content-length'] = range.end - range.start + 1;
  } else {
    headers['content-length'] = meta.size;
  }
  const status = range ? 206 : 200;
  if (call.method === 'HEAD') {
    body.destroy();
    send(call, status, headers);
    return;
  }
  call.res.writeHead(status, { 'x-amz-request-id': call.requestId, 'x-amz-id-2': call.requestId, ...headers });
  await pipeline(body, call.res);
}

/** If-Match / If-None-Match; false when a 304/412 has been sent. */
function checkPreconditions(call: S3Call, meta: ObjectMeta): boolean {
  const ifMatch = call.req.headers['if-match'];
  if (ifMatch && !etagListMatches(ifMatch, meta.etag)) {
    throw new S3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold', {
      Condition: 'If-Match',
    });
  }
  const ifNoneMatch = call.req.headers['if-none-match'];
  if (ifNoneMatch && etagListMatches(ifNoneMatch, meta.etag)) {
    send(call, 304, { etag: meta.etag, 'last-modified': meta.lastModified.toUTCString() });
    return false;
  }
  return true;
}

function etagListMatches(header: string, etag: string): boolean {
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/"/g, '') === etag.replace(/"/g, ''));
}

/** Parses `bytes=a-b`, `bytes=a-`, `bytes=-n` into an inclusive range; undefined means whole object. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // S3 ignores ranges it cannot parse
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) {
    throw new S3Error('InvalidRange', 416, 'The requested range is not satisfiable', {
      RangeRequested: header,
      ActualObjectSize: String(size),
    });
  }
  return { start, end };
}

export async function deleteObject(ctx: S3Context, call: S3Call, bucket: string, key: string): Promise<void> {
  ctx.store.delete(bucket, key);
  send(call, 204);
}

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=...]`, URL-encoded. */
export function parseCopySource(header: string): { bucket: string; key: string } {
  const withoutVersion = header.split('?')[0];
  const trimmed = withoutVersion.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw badRequest('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', {
      ArgumentName: 'x-amz-copy-source',
      ArgumentValue: header,
    });
  }
  try {
    return { bucket: decodeURIComponent(trimmed.slice(0, slash)), key: decodeURIComponent(trimmed.slice(slash + 1)) };
  } catch {
    throw badRequest('InvalidArgument', 'Invalid copy source encoding', { ArgumentName: 'x-amz-copy-source' });
  }
}

export async function copyObject(ctx: S3Context, call: S3Call, bucket: string, key: string): Promise<void> {
  ctx.counters.inc('s3.puts');
  assertKeyLength(key);
  const source = parseCopySource(String(call.req.headers['x-amz-copy-source']));
  const replace = String(call.req.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase() === 'REPLACE';
  if (!replace && source.bucket === bucket && source.key === key) {
    throw badRequest(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  // Drain the (empty) request body so the connection can be reused.
  call.req.resume();
  const meta = await ctx.store.copy(
    source.bucket,
    source.key,
    bucket,
    key,
    replace ? putOptionsFrom(call.req.headers) : undefined,
  );
  const xml = doc('CopyObjectResult', el('LastModified', meta.lastModified.toISOString()) + el('ETag', meta.etag));
  sendXml(call, 200, xml);
  ctx.objectCreated(call, 'ObjectCreated:Copy', bucket, meta);
}
