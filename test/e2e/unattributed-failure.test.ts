import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, exitCodeFor } from '../../local/cli/report';
import { localTarget } from '../../local/cli/targets';
import { s3Record } from '../support/events';
import { FIXTURE, sql, startTestStack } from '../support/stack';

const DAY = (d: number) => `log_data/2018/11/2018-11-${String(d).padStart(2, '0')}-events.json`;

describe('a COPY failure that names no file', () => {
  it('is retried, then the batch is split until the culprit is alone and quarantined; the rest loads', async () => {
    const stack = await startTestStack({ batchWindowMs: 300 });
    try {
      // Three real files, and an event for a fourth that is gone by the time COPY runs: its
      // mandatory manifest entry fails the whole COPY, and no load error row names a file.
      const files = [7, 8, 9].map((d) => ({ key: DAY(d), body: readFileSync(join(FIXTURE, DAY(d))) }));
      const since = Date.now();
      const metas = await Promise.all(files.map((f) => stack.s3.store.put(stack.bucket, f.key, f.body)));
      const records = metas.map((m) =>
        s3Record(m.key, { bucket: stack.bucket, size: m.size, eTag: m.etag.replace(/"/g, '') }),
      );
      records.push(s3Record(DAY(10), { bucket: stack.bucket, size: 1234, eTag: '0123456789abcdef0123456789abcdef' }));
      stack.queue.send(JSON.stringify({ Records: records }));
      await stack.settled();

      const target = localTarget(stack);
      const seen = records.map((r) => ({ key: decodeURIComponent(r.s3.object.key), etag: r.s3.object.eTag }));
      const report = await buildReport(target.sql, seen, await target.executionsSince(since));
      expect(report.files).toEqual({ seen: 4, loaded: 3, skipped: 0, quarantined: 1 });
      expect(report.quarantined).toEqual([DAY(10)]);
      // The COPY role may list only under its data prefixes (s3:prefix), so S3 answers its GetObject
      // of the missing key 403, not 404, as on AWS; with IAM off the store's 404 shows.
      expect(report.loadErrors[0].reason).toMatch(
        stack.iam.mode === 'enforce'
          ? /S3ServiceException:Access Denied,Status 403/
          : /mandatory|not found|does not exist/i,
      );
      expect(exitCodeFor(report)).toBe(2);

      // The parent split in two, and the half with the missing file split again.
      const names = report.executions.map((e) => e.batchId);
      expect(names.filter((n) => /-a$|-b$/.test(n)).length).toBeGreaterThanOrEqual(2);
      expect(names.some((n) => /-[ab]-[ab]$/.test(n))).toBe(true);
      const failed = report.executions.filter((e) => e.status !== 'SUCCEEDED');
      expect(failed).toHaveLength(1);
      expect(failed[0].error).toMatch(/NoCleanFilesError/);

      const expected = files.reduce((n, f) => n + (f.body.toString().match(/"page":"NextSong"/g) ?? []).length, 0);
      expect(report.tables.songplays).toBe(expected);
      const [ledger] = await sql(stack, "SELECT COUNT(*) AS n FROM ingest.loaded_files WHERE status = 'loaded'");
      expect(Number(ledger.n)).toBe(3);
    } finally {
      await stack.cleanup();
    }
  });
});
