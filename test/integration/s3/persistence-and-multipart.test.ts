import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { BUCKET, tempDir, withLocalS3 } from './s3-test-kit';

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

describe('local S3 server: persistence across restarts', () => {
  const rootDir = tempDir();
  afterAll(() => fs.rmSync(rootDir, { recursive: true, force: true }));

  it('lists the same objects with the same ETags and bytes after a restart on the same folder', async () => {
    const keys = [
      'log_data/',
      'log_data/a b+c é.json',
      'log_data/a b+c é.json/child',
      'x/../y/./z',
      'deleted/soon',
      'over/written',
    ];
    const listBefore = await withLocalS3({ rootDir, keepFolder: true }, async (first) => {
      for (const key of keys)
        await first.client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: key,
            Body: key.endsWith('/') ? '' : `body of ${key}`,
            Metadata: { k: 'v' },
          }),
        );
      await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'over/written', Body: 'second version' }));
      await first.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'deleted/soon' }));
      return first.server.store.list(BUCKET).objects.map((o) => [o.key, o.etag, o.size]);
    });

    await withLocalS3({ rootDir, keepFolder: true }, async (second) => {
      const listed = await second.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      expect(listed.Contents?.map((c) => [c.Key, c.ETag, c.Size])).toEqual(listBefore);
      expect(listed.Contents?.map((c) => c.Key)).toEqual([
        'log_data/',
        'log_data/a b+c é.json',
        'log_data/a b+c é.json/child',
        'over/written',
        'x/../y/./z',
      ]);
      const got = await second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'log_data/a b+c é.json' }));
      expect(await got.Body?.transformToString()).toBe('body of log_data/a b+c é.json');
      expect(got.Metadata).toEqual({ k: 'v' });
      const over = await second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'over/written' }));
      expect(await over.Body?.transformToString()).toBe('second version');
      expect(over.ETag).toBe(`"${md5('second version')}"`);
    });
  });

  it('ignores a torn last index line left by a crash', async () => {
    const indexFile = path.join(rootDir, BUCKET, 'index.jsonl');
    fs.appendFileSync(indexFile, '{"op":"put","entry":{"key":"torn');
    await withLocalS3({ rootDir, keepFolder: true }, async (third) => {
      expect(third.server.store.count(BUCKET)).toBe(5);
      await third.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'after/crash', Body: 'ok' }));
    });
    await withLocalS3({ rootDir, keepFolder: true }, async (fourth) => {
      expect(fourth.server.store.head(BUCKET, 'after/crash')?.etag).toBe(`"${md5('ok')}"`);
    });
  });
});

describe('local S3 server: multipart upload', () => {
  it('assembles parts (string and stream bodies) with the md5-of-md5s-N ETag', async () => {
    await withLocalS3({}, async (s3) => {
      const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
      const part2 = Buffer.from('tail of the object');
      const key = 'big/multi part.json';
      const { UploadId } = await s3.client.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ContentType: 'application/json' }),
      );
      const p1 = await s3.client.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId,
          PartNumber: 1,
          Body: Readable.from([part1]),
          ContentLength: part1.length,
        }),
      );
      const p2 = await s3.client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, Body: part2.toString() }),
      );
      expect(p1.ETag).toBe(`"${md5(part1)}"`);
      const done = await s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      );
      const expected = md5(Buffer.concat([Buffer.from(md5(part1), 'hex'), Buffer.from(md5(part2), 'hex')]));
      expect(done.ETag).toBe(`"${expected}-2"`);
      const stored = await s3.server.store.read(BUCKET, key);
      expect(stored.equals(Buffer.concat([part1, part2]))).toBe(true);
      expect(s3.server.store.head(BUCKET, key)?.contentType).toBe('application/json');
      expect(s3.records.at(-1)).toMatchObject({
        eventName: 'ObjectCreated:CompleteMultipartUpload',
        s3: { object: { key: 'big/multi+part.json', eTag: `${expected}-2` } },
      });
    });
  });

  it('rejects small non-final parts, unknown parts and aborted uploads with S3 error codes', async () => {
    await withLocalS3({}, async (s3) => {
      const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'k' }));
      const p1 = await s3.client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: 'k', UploadId, PartNumber: 1, Body: 'small' }),
      );
      const p2 = await s3.client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: 'k', UploadId, PartNumber: 2, Body: 'small' }),
      );
      const complete = (parts: Array<{ PartNumber: number; ETag?: string }>) =>
        s3.client.send(
          new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'k', UploadId, MultipartUpload: { Parts: parts } }),
        );
      await expect(
        complete([
          { PartNumber: 1, ETag: p1.ETag },
          { PartNumber: 2, ETag: p2.ETag },
        ]),
      ).rejects.toMatchObject({ name: 'EntityTooSmall' });
      await expect(complete([{ PartNumber: 1, ETag: '"0000"' }])).rejects.toMatchObject({ name: 'InvalidPart' });
      await s3.client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'k', UploadId }));
      await expect(
        s3.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'k', UploadId, PartNumber: 3, Body: 'late' })),
      ).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
      expect(s3.server.store.head(BUCKET, 'k')).toBeUndefined();
      expect(s3.records).toHaveLength(0);
    });
  });

  it('builds an object from parts copied out of another object (UploadPartCopy with a range)', async () => {
    await withLocalS3({}, async (s3) => {
      const source = Buffer.alloc(6 * 1024 * 1024);
      for (let i = 0; i < source.length; i++) source[i] = i % 251;
      await s3.server.store.put(BUCKET, 'src/big.bin', source);
      const { UploadId } = await s3.client.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'dst/copy.bin' }),
      );
      const split = 5 * 1024 * 1024;
      const parts = [];
      for (const [n, range] of [
        [1, `bytes=0-${split - 1}`],
        [2, `bytes=${split}-${source.length - 1}`],
      ] as const) {
        const out = await s3.client.send(
          new UploadPartCopyCommand({
            Bucket: BUCKET,
            Key: 'dst/copy.bin',
            UploadId,
            PartNumber: n,
            CopySource: `${BUCKET}/src/big.bin`,
            CopySourceRange: range,
          }),
        );
        parts.push({ PartNumber: n, ETag: out.CopyPartResult?.ETag });
      }
      expect(parts[0].ETag).toBe(`"${md5(source.subarray(0, split))}"`);
      await s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: 'dst/copy.bin',
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      expect((await s3.server.store.read(BUCKET, 'dst/copy.bin')).equals(source)).toBe(true);
    });
  });
});
