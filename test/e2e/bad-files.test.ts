import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { runLoad } from '../../local/cli/commands';
import { exitCodeFor } from '../../local/cli/report';
import { quarantineKey } from '../../shared/pipeline/quarantine';
import { FIXTURE, sql, startTestStack, tempDir } from '../support/stack';

const DAY = (d: number) => `log_data/2018/11/2018-11-${String(d).padStart(2, '0')}-events.json`;

function put(dir: string, key: string, body: string) {
  mkdirSync(dirname(join(dir, key)), { recursive: true });
  writeFileSync(join(dir, key), body);
}

function copyFromFixture(dir: string, key: string) {
  mkdirSync(dirname(join(dir, key)), { recursive: true });
  copyFileSync(join(FIXTURE, key), join(dir, key));
}

describe('bad files', () => {
  it('quarantines a file with a malformed line, names key and line, and loads the rest of its batch', async () => {
    const dir = tempDir('bad');
    copyFromFixture(dir, DAY(1));
    copyFromFixture(dir, DAY(2));
    // Day 3 with its 4th line broken: a userId that is not a number.
    const lines = readFileSync(join(FIXTURE, DAY(3)), 'utf8').split('\n');
    lines[3] = lines[3].replace(/"userId":"\d+"/, '"userId":"user-x"');
    put(dir, DAY(3), lines.join('\n'));
    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, dir);
      expect(report.files).toEqual({ seen: 3, loaded: 2, skipped: 0, quarantined: 1 });
      expect(report.quarantined).toEqual([DAY(3)]);
      expect(report.loadErrors).toHaveLength(1);
      expect(report.loadErrors[0]).toMatchObject({ key: DAY(3), line: 4, column: 'user_id', code: 1207 });
      expect(report.loadErrors[0].reason).toMatch(/line 4/);
      expect(exitCodeFor(report)).toBe(2);

      const expected = (d: number) =>
        readFileSync(join(FIXTURE, DAY(d)), 'utf8')
          .split('\n')
          .filter((l) => l.includes('"page":"NextSong"')).length;
      expect(report.tables.songplays).toBe(expected(1) + expected(2));

      const s3 = new S3Client({
        region: 'us-east-1',
        endpoint: stack.endpoints.s3,
        forcePathStyle: true,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const copy = await s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: quarantineKey(DAY(3)) }));
      expect(copy.ContentLength).toBe(Buffer.byteLength(lines.join('\n')));
      const [ledger] = await sql(
        stack,
        `SELECT status, error_line, error_code FROM ingest.loaded_files WHERE status = 'failed'`,
      );
      expect(ledger).toEqual({ status: 'failed', error_line: 4, error_code: 1207 });
    } finally {
      await stack.cleanup();
    }
  });

  it('quarantines a file whose JSON is broken mid-file with the line of the broken object', async () => {
    const dir = tempDir('badjson');
    copyFromFixture(dir, DAY(5));
    const lines = readFileSync(join(FIXTURE, DAY(6)), 'utf8').split('\n');
    lines[9] = lines[9].slice(0, 40); // truncated object on line 10
    put(dir, DAY(6), lines.join('\n'));
    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, dir);
      expect(report.quarantined).toEqual([DAY(6)]);
      expect(report.loadErrors[0].key).toBe(DAY(6));
      expect(report.loadErrors[0].line).toBe(10);
      expect(report.files.loaded).toBe(1);
      expect(exitCodeFor(report)).toBe(2);
    } finally {
      await stack.cleanup();
    }
  });
});

describe('late events', () => {
  const event = (o: { ts: number; level: string; session: number; item: number }) =>
    JSON.stringify({
      artist: null,
      auth: 'Logged In',
      firstName: 'Ada',
      gender: 'F',
      itemInSession: o.item,
      lastName: 'Byron',
      length: null,
      level: o.level,
      location: 'London',
      method: 'GET',
      page: 'Home',
      registration: 1540919166796.0,
      sessionId: o.session,
      song: null,
      status: 200,
      ts: o.ts,
      userAgent: 'x',
      userId: '501',
    });

  it('an older event arriving after a newer one does not overwrite the user', async () => {
    const stack = await startTestStack();
    try {
      const newer = tempDir('newer');
      put(newer, DAY(20), event({ ts: 1542700000000, level: 'paid', session: 9001, item: 3 }));
      await runLoad(stack, newer);
      const older = tempDir('older');
      put(older, DAY(19), event({ ts: 1542600000000, level: 'free', session: 9000, item: 0 }));
      const report = await runLoad(stack, older);
      expect(report.files.loaded).toBe(1);
      const [user] = await sql(stack, 'SELECT level FROM users WHERE user_id = 501');
      expect(user.level).toBe('paid');
    } finally {
      await stack.cleanup();
    }
  });
});
