import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from '../../local/cli/commands';
import { exitCodeFor } from '../../local/cli/report';
import { FIXTURE, sql, startTestStack, tempDir } from '../support/stack';

const KEY = 'log_data/2018/11/2018-11-05-events.json';

describe('quality checks', () => {
  it('record passing results for each batch', async () => {
    const stack = await startTestStack();
    try {
      const dir = tempDir('qc');
      mkdirSync(join(dir, 'log_data/2018/11'), { recursive: true });
      cpSync(join(FIXTURE, KEY), join(dir, KEY));
      const report = await runLoad(stack, dir);
      expect(exitCodeFor(report)).toBe(0);
      const rows = await sql(stack, 'SELECT check_name, violations FROM ingest.quality_results ORDER BY check_name');
      expect(rows.map((r) => r.check_name)).toEqual([
        'songplays_duplicate_natural_key',
        'songplays_missing_time_row',
        'songplays_null_start_time',
        'songplays_null_user_id',
        'time_duplicate_start_time',
        'users_duplicate_id',
      ]);
      expect(rows.every((r) => Number(r.violations) === 0)).toBe(true);
    } finally {
      await stack.cleanup();
    }
  });

  it('fail the execution with DataQualityError when the batch leaves a duplicate natural key', async () => {
    const stack = await startTestStack();
    try {
      await stack.invoke('backfill', {}); // creates the schema
      // A stray row with the natural key of one of the file's plays, under another id.
      const play = readFileSync(join(FIXTURE, KEY), 'utf8')
        .split('\n')
        .map((l) => JSON.parse(l))
        .find((e) => e.page === 'NextSong');
      await sql(
        stack,
        `INSERT INTO songplays (songplay_id, start_time, user_id, session_id, item_in_session)
         VALUES ('stray', '2018-11-05 00:00:00', 1, ${play.sessionId}, ${play.itemInSession})`,
      );
      const dir = tempDir('qc-dup');
      mkdirSync(join(dir, 'log_data/2018/11'), { recursive: true });
      cpSync(join(FIXTURE, KEY), join(dir, KEY));
      const report = await runLoad(stack, dir);
      expect(report.executions).toHaveLength(1);
      expect(report.executions[0].status).toBe('FAILED');
      expect(report.executions[0].error).toMatch(
        /^DataQualityError: .*songplays_duplicate_natural_key.*"violations":1/,
      );
      expect(exitCodeFor(report)).toBe(1);
    } finally {
      await stack.cleanup();
    }
  });
});
