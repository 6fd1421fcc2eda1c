import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from '../../local/cli/commands';
import { exitCodeFor } from '../../local/cli/report';
import { dumpStarSchema, FIXTURE, sql, startTestStack, tempDir } from '../support/stack';

/** A folder holding only some of the fixture's top-level prefixes (copied to a temp dir). */
function subset(...prefixes: string[]): string {
  const dir = tempDir('subset');
  for (const p of prefixes) cpSync(join(FIXTURE, p), join(dir, p), { recursive: true });
  return dir;
}

describe('the real Sparkify sample, end to end on the local stack', () => {
  let reference: Record<string, unknown[]>;

  it('loads to exactly the documented star schema', async () => {
    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, FIXTURE);
      expect(report.files).toEqual({ seen: 101, loaded: 101, skipped: 0, quarantined: 0 });
      expect(report.tables).toEqual({ songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 });
      expect(report.executions.every((e) => e.status === 'SUCCEEDED')).toBe(true);
      expect(exitCodeFor(report)).toBe(0);

      const [matched] = await sql(stack, 'SELECT COUNT(*) AS n FROM songplays WHERE song_id IS NOT NULL');
      expect(Number(matched.n)).toBe(1);
      const [play] = await sql(
        stack,
        'SELECT s.title, a.name FROM songplays p JOIN songs s ON s.song_id = p.song_id JOIN artists a ON a.artist_id = p.artist_id',
      );
      expect(play).toEqual({ title: 'Setanta matins', name: 'Elena' });
      const [paid] = await sql(stack, "SELECT COUNT(*) AS n FROM users WHERE level = 'paid'");
      expect(Number(paid.n)).toBe(22);
      const [first] = await sql(stack, 'SELECT CAST(MIN(start_time) AS VARCHAR) AS t FROM songplays');
      expect(first.t).toBe('2018-11-01 21:01:46.796');
      const loaded = await sql(stack, "SELECT COUNT(*) AS n FROM ingest.loaded_files WHERE status = 'loaded'");
      expect(Number(loaded[0].n)).toBe(101);
      reference = await dumpStarSchema(stack);
    } finally {
      await stack.cleanup();
    }
  });

  it('gives identical tables shuffled with every file uploaded twice', async () => {
    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, FIXTURE, { shuffleSeed: 7, repeat: 2 });
      expect(report.files.seen).toBe(101);
      expect(report.files.loaded + report.files.skipped).toBe(101);
      expect(await dumpStarSchema(stack)).toEqual(reference);
    } finally {
      await stack.cleanup();
    }
  });

  it('gives identical tables with logs first and songs in a later run', async () => {
    const stack = await startTestStack();
    try {
      const logs = await runLoad(stack, subset('log_data'));
      expect(logs.tables.songplays).toBe(6820);
      const [unmatched] = await sql(stack, 'SELECT COUNT(*) AS n FROM songplays WHERE song_id IS NOT NULL');
      expect(Number(unmatched.n)).toBe(0);
      await runLoad(stack, subset('song_data'));
      // The play of "Setanta matins" was re-resolved when its song arrived.
      expect(await dumpStarSchema(stack)).toEqual(reference);
    } finally {
      await stack.cleanup();
    }
  });

  it('gives identical tables when small manifests and a zero batch window force many batches', async () => {
    const stack = await startTestStack({ batchWindowMs: 0, batchSize: 5, manifestMaxFiles: 3 });
    try {
      const report = await runLoad(stack, FIXTURE, { shuffleSeed: 3 });
      expect(report.executions.length).toBeGreaterThanOrEqual(34);
      expect(report.files.loaded).toBe(101);
      expect(await dumpStarSchema(stack)).toEqual(reference);
    } finally {
      await stack.cleanup();
    }
  });

  it('gives identical tables after a forced replay of everything', async () => {
    const stack = await startTestStack();
    try {
      await runLoad(stack, FIXTURE);
      await stack.invoke('replay', { prefix: 'log_data/', force: true });
      await stack.invoke('replay', { prefix: 'song_data/', force: true });
      await stack.settled();
      const failed = stack.sfn.executions().filter((e) => e.status !== 'SUCCEEDED');
      expect(failed).toEqual([]);
      expect(await dumpStarSchema(stack)).toEqual(reference);
    } finally {
      await stack.cleanup();
    }
  });

  it('the fixture is where the tests expect it', () => {
    expect(readdirSync(join(FIXTURE, 'log_data/2018/11'))).toHaveLength(30);
  });
});
