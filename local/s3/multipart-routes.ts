/** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload. */
import type { S3Context } from './context';
import { NoSuchBucketError, NoSuchKeyError } from './errors';
import { parseCopySource, parseRange } from './object-routes';
import {
  assertKeyLength,
  assertPutSize,
  bodyStream,
  putOptionsFrom,
  readSmallBody,
  type S3Call,
  send,
  sendXml,
} from './request';
import { doc, el } from './xml';
import { parseCompleteMultipartUpload } from './xml-requests';

export function createMultipartUpload(ctx: S3Context, call: S3Call, bucket: string, key: string): void {
  ctx.counters.inc('s3.puts');
  call.req.resume();
  assertKeyLength(key);
  if (!ctx.store.hasBucket(bucket)) throw new NoSuchBucketError(bucket);
  const id = ctx.uploads.create(bucket, key, putOptionsFrom(call.req.headers));
  sendXml(call, 200, doc('InitiateMultipartUploadResult', el('Bucket', bucket) + el('Key', key) + el('UploadId', id)));
}

export async function uploadPart(ctx: S3Context, call: S3Call, bucket: string, key: string): Promise<void> {
  ctx.counters.inc('s3.puts');
  const id = call.query.get('uploadId') as string;
  const partNumber = Number(call.query.get('partNumber'));
  assertPutSize(call.req);
  const etag = await ctx.uploads.uploadPart(id, bucket, key, partNumber, bodyStream(call.req));
  send(call, 200, { etag });
}

/** UploadPartCopy: a part taken from an existing object, optionally a byte range of it. */
export async function uploadPartCopy(ctx: S3Context, call: S3Call, bucket: string, key: string): Promise<void> {
  ctx.counters.inc('s3.puts');
  call.req.resume();
  const id = call.query.get('uploadId') as string;
  ctx.uploads.find(id, bucket, key);
  const source = parseCopySource(String(call.req.headers['x-amz-copy-source']));
  const head = ctx.store.head(source.bucket, source.key);
  if (!head) throw new NoSuchKeyError(source.key);
  const rangeHeader = call.req.headers['x-amz-copy-source-range'];
  const range = typeof rangeHeader === 'string' ? parseRange(rangeHeader, head.size) : undefined;
  const { body } = ctx.store.get(source.bucket, source.key, range);
  const etag = await ctx.uploads.uploadPart(id, bucket, key, Number(call.query.get('partNumber')), body);
  sendXml(call, 200, doc('CopyPartResult', el('LastModified', new Date().toISOString()) + el('ETag', etag)));
}

export async function completeMultipartUpload(
  ctx: S3Context,
  call: S3Call,
  bucket: string,
  key: string,
): Promise<void> {
  ctx.counters.inc('s3.puts');
  const id = call.query.get('uploadId') as string;
  ctx.uploads.find(id, bucket, key);
  const { bytes } = await readSmallBody(call.req);
  const parts = parseCompleteMultipartUpload(bytes);
  const assembled = ctx.uploads.complete(id, bucket, key, parts);
  const meta = await ctx.store.put(bucket, key, assembled.body, { ...assembled.options, etag: assembled.etag });
  ctx.uploads.discard(id);
  const location = `http://${call.req.headers.host ?? 'localhost'}/${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;
  sendXml(
    call,
    200,
    doc(
      'CompleteMultipartUploadResult',
      el('Location', location) + el('Bucket', bucket) + el('Key', key) + el('ETag', meta.etag),
    ),
  );
  ctx.objectCreated(call, 'ObjectCreated:CompleteMultipartUpload', bucket, meta);
}

export function abortMultipartUpload(ctx: S3Context, call: S3Call, bucket: string, key: string): void {
  const id = call.query.get('uploadId') as string;
  ctx.uploads.find(id, bucket, key);
  ctx.uploads.discard(id);
  send(call, 204);
}
