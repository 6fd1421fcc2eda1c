/**
 * Service and bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket,
 * GetBucketLocation, ListObjects (v1) and ListObjectsV2, DeleteObjects.
 */
import type { S3Context } from './context';
import { badRequest, NoSuchBucketError, S3Error } from './errors';
import type { ObjectMeta } from './object-meta';
import { readSmallBody, type S3Call, send, sendXml } from './request';
import { doc, el, urlEncodeKey } from './xml';
import { parseDeleteObjects, verifyRequiredChecksum } from './xml-requests';

const OWNER = el('ID', 'local') + el('DisplayName', 'local');

export function listBuckets(ctx: S3Context, call: S3Call): void {
  const buckets = ctx.store
    .listBuckets()
    .map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', b.created.toISOString())}</Bucket>`)
    .join('');
  sendXml(call, 200, doc('ListAllMyBucketsResult', `<Owner>${OWNER}</Owner><Buckets>${buckets}</Buckets>`));
}

export function createBucket(ctx: S3Context, call: S3Call, bucket: string): void {
  call.req.resume();
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw badRequest('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
  }
  if (!ctx.store.createBucket(bucket)) {
    throw new S3Error(
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
      {
        BucketName: bucket,
      },
    );
  }
  send(call, 200, { location: `/${bucket}` });
}

export function headBucket(ctx: S3Context, call: S3Call, bucket: string): void {
  if (!ctx.store.hasBucket(bucket)) throw new NoSuchBucketError(bucket);
  send(call, 200, { 'x-amz-bucket-region': ctx.region });
}

export function deleteBucket(ctx: S3Context, call: S3Call, bucket: string): void {
  if (!ctx.store.deleteBucket(bucket)) {
    throw new S3Error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', { BucketName: bucket });
  }
  send(call, 204);
}

export function getBucketLocation(ctx: S3Context, call: S3Call, bucket: string): void {
  if (!ctx.store.hasBucket(bucket)) throw new NoSuchBucketError(bucket);
  // us-east-1 is reported as an empty LocationConstraint.
  const region = ctx.region === 'us-east-1' ? '' : ctx.region;
  sendXml(
    call,
    200,
    doc('LocationConstraint', region).replace(
      /<LocationConstraint([^>]*)><\/LocationConstraint>$/,
      '<LocationConstraint$1/>',
    ),
  );
}

function parseMaxKeys(value: string | null): number {
  if (value === null || value === '') return 1000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw badRequest('InvalidArgument', 'Provided max-keys not an integer or within integer range', {
      ArgumentName: 'max-keys',
      ArgumentValue: value,
    });
  }
  return Math.min(n, 1000);
}

function contentsXml(objects: ObjectMeta[], encode: (s: string) => string): string {
  return objects
    .map(
      (o) =>
        `<Contents>${el('Key', encode(o.key))}${el('LastModified', o.lastModified.toISOString())}${el('ETag', o.etag)}` +
        `${el('Size', o.size)}<Owner>${OWNER}</Owner>${el('StorageClass', 'STANDARD')}</Contents>`,
    )
    .join('');
}

function prefixesXml(prefixes: string[], encode: (s: string) => string): string {
  return prefixes.map((p) => `<CommonPrefixes>${el('Prefix', encode(p))}</CommonPrefixes>`).join('');
}

/** ListObjectsV2 (`list-type=2`) and ListObjects v1, paged from the sorted in-memory index. */
export function listObjects(ctx: S3Context, call: S3Call, bucket: string): void {
  ctx.counters.inc('s3.lists');
  const q = call.query;
  const v2 = q.get('list-type') === '2';
  const encodingType = q.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw badRequest('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
    });
  }
  const encode = encodingType === 'url' ? urlEncodeKey : (s: string) => s;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const maxKeys = parseMaxKeys(q.get('max-keys'));
  const token = q.get('continuation-token');
  const startAfter = v2
    ? token !== null
      ? decodeToken(token)
      : (q.get('start-after') ?? '')
    : (q.get('marker') ?? '');
  const page = ctx.store.list(bucket, { prefix, delimiter, maxKeys, startAfter });
  let head = el('Name', bucket) + el('Prefix', encode(prefix));
  if (delimiter) head += el('Delimiter', encode(delimiter));
  head += el('MaxKeys', maxKeys);
  if (encodingType) head += el('EncodingType', encodingType);
  if (v2) {
    head += el('KeyCount', page.objects.length + page.commonPrefixes.length);
    if (token !== null) head += el('ContinuationToken', token);
    if (page.isTruncated && page.nextMarker !== undefined)
      head += el('NextContinuationToken', encodeToken(page.nextMarker));
    if (token === null && q.get('start-after')) head += el('StartAfter', encode(q.get('start-after') as string));
  } else {
    head += el('Marker', encode(startAfter));
    if (page.isTruncated && page.nextMarker !== undefined) head += el('NextMarker', encode(page.nextMarker));
  }
  head += el('IsTruncated', page.isTruncated);
  sendXml(
    call,
    200,
    doc('ListBucketResult', head + contentsXml(page.objects, encode) + prefixesXml(page.commonPrefixes, encode)),
  );
}

/** Continuation tokens are opaque to clients; ours is the last returned entry. */
function encodeToken(marker: string): string {
  return Buffer.from(marker, 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (encodeToken(decoded) !== token.replace(/=+$/, '')) {
    throw badRequest('InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
    });
  }
  return decoded;
}

/**
 * DeleteObjects (`POST ?delete`): deleting a missing key is a success, as in S3. Like S3, it
 * requires Content-MD5 or an x-amz-checksum-* of the body, and at most 1000 keys.
 */
export async function deleteObjects(ctx: S3Context, call: S3Call, bucket: string): Promise<void> {
  if (!ctx.store.hasBucket(bucket)) throw new NoSuchBucketError(bucket);
  const { bytes, trailers } = await readSmallBody(call.req);
  verifyRequiredChecksum(call.req.headers, bytes, trailers);
  const { quiet, keys } = parseDeleteObjects(bytes);
  const deleted = keys.map((key) => {
    ctx.store.delete(bucket, key);
    return quiet ? '' : `<Deleted>${el('Key', key)}</Deleted>`;
  });
  sendXml(call, 200, doc('DeleteResult', deleted.join('')));
}
