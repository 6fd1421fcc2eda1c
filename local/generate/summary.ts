/**
 * The generator's own computation of the expected star schema, from the
 * records it holds in memory (typed objects, not files).
 *
 * `expected.ts` implements the same DESIGN.md rules independently from the
 * written files; the tests check that the two agree, which catches both a
 * serialization bug here and a rules bug there.
 */
import { playKey } from './plays';
import type { EventRecord, ExpectedStarSchema, Level, SongRecord } from './types';

/** Applies the "Star schema semantics" rules to in-memory records. */
export function expectedFromRecords(events: readonly EventRecord[], songs: readonly SongRecord[]): ExpectedStarSchema {
  // Join key -> whether any song matches (the smallest song_id would win, but
  // only "matched or not" is counted here).
  const songKeys = new Set<string>();
  const songIds = new Set<string>();
  const artistIds = new Set<string>();
  for (const s of songs) {
    songKeys.add(playKey(s.title, s.artist_name, s.duration));
    songIds.add(s.song_id);
    artistIds.add(s.artist_id);
  }

  const plays = new Map<string, EventRecord>();
  const latest = new Map<string, EventRecord>();
  for (const e of events) {
    if (e.page === 'NextSong') {
      const k = `${e.sessionId}:${e.itemInSession}`;
      if (!plays.has(k)) plays.set(k, e);
    }
    if (e.user) {
      const prev = latest.get(e.user.userId);
      if (!prev || isLater(e, prev)) latest.set(e.user.userId, e);
    }
  }

  let matched = 0;
  const times = new Set<number>();
  for (const e of plays.values()) {
    times.add(e.ts);
    if (
      e.song !== null &&
      e.artist !== null &&
      e.length !== null &&
      songKeys.has(playKey(e.song, e.artist, e.length))
    ) {
      matched++;
    }
  }
  let paid = 0;
  for (const e of latest.values()) if ((e.level as Level) === 'paid') paid++;

  return {
    songplays: plays.size,
    matchedSongplays: matched,
    users: latest.size,
    paidUsers: paid,
    songs: songIds.size,
    artists: artistIds.size,
    time: times.size,
  };
}

/** Orders by (ts, sessionId, itemInSession), the "latest event" rule for users. */
function isLater(a: EventRecord, b: EventRecord): boolean {
  if (a.ts !== b.ts) return a.ts > b.ts;
  if (a.sessionId !== b.sessionId) return a.sessionId > b.sessionId;
  return a.itemInSession > b.itemInSession;
}
