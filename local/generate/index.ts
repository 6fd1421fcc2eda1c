/**
 * `redshift-ingest generate DIR`: deterministic Sparkify-shaped sample data.
 *
 * Writes DIR/log_data/YYYY/MM/YYYY-MM-DD-events.json (one file per day) and
 * DIR/song_data/<c3>/<c4>/<c5>/TR....json (one song per file), shaped like the
 * real Udacity files down to their quirks, and returns the star schema that
 * loading them must produce. Same options -> byte-identical files.
 */
import { buildCatalog } from './catalog';
import { fillSession } from './events';
import { Playlist } from './plays';
import { createRng } from './prng';
import { EventWriter, songJson, songPath } from './serialize';
import { planSessions } from './sessions';
import { alignSharedTimestamps, sharedTsCountFor } from './shared-ts';
import { expectedFromRecords } from './summary';
import type { EventRecord, GenerateOptions, GenerateSummary, Level } from './types';
import { buildUsers, userCountFor } from './users';
import { type OutputFile, writeAll } from './writer';

export { computeExpectedStarSchema } from './expected';
export type { ExpectedStarSchema, GenerateOptions, GenerateSummary } from './types';

const DAY_MS = 86_400_000;

function nonNegativeInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

function parseStartDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s) {
    throw new RangeError(`startDate must be YYYY-MM-DD, got ${JSON.stringify(s)}`);
  }
  return ms;
}

/** Key of the log file holding an event at `ts`: the UTC day of the event. */
function logPath(ts: number): string {
  const day = new Date(ts).toISOString().slice(0, 10);
  return `log_data/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}-events.json`;
}

function byTime(a: EventRecord, b: EventRecord): number {
  return a.ts - b.ts || a.sessionId - b.sessionId || a.itemInSession - b.itemInSession;
}

/**
 * Generates a sample data set under `opts.dir` (existing files are overwritten,
 * nothing is deleted). Defaults: 2,000 events, 200 songs, seed 42, 30 days
 * from 2018-11-01, 10% of plays matching a song.
 */
export async function generateSample(opts: GenerateOptions): Promise<GenerateSummary> {
  const events = nonNegativeInt('events', opts.events ?? 2000);
  const songCount = nonNegativeInt('songs', opts.songs ?? 200);
  const days = nonNegativeInt('days', opts.days ?? 30);
  if (days < 1) throw new RangeError('days must be at least 1');
  const seed = opts.seed ?? 42;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number, got ${seed}`);
  const matchShare = opts.matchShare ?? 0.1;
  if (!(matchShare >= 0 && matchShare <= 1)) throw new RangeError(`matchShare must be in [0, 1], got ${matchShare}`);
  const startMs = parseStartDate(opts.startDate ?? '2018-11-01');

  // Independent streams: the catalog does not change when only `events` does.
  const catalog = buildCatalog(createRng(seed, 'songs'), songCount);
  const users = events > 0 ? buildUsers(createRng(seed, 'users'), userCountFor(events), startMs) : [];
  const rng = createRng(seed, 'sessions');
  const schedule = planSessions(rng, { events, days, startSecond: startMs / 1000, users });
  const playlist = new Playlist(createRng(seed, 'plays'), catalog, Math.round(events * 0.85), matchShare);

  const levels = new Map<string, Level>();
  const bySession = schedule.sessions.map((plan) => fillSession(rng, plan, playlist, levels));
  alignSharedTimestamps(rng, schedule.sessions, bySession, {
    count: sharedTsCountFor(events),
    minMs: startMs,
    maxMs: startMs + days * DAY_MS,
    frozen: schedule.changers,
  });

  const all = bySession.flat();
  const byFile = new Map<string, EventRecord[]>();
  for (const e of all) {
    const key = logPath(e.ts);
    const list = byFile.get(key);
    if (list) list.push(e);
    else byFile.set(key, [e]);
  }
  const writer = new EventWriter();
  const files: OutputFile[] = [];
  for (const [rel, list] of byFile) {
    list.sort(byTime);
    // Newline-delimited, no newline after the last line (as in the real files).
    files.push({ rel, data: list.map((e) => writer.line(e)).join('\n') });
  }
  for (const s of catalog.songs) files.push({ rel: songPath(s.trackId), data: songJson(s) });

  const bytes = await writeAll(opts.dir, files, opts.concurrency ?? 64);
  const expected = expectedFromRecords(all, catalog.songs);
  return {
    logFiles: byFile.size,
    songFiles: catalog.songs.length,
    events: all.length,
    nextSongEvents: all.filter((e) => e.page === 'NextSong').length,
    songs: catalog.songs.length,
    users: expected.users,
    bytes,
    expected,
  };
}
