import {
  ListObjectsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { BUCKET, useLocalS3 } from './s3-test-kit';

describe('local S3 server: listings with the real S3Client', () => {
  const s3 = useLocalS3();
  beforeAll(async () => {
    // Bulk-load in process (same store the server answers from); listing goes over HTTP.
    for (let i = 0; i < 2500; i++) {
      await s3.server.store.put(BUCKET, `song_data/${String(i).padStart(5, '0')}.json`, `{"i":${i}}`);
    }
    for (const key of [
      'log_data/',
      'log_data/2018/11/a.json',
      'log_data/2018/11/b c.json',
      'log_data/2018/12/x.json',
      'log_data/top.json',
      'log_data/2018',
      'z+ü é.json',
    ]) {
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key.endsWith('/') ? '' : 'x' }));
    }
  });

  it('pages through 2,500 keys with max-keys 1000 and continuation tokens', async () => {
    const pages: ListObjectsV2CommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await s3.client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'song_data/', ContinuationToken: token }),
      );
      pages.push(page);
      token = page.NextContinuationToken;
    } while (token);
    expect(pages.map((p) => p.KeyCount)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, true, false]);
    const keys = pages.flatMap((p) => p.Contents?.map((c) => c.Key) ?? []);
    expect(keys).toHaveLength(2500);
    expect(new Set(keys).size).toBe(2500);
    expect(keys[0]).toBe('song_data/00000.json');
    expect(keys[2499]).toBe('song_data/02499.json');
    expect(pages[0].Contents?.[0]).toMatchObject({
      Size: 7,
      StorageClass: 'STANDARD',
      ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
  });

  it('defaults to 1000 keys per page across the whole bucket', async () => {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(page.KeyCount).toBe(1000);
    expect(page.MaxKeys).toBe(1000);
    expect(page.IsTruncated).toBe(true);
  });

  it('rolls keys up into CommonPrefixes with a delimiter, keeping folder markers and prefix-like keys', async () => {
    const root = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
    expect(root.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['log_data/', 'song_data/']);
    expect(root.Contents?.map((c) => c.Key)).toEqual(['z+ü é.json']);
    expect(root.KeyCount).toBe(3);
    const logs = await s3.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'log_data/', Delimiter: '/' }),
    );
    expect(logs.Contents?.map((c) => c.Key)).toEqual(['log_data/', 'log_data/2018', 'log_data/top.json']);
    expect(logs.Contents?.[0].Size).toBe(0);
    expect(logs.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['log_data/2018/']);
  });

  it('pages over common prefixes without repeating them', async () => {
    const first = await s3.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'log_data/2018/', Delimiter: '/', MaxKeys: 1 }),
    );
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['log_data/2018/11/']);
    const second = await s3.client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'log_data/2018/',
        Delimiter: '/',
        MaxKeys: 1,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['log_data/2018/12/']);
    expect(second.IsTruncated).toBe(false);
  });

  it('honours start-after and encoding-type=url', async () => {
    const after = await s3.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'song_data/', StartAfter: 'song_data/02497.json' }),
    );
    expect(after.Contents?.map((c) => c.Key)).toEqual(['song_data/02498.json', 'song_data/02499.json']);
    const encoded = await s3.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'z', EncodingType: 'url' }),
    );
    expect(encoded.Contents?.map((c) => c.Key)).toEqual(['z%2B%C3%BC%20%C3%A9.json']);
    expect(decodeURIComponent(encoded.Contents![0].Key!)).toBe('z+ü é.json');
  });

  it('supports ListObjects v1 with markers', async () => {
    const first = await s3.client.send(
      new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'log_data/2018/', MaxKeys: 2 }),
    );
    expect(first.Contents?.map((c) => c.Key)).toEqual(['log_data/2018/11/a.json', 'log_data/2018/11/b c.json']);
    expect(first.IsTruncated).toBe(true);
    const next = await s3.client.send(
      new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'log_data/2018/', Marker: first.NextMarker }),
    );
    expect(next.Contents?.map((c) => c.Key)).toEqual(['log_data/2018/12/x.json']);
    expect(next.IsTruncated).toBe(false);
  });
});
