import * as fs from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { LocalQueue } from '../../../local/queue/local-queue';
import { decodeS3EventKey } from '../../../local/s3/event-key';
import { toSqsBody } from '../../../local/s3/events';
import { startS3Server } from '../../../local/s3/server';
import { makeClient, tempDir } from '../s3/s3-test-kit';

describe('S3 put events through the local queue to a batcher-shaped handler', () => {
  it('delivers one SQS record per put, whose body is the S3 event with the encoded key', async () => {
    const rootDir = tempDir();
    const events: SQSEvent[] = [];
    const queue = new LocalQueue({
      batchSize: 10,
      // Delivered at once: no window to wait through in real time (batching is unit-tested on a fake clock).
      batchWindowMs: 0,
      visibilityTimeoutMs: 10,
      maxReceiveCount: 3,
      handler: async (event) => {
        events.push(event);
      },
    });
    const server = await startS3Server({
      rootDir,
      buckets: ['ingest'],
      onObjectCreated: (record) => queue.send(toSqsBody(record)),
    });
    const client = makeClient(server.endpoint);
    try {
      const keys = [
        'log_data/2018/11/2018-11-01-events.json',
        'log_data/2018/11/my file+1 été.json',
        'song_data/A/B/C/TRABC.json',
      ];
      await Promise.all(keys.map((Key) => client.send(new PutObjectCommand({ Bucket: 'ingest', Key, Body: '{}' }))));
      await queue.drained();
      const records = events.flatMap((e) => e.Records);
      expect(records).toHaveLength(3);
      const s3Records = records.map((r) => (JSON.parse(r.body) as S3Event).Records[0]);
      expect(s3Records.map((r) => decodeS3EventKey(r.s3.object.key)).sort()).toEqual([...keys].sort());
      expect(s3Records.map((r) => r.s3.object.key)).toContain('log_data/2018/11/my+file%2B1+%C3%A9t%C3%A9.json');
      expect(s3Records.every((r) => r.eventName === 'ObjectCreated:Put' && r.s3.bucket.name === 'ingest')).toBe(true);
    } finally {
      client.destroy();
      await server.stop();
      await queue.stop();
      fs.rmSync(rootDir, { recursive: true, force: true });
    }
  });
});
