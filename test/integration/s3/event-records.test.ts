import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { decodeS3EventKey, encodeS3EventKey, InvalidEventKeyError } from '../../../local/s3/event-key';
import { toSqsBody } from '../../../local/s3/events';
import { BUCKET, useLocalS3 } from './s3-test-kit';

describe('S3 event records from the local server', () => {
  const s3 = useLocalS3();
  beforeEach(() => {
    s3.records.length = 0;
  });

  it('REQUIRED: a put yields an SQS-shaped S3 event whose key is encoded as AWS encodes it', async () => {
    const cases: Array<[string, string]> = [
      ['log_data/2018/11/my file+1 été.json', 'log_data/2018/11/my+file%2B1+%C3%A9t%C3%A9.json'],
      ['song_data/A/B/C/TRABCEI128F424C983.json', 'song_data/A/B/C/TRABCEI128F424C983.json'],
      ['log_data/dt=2018-11-01/part (1).json', 'log_data/dt%3D2018-11-01/part+%281%29.json'],
      ["log_data/a~b!c'd,e;f:g@h&i$j#k%l.json", 'log_data/a%7Eb%21c%27d%2Ce%3Bf%3Ag%40h%26i%24j%23k%25l.json'],
      ['log_data/日本/😀.json', 'log_data/%E6%97%A5%E6%9C%AC/%F0%9F%98%80.json'],
    ];
    for (const [key, encoded] of cases) {
      const put = await s3.client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `{"key":${JSON.stringify(key)}}` }),
      );
      const record = s3.records.at(-1);
      const body = toSqsBody(record!);
      const event = JSON.parse(body) as S3Event;
      expect(Object.keys(event)).toEqual(['Records']);
      expect(event.Records).toHaveLength(1);
      const [r] = event.Records;
      expect(r).toMatchObject({
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: expect.any(String) },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: expect.any(String),
          bucket: { name: BUCKET, ownerIdentity: { principalId: expect.any(String) }, arn: `arn:aws:s3:::${BUCKET}` },
          object: {
            key: encoded,
            size: Buffer.byteLength(`{"key":${JSON.stringify(key)}}`),
            eTag: put.ETag!.replace(/"/g, ''),
            sequencer: expect.stringMatching(/^[0-9A-F]+$/),
          },
        },
      });
      expect(new Date(r.eventTime).toISOString()).toBe(r.eventTime);
      expect(decodeS3EventKey(r.s3.object.key)).toBe(key);
      // The decoded key is the key that GetObject accepts.
      expect(s3.server.store.head(BUCKET, decodeS3EventKey(r.s3.object.key))?.etag).toBe(put.ETag);
    }
  });

  it('emits Copy and CompleteMultipartUpload events with growing sequencers', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'ev/a', Body: 'a' }));
    await s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'ev/b c', CopySource: `${BUCKET}/ev/a` }));
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'ev/mp' }));
    const part = await s3.client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: 'ev/mp', UploadId, PartNumber: 1, Body: 'one part' }),
    );
    await s3.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'ev/mp',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(s3.records.map((r) => [r.eventName, r.s3.object.key])).toEqual([
      ['ObjectCreated:Put', 'ev/a'],
      ['ObjectCreated:Copy', 'ev/b+c'],
      ['ObjectCreated:CompleteMultipartUpload', 'ev/mp'],
    ]);
    expect(s3.records[2].s3.object.eTag).toMatch(/^[0-9a-f]{32}-1$/);
    const sequencers = s3.records.map((r) => BigInt(`0x${r.s3.object.sequencer}`));
    expect(sequencers[1] > sequencers[0] && sequencers[2] > sequencers[1]).toBe(true);
  });
});

describe('encodeS3EventKey / decodeS3EventKey', () => {
  it('keeps letters, digits, . - * _ and /; space is +; everything else is %XX of UTF-8', () => {
    expect(encodeS3EventKey('a-b_c.d*e/F9')).toBe('a-b_c.d*e/F9');
    expect(encodeS3EventKey('red flower.jpg')).toBe('red+flower.jpg');
    expect(encodeS3EventKey('c++/x')).toBe('c%2B%2B/x');
    expect(encodeS3EventKey('test/10:47:07.log')).toBe('test/10%3A47%3A07.log');
    expect(encodeS3EventKey('é')).toBe('%C3%A9');
  });

  it('round-trips arbitrary keys, including + and literal percent signs', () => {
    for (const key of ['a+b c', '100% done', 'x%2By', 'log_data/', ' lead and trail ', 'ü/🎵/ß']) {
      expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
    }
  });

  it('rejects malformed escapes with a named error', () => {
    expect(() => decodeS3EventKey('bad%E9')).toThrow(InvalidEventKeyError);
  });
});
