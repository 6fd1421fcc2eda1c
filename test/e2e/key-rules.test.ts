/**
 * Issue 12, findings 5 and 6 through the whole pipeline (S3 event -> batcher -> Step Functions
 * -> COPY -> quarantine/ledger -> backfill), with the key rules AWS applies: any valid UTF-8 up
 * to 1024 bytes, newlines included (Amazon S3 User Guide, "Naming Amazon S3 objects").
 *
 * - A bad data key of exactly 1024 bytes is quarantined under `quarantine/<sha256>` (a copy to
 *   `quarantine/<key>` would be 1035 bytes: KeyTooLongError), the ledger holds the whole key,
 *   and a later backfill does not pick it up again.
 * - A good data key with a newline in it loads (the COPY manifest parser used to stop at the
 *   newline and quarantine it with "requires full path of an S3 object").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BackfillSummary } from '../../shared/pipeline/backfill';
import { quarantineKey, quarantineSidecarKey } from '../../shared/pipeline/quarantine';
import { FIXTURE, sql, startTestStack } from '../support/stack';

const DAY = (d: number) => `log_data/2018/11/2018-11-${String(d).padStart(2, '0')}-events.json`;

/** A log_data key of exactly `bytes` UTF-8 bytes (multi-byte characters included). */
function keyOfBytes(bytes: number): string {
  const head = 'log_data/2018/11/é-long-';
  const tail = '-events.json';
  return head + 'k'.repeat(bytes - Buffer.byteLength(head + tail)) + tail;
}

const nextSongs = (text: string) => text.split('\n').filter((l) => l.includes('"page":"NextSong"')).length;

describe('S3 key rules through the pipeline', () => {
  it('quarantines a bad 1024-byte key under a fixed-length name and loads a good key with a newline', async () => {
    const stack = await startTestStack();
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: stack.endpoints.s3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const longKey = keyOfBytes(1024);
      expect(Buffer.byteLength(longKey)).toBe(1024);
      const newlineKey = 'log_data/2018/11/first line\nsecond line-events.json';
      const good = readFileSync(join(FIXTURE, DAY(1)), 'utf8');
      const bad = readFileSync(join(FIXTURE, DAY(2)), 'utf8').replace(/"userId":"\d+"/, '"userId":"user-x"');
      await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: newlineKey, Body: good }));
      await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: longKey, Body: bad }));
      await stack.settled();

      const ledger = await sql(stack, 'SELECT key, status, error_code FROM ingest.loaded_files ORDER BY status');
      expect(ledger).toEqual([
        { key: longKey, status: 'failed', error_code: 1207 },
        { key: newlineKey, status: 'loaded', error_code: null },
      ]);
      const [counts] = await sql(stack, 'SELECT COUNT(*) AS n FROM songplays');
      expect(Number(counts.n)).toBe(nextSongs(good));

      // The copy under its fixed-length name, and the sidecar naming the original key.
      const copy = await s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: quarantineKey(longKey) }));
      expect(copy.ContentLength).toBe(Buffer.byteLength(bad));
      const sidecar = await s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: quarantineSidecarKey(longKey) }));
      expect(JSON.parse(await (sidecar.Body as { transformToString(): Promise<string> }).transformToString())).toEqual(
        expect.objectContaining({ key: longKey, dataset: 'log_data' }),
      );

      // Backfill sees both files in the ledger (whole keys): nothing to load again.
      const summary = (await stack.invoke('backfill', {})) as BackfillSummary;
      expect({ listed: summary.listed, alreadySeen: summary.alreadySeen, batches: summary.batches }).toEqual({
        listed: 2,
        alreadySeen: 2,
        batches: [],
      });
    } finally {
      s3.destroy();
      await stack.cleanup();
    }
  });
});
