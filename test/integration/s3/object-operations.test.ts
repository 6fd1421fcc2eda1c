import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { Faults } from '../../../local/faults';
import { BUCKET, useLocalS3, withLocalS3 } from './s3-test-kit';

describe('local S3 server: object operations with the real S3Client', () => {
  const s3 = useLocalS3();

  it('puts a string body and reads it back with ETag, type, length and user metadata', async () => {
    const put = await s3.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'log_data/2018/11/2018-11-01-events.json',
        Body: '{"a":1}\n',
        ContentType: 'application/json',
        Metadata: { source: 'unit-test' },
      }),
    );
    expect(put.ETag).toBe(`"${createHash('md5').update('{"a":1}\n').digest('hex')}"`);
    const got = await s3.client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'log_data/2018/11/2018-11-01-events.json' }),
    );
    expect(await got.Body?.transformToString()).toBe('{"a":1}\n');
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentType).toBe('application/json');
    expect(got.ContentLength).toBe(8);
    expect(got.Metadata).toEqual({ source: 'unit-test' });
    expect(got.LastModified).toBeInstanceOf(Date);
  });

  it('stores the ETag as the quoted md5 of the bytes', async () => {
    const put = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello' }));
    expect(put.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"');
  });

  it('decodes an aws-chunked streaming body and stores only the payload', async () => {
    const payload = Buffer.alloc(200_000, 'x');
    payload.write('start', 0);
    payload.write('end', payload.length - 3);
    let sent: Record<string, string> = {};
    s3.client.middlewareStack.add(
      (next) => async (args) => {
        sent = { ...(args.request as { headers: Record<string, string> }).headers };
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'captureHeaders' },
    );
    try {
      const chunks = [payload.subarray(0, 70_000), payload.subarray(70_000, 150_000), payload.subarray(150_000)];
      await s3.client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'stream/big.bin',
          Body: Readable.from(chunks),
          ContentLength: payload.length,
        }),
      );
    } finally {
      s3.client.middlewareStack.remove('captureHeaders');
    }
    expect(sent['content-encoding']).toBe('aws-chunked');
    expect(sent['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    const stored = await s3.server.store.read(BUCKET, 'stream/big.bin');
    expect(stored.equals(payload)).toBe(true);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'stream/big.bin' }));
    expect(head.ContentLength).toBe(200_000);
    expect(head.ContentEncoding).toBeUndefined();
  });

  it('serves byte ranges with 206 and Content-Range', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Body: '0123456789' }));
    const mid = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=2-5' }));
    expect(await mid.Body?.transformToString()).toBe('2345');
    expect(mid.ContentRange).toBe('bytes 2-5/10');
    const tail = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=-3' }));
    expect(await tail.Body?.transformToString()).toBe('789');
    const open = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=7-' }));
    expect(await open.Body?.transformToString()).toBe('789');
    await expect(
      s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=20-30' })),
    ).rejects.toMatchObject({
      name: 'InvalidRange',
      $metadata: { httpStatusCode: 416 },
    });
  });

  it('raises NoSuchKey and NoSuchBucket with S3 error XML', async () => {
    await expect(
      s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing/key.json' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
      Key: 'missing/key.json',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(s3.client.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    await expect(s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('deletes single objects and batches (missing keys count as deleted)', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'del/a', Body: 'a' }));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'del/b & <c>', Body: 'b' }));
    await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'del/a' }));
    expect(s3.server.store.head(BUCKET, 'del/a')).toBeUndefined();
    const out = await s3.client.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'del/b & <c>' }, { Key: 'del/never' }] } }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['del/b & <c>', 'del/never']);
    expect(s3.server.store.head(BUCKET, 'del/b & <c>')).toBeUndefined();
  });

  it('copies objects (URL-encoded source, with and without leading slash) keeping metadata', async () => {
    const key = 'src/a file+1 été.json';
    const put = await s3.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: '{"x":1}',
        ContentType: 'application/json',
        Metadata: { m: 'v' },
      }),
    );
    const copy = await s3.client.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: `quarantine/${key}`,
        CopySource: `${BUCKET}/${encodeURIComponent(key)}`,
      }),
    );
    expect(copy.CopyObjectResult?.ETag).toBe(put.ETag);
    await s3.client.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copy2',
        CopySource: `/${BUCKET}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
      }),
    );
    for (const dst of [`quarantine/${key}`, 'copy2']) {
      const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: dst }));
      expect(await got.Body?.transformToString()).toBe('{"x":1}');
      expect(got.ContentType).toBe('application/json');
      expect(got.Metadata).toEqual({ m: 'v' });
    }
    await expect(
      s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'x', CopySource: `${BUCKET}/does-not-exist` })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('answers bucket-level calls: ListBuckets, HeadBucket, CreateBucket, GetBucketLocation', async () => {
    const buckets = await s3.client.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toContain(BUCKET);
    const head = await s3.client.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(head.BucketRegion).toBe('us-east-1');
    await expect(s3.client.send(new HeadBucketCommand({ Bucket: 'nope-bucket' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
    await s3.client.send(new CreateBucketCommand({ Bucket: 'second-bucket' }));
    await expect(s3.client.send(new CreateBucketCommand({ Bucket: 'second-bucket' }))).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
    });
    const location = await s3.client.send(new GetBucketLocationCommand({ Bucket: BUCKET }));
    expect(location.LocationConstraint ?? '').toBe('');
  });

  it('counts requests, puts and gets', () => {
    expect(s3.counters.get('s3.requests')).toBeGreaterThan(10);
    expect(s3.counters.get('s3.puts')).toBeGreaterThanOrEqual(8);
    expect(s3.counters.get('s3.gets')).toBeGreaterThanOrEqual(6);
  });
});

describe('local S3 server: s3GetError fault', () => {
  it('answers GetObject with 500 InternalError, which the SDK retries then raises', async () => {
    const faults = new Faults({ rates: { s3GetError: 1 } });
    await withLocalS3({ faults, maxAttempts: 2 }, async (s3) => {
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }));
      await expect(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).rejects.toMatchObject({
        name: 'InternalError',
        $metadata: { httpStatusCode: 500, attempts: 2 },
      });
      expect(faults.injected.s3GetError).toBe(2);
    });
  });

  it('lets a retried GetObject succeed when the fault is intermittent', async () => {
    const faults = new Faults({ seed: 7, rates: { s3GetError: 0.5 } });
    await withLocalS3({ faults, maxAttempts: 10 }, async (s3) => {
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }));
      for (let i = 0; i < 5; i++) {
        const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));
        expect(await got.Body?.transformToString()).toBe('v');
      }
      expect(faults.injected.s3GetError).toBeGreaterThan(0);
    });
  });
});

describe('local S3 server: flexible checksums', () => {
  it('verifies the CRC32 the SDK sends (header or aws-chunked trailer) and returns it for validated reads', async () => {
    await withLocalS3({}, async (s3) => {
      const put = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'c/one', Body: 'hello' }));
      expect(put.ChecksumCRC32).toBe('NhCmhg==');
      await s3.client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'c/two',
          Body: Readable.from([Buffer.from('hel'), Buffer.from('lo')]),
          ContentLength: 5,
        }),
      );
      const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'c/two', ChecksumMode: 'ENABLED' }));
      expect(got.ChecksumCRC32).toBe('NhCmhg==');
      expect(await got.Body?.transformToString()).toBe('hello');
      await expect(
        s3.client.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: 'c/bad', Body: 'hello', ChecksumCRC32: 'AAAAAA==' }),
        ),
      ).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
      expect(s3.server.store.head(BUCKET, 'c/bad')).toBeUndefined();
    });
  });
});
