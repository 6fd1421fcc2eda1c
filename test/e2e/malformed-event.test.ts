import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { s3Record } from '../support/events';
import { FIXTURE, sql, startTestStack } from '../support/stack';

const KEY = 'log_data/2018/11/2018-11-04-events.json';

describe('a malformed event', () => {
  it('fails alone: the rest of its SQS batch loads, it ends in the DLQ after the receive limit', async () => {
    const stack = await startTestStack({ batchWindowMs: 200, visibilityTimeoutMs: 50 });
    try {
      const meta = await stack.s3.store.put(stack.bucket, KEY, readFileSync(join(FIXTURE, KEY)));
      const good = JSON.stringify({
        Records: [s3Record(KEY, { bucket: stack.bucket, size: meta.size, eTag: meta.etag.replace(/"/g, '') })],
      });
      const bad = '{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {}}}]}';
      stack.queue.send(bad);
      stack.queue.send(good);
      await stack.settled();

      const [files] = await sql(stack, "SELECT COUNT(*) AS n FROM ingest.loaded_files WHERE status = 'loaded'");
      expect(Number(files.n)).toBe(1);
      expect(stack.queue.deadLetters.map((d) => d.body)).toEqual([bad]);
      expect(stack.queue.deadLetters[0].receiveCount).toBe(5);
      expect(stack.sfn.executions()).toHaveLength(1);
    } finally {
      await stack.cleanup();
    }
  });
});
