/**
 * Issue 12, finding 7 end to end: a batch whose keys straddle U+E000-U+FFFF and an emoji. Once
 * loaded, a replay of those files (a new batch, not forced) finds them in the ledger and skips
 * them: no COPY, no transform, the ledger rows still name the batch that loaded them. Before,
 * the range lookup was bounded in UTF-16 order, the warehouse compared bytes, the range was
 * empty and the files were copied and transformed again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FIXTURE, sql, startTestStack } from '../support/stack';

const DAY = (d: number) => `log_data/2018/11/2018-11-${String(d).padStart(2, '0')}-events.json`;
const KEYS = [
  'log_data/2018/11/a-events.json',
  'log_data/2018/11/\uE000-events.json',
  'log_data/2018/11/\uFFFD-events.json',
  'log_data/2018/11/😀-events.json',
];

jest.setTimeout(300_000);

describe('ledger lookup in byte order', () => {
  it('skips already-loaded files whose keys straddle U+E000-U+FFFF and an emoji', async () => {
    const stack = await startTestStack({ settleTimeoutMs: 120_000 });
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: stack.endpoints.s3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      for (const [i, key] of KEYS.entries()) {
        const body = readFileSync(join(FIXTURE, DAY(i + 1)), 'utf8');
        await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body }));
      }
      await stack.settled();
      const first = await sql(stack, "SELECT key, batch_id FROM ingest.loaded_files WHERE status = 'loaded'");
      expect(first.map((r) => r.key).sort()).toEqual([...KEYS].sort());
      const firstBatch = new Map(first.map((r) => [r.key, r.batch_id]));

      // A replay of the three non-ASCII keys: a new batch, whose range spans \uE000 .. emoji.
      const executionsBefore = stack.sfn.executions().length;
      await stack.invoke('replay', { keys: KEYS.slice(1) });
      await stack.settled();
      const replays = stack.sfn.executions().slice(0, stack.sfn.executions().length - executionsBefore);
      expect(replays).toHaveLength(1);
      expect(replays[0].status).toBe('SUCCEEDED');
      const output = JSON.parse(replays[0].output ?? '{}') as { load?: { skipped?: number; fileCount?: number } };
      expect(output.load).toMatchObject({ skipped: 3, fileCount: 0 });

      const after = await sql(stack, "SELECT key, batch_id FROM ingest.loaded_files WHERE status = 'loaded'");
      expect(new Map(after.map((r) => [r.key, r.batch_id]))).toEqual(firstBatch);
    } finally {
      s3.destroy();
      await stack.cleanup();
    }
  });
});
