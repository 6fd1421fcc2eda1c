/**
 * The benchmark's correctness gate: a timing of a load that produced the wrong tables is
 * worthless, so every measured load is compared with the reference implementation of the star
 * schema rules (local/generate/expected.ts) and the bench fails loudly on any difference.
 */
import type { SqlRunner } from '../local/cli/report';
import type { ExpectedStarSchema } from '../local/generate';

const COUNTS_SQL = `
SELECT (SELECT COUNT(*) FROM songplays) AS songplays,
       (SELECT COUNT(*) FROM songplays WHERE song_id IS NOT NULL) AS matched_songplays,
       (SELECT COUNT(*) FROM users) AS users,
       (SELECT COUNT(*) FROM users WHERE level = 'paid') AS paid_users,
       (SELECT COUNT(*) FROM songs) AS songs,
       (SELECT COUNT(*) FROM artists) AS artists,
       (SELECT COUNT(*) FROM time) AS time`;

export class BenchVerificationError extends Error {
  override name = 'BenchVerificationError';
}

/** The warehouse's counts in the shape of ExpectedStarSchema. */
export async function actualStarSchema(sql: SqlRunner): Promise<ExpectedStarSchema> {
  const [r] = await sql(COUNTS_SQL);
  return {
    songplays: Number(r.songplays),
    matchedSongplays: Number(r.matched_songplays),
    users: Number(r.users),
    paidUsers: Number(r.paid_users),
    songs: Number(r.songs),
    artists: Number(r.artists),
    time: Number(r.time),
  };
}

/** Throws BenchVerificationError naming every count that differs from the reference. */
export async function verifyStarSchema(what: string, sql: SqlRunner, expected: ExpectedStarSchema): Promise<void> {
  const actual = await actualStarSchema(sql);
  const diffs = (Object.keys(expected) as Array<keyof ExpectedStarSchema>)
    .filter((k) => actual[k] !== expected[k])
    .map((k) => `${k}: expected ${expected[k]}, got ${actual[k]}`);
  if (diffs.length > 0) {
    throw new BenchVerificationError(
      `${what}: the star schema differs from computeExpectedStarSchema: ${diffs.join('; ')}`,
    );
  }
}

/** Every data file is in the ledger exactly once, as loaded. */
export async function verifyLedger(what: string, sql: SqlRunner, files: number): Promise<void> {
  const [r] = await sql(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS keys, SUM(CASE WHEN status = 'loaded' THEN 1 ELSE 0 END) AS loaded FROM ingest.loaded_files",
  );
  if (Number(r.n) !== files || Number(r.keys) !== files || Number(r.loaded) !== files) {
    throw new BenchVerificationError(
      `${what}: ledger has ${r.n} rows (${r.keys} keys, ${r.loaded} loaded) for ${files} data files`,
    );
  }
}
