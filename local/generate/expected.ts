/**
 * Reference implementation of DESIGN.md "Star schema semantics", straight from
 * the files of a data folder (DIR/log_data/**, DIR/song_data/**).
 *
 * Deliberately naive and independent of the generator and of any SQL: parse
 * every line and file with JSON.parse, then apply each rule literally. The
 * generator's in-memory result and the pipeline's tables are both checked
 * against it; on the real sample it gives the documented numbers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExpectedStarSchema } from './types';

/** The star schema rows (natural keys and attributes) the rules produce. */
export interface StarSchemaRows {
  songplays: Array<{
    sessionId: number;
    itemInSession: number;
    startTime: number;
    userId: string | null;
    level: string;
    songId: string | null;
    artistId: string | null;
    location: string | null;
    userAgent: string | null;
  }>;
  users: Array<{
    userId: string;
    firstName: string | null;
    lastName: string | null;
    gender: string | null;
    level: string;
  }>;
  songs: Array<{ songId: string; title: string; artistId: string; year: number; duration: number }>;
  artists: Array<{
    artistId: string;
    name: string;
    location: string;
    latitude: number | null;
    longitude: number | null;
  }>;
  time: Array<{
    startTime: number;
    hour: number;
    day: number;
    week: number;
    month: number;
    year: number;
    weekday: number;
  }>;
}

type Json = Record<string, unknown>;

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (/\.json(\.gz)?$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

function readText(file: string): string {
  const buf = fs.readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

/** Events from every log file: one object per non-blank line (CRLF tolerated). */
function readEvents(dir: string): Json[] {
  const events: Json[] = [];
  for (const f of listFiles(path.join(dir, 'log_data'))) {
    for (const line of readText(f).split('\n')) if (line.trim() !== '') events.push(JSON.parse(line) as Json);
  }
  return events;
}

/** ISO-8601 week number, which is what Redshift's EXTRACT(week) returns. */
function isoWeek(ms: number): number {
  const d = new Date(ms);
  const day = d.getUTCDay() || 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / 86_400_000 / 7) + 1;
}

/** Applies the rules to the files under `dir` and returns every table's rows. */
export function computeStarSchemaRows(dir: string): StarSchemaRows {
  const songsIn = listFiles(path.join(dir, 'song_data')).map((f) => JSON.parse(readText(f)) as Json);
  const events = readEvents(dir);

  // songs: one row per song_id; artists: attributes from the smallest song_id.
  const bySongId = [...songsIn].sort((a, b) => (String(a.song_id) < String(b.song_id) ? -1 : 1));
  const songs = new Map<string, Json>();
  const artists = new Map<string, Json>();
  // Join key -> first (smallest song_id) song with that title, artist name, duration.
  const byJoinKey = new Map<string, Json>();
  const joinKey = (title: unknown, artist: unknown, duration: unknown): string =>
    JSON.stringify([title, artist, duration]);
  for (const s of bySongId) {
    if (!songs.has(String(s.song_id))) songs.set(String(s.song_id), s);
    if (!artists.has(String(s.artist_id))) artists.set(String(s.artist_id), s);
    const k = joinKey(s.title, s.artist_name, s.duration);
    if (!byJoinKey.has(k)) byJoinKey.set(k, s);
  }

  // songplays: first NextSong event per (sessionId, itemInSession); song from
  // an exact title + artist_name + duration match, smallest song_id.
  const plays = new Map<string, Json>();
  for (const e of events) {
    if (e.page !== 'NextSong') continue;
    const key = `${e.sessionId}:${e.itemInSession}`;
    if (!plays.has(key)) plays.set(key, e);
  }
  const songplays: StarSchemaRows['songplays'] = [];
  for (const e of plays.values()) {
    // Null song/artist/length never match (JSON null is not a song's value).
    const match = e.song == null || e.length == null ? undefined : byJoinKey.get(joinKey(e.song, e.artist, e.length));
    songplays.push({
      sessionId: Number(e.sessionId),
      itemInSession: Number(e.itemInSession),
      startTime: Number(e.ts),
      userId: e.userId === '' || e.userId == null ? null : String(e.userId),
      level: String(e.level),
      songId: match ? String(match.song_id) : null,
      artistId: match ? String(match.artist_id) : null,
      location: (e.location as string | null) ?? null,
      userAgent: (e.userAgent as string | null) ?? null,
    });
  }

  // users: latest event by (ts, sessionId, itemInSession) among non-empty userIds.
  const latest = new Map<string, Json>();
  const later = (a: Json, b: Json): boolean =>
    Number(a.ts) !== Number(b.ts)
      ? Number(a.ts) > Number(b.ts)
      : Number(a.sessionId) !== Number(b.sessionId)
        ? Number(a.sessionId) > Number(b.sessionId)
        : Number(a.itemInSession) > Number(b.itemInSession);
  for (const e of events) {
    if (e.userId === '' || e.userId == null) continue;
    const prev = latest.get(String(e.userId));
    if (!prev || later(e, prev)) latest.set(String(e.userId), e);
  }

  const times = [...new Set(songplays.map((p) => p.startTime))].sort((a, b) => a - b);
  return {
    songplays,
    users: [...latest].map(([userId, e]) => ({
      userId,
      firstName: e.firstName as string | null,
      lastName: e.lastName as string | null,
      gender: e.gender as string | null,
      level: String(e.level),
    })),
    songs: [...songs.values()].map((s) => ({
      songId: String(s.song_id),
      title: String(s.title),
      artistId: String(s.artist_id),
      year: Number(s.year),
      duration: Number(s.duration),
    })),
    artists: [...artists.values()].map((s) => ({
      artistId: String(s.artist_id),
      name: String(s.artist_name),
      location: String(s.artist_location),
      latitude: s.artist_latitude as number | null,
      longitude: s.artist_longitude as number | null,
    })),
    time: times.map((t) => {
      const d = new Date(t);
      return {
        startTime: t,
        hour: d.getUTCHours(),
        day: d.getUTCDate(),
        week: isoWeek(t),
        month: d.getUTCMonth() + 1,
        year: d.getUTCFullYear(),
        weekday: d.getUTCDay(),
      };
    }),
  };
}

/**
 * Row counts of the star schema that loading every file under `dir` must give
 * (`dir` holds `log_data/` and `song_data/`; `.json` and `.json.gz` are read).
 */
export function computeExpectedStarSchema(dir: string): ExpectedStarSchema {
  const rows = computeStarSchemaRows(dir);
  return {
    songplays: rows.songplays.length,
    matchedSongplays: rows.songplays.filter((p) => p.songId !== null).length,
    users: rows.users.length,
    paidUsers: rows.users.filter((u) => u.level === 'paid').length,
    songs: rows.songs.length,
    artists: rows.artists.length,
    time: rows.time.length,
  };
}
