import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { engineSql } from '../../local/cli/run-local';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../local/stack';

/** The real Sparkify sample the repository ships (samples/sparkify). */
export const FIXTURE = resolve(__dirname, '../../samples/sparkify');

const made: string[] = [];

/** A fresh temp folder, removed after the test file (see removeTempDirs). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ri-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

afterAll(removeTempDirs);

/** A local stack on a fresh temp folder, fast settings for tests. */
export async function startTestStack(
  opts: Partial<LocalStackOptions> = {},
): Promise<LocalStack & { cleanup(): Promise<void> }> {
  const stateDir = opts.stateDir ?? tempDir('stack');
  const stack = await startLocalStack({
    inMemoryWarehouse: true,
    batchWindowMs: 200,
    waitScale: 0.005,
    ...opts,
    stateDir,
  });
  return Object.assign(stack, { cleanup: () => stack.stop() });
}

export const sql = (stack: LocalStack, text: string) => engineSql(stack)(text);

/** Every row of the star schema, in a stable order: what "identical tables, row for row" compares. */
export async function dumpStarSchema(stack: LocalStack): Promise<Record<string, unknown[]>> {
  const q = (text: string) => sql(stack, text);
  return {
    songplays: await q(
      `SELECT songplay_id, CAST(start_time AS VARCHAR) AS start_time, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent
       FROM songplays ORDER BY songplay_id`,
    ),
    users: await q('SELECT user_id, first_name, last_name, gender, level FROM users ORDER BY user_id'),
    songs: await q('SELECT song_id, title, artist_id, year, duration FROM songs ORDER BY song_id'),
    artists: await q('SELECT artist_id, name, location, latitude, longitude FROM artists ORDER BY artist_id'),
    time: await q(
      'SELECT CAST(start_time AS VARCHAR) AS start_time, hour, day, week, month, year, weekday FROM time ORDER BY start_time',
    ),
  };
}
