/**
 * Turns records into the exact bytes of the real files.
 *
 * Log lines: the 18 keys in the jsonpaths order, no spaces, "\/" escapes,
 * registration as a float ("1540919166796.0"), ints for ts/sessionId/status.
 * Song files: Python `json.dumps` layout with the real key order.
 * Per-user fragments are encoded once; at 100k events this is the hot path.
 */
import { formatFloat, logString, songString } from './json-format';
import type { EventRecord, SongRecord, User } from './types';

/** The 18 log keys in file order (same as the jsonpaths file). */
export const LOG_KEYS = [
  'artist',
  'auth',
  'firstName',
  'gender',
  'itemInSession',
  'lastName',
  'length',
  'level',
  'location',
  'method',
  'page',
  'registration',
  'sessionId',
  'song',
  'status',
  'ts',
  'userAgent',
  'userId',
] as const;

/** The 10 song keys in file order. */
export const SONG_KEYS = [
  'num_songs',
  'artist_id',
  'artist_latitude',
  'artist_longitude',
  'artist_location',
  'artist_name',
  'song_id',
  'title',
  'duration',
  'year',
] as const;

interface UserFragments {
  firstName: string;
  gender: string;
  lastName: string;
  location: string;
  registration: string;
  userAgent: string;
  userId: string;
}

const LOGGED_OUT: UserFragments = {
  firstName: 'null',
  gender: 'null',
  lastName: 'null',
  location: 'null',
  registration: 'null',
  userAgent: 'null',
  userId: '""',
};

/** Serializes events; keeps encoded user fragments across calls. */
export class EventWriter {
  private readonly cache = new Map<User, UserFragments>();
  private readonly text = new Map<string, string>();

  private fragments(user: User | null): UserFragments {
    if (user === null) return LOGGED_OUT;
    let f = this.cache.get(user);
    if (!f) {
      f = {
        firstName: logString(user.firstName),
        gender: logString(user.gender),
        lastName: logString(user.lastName),
        location: logString(user.location),
        registration: formatFloat(user.registration),
        userAgent: logString(user.userAgent),
        userId: logString(user.userId),
      };
      this.cache.set(user, f);
    }
    return f;
  }

  /** Encodes play text once per distinct string (titles and artists repeat a lot). */
  private str(s: string | null): string {
    if (s === null) return 'null';
    let e = this.text.get(s);
    if (e === undefined) {
      e = logString(s);
      this.text.set(s, e);
    }
    return e;
  }

  /** One log line, without the newline. */
  line(e: EventRecord): string {
    const u = this.fragments(e.user);
    return (
      '{"artist":' +
      this.str(e.artist) +
      ',"auth":"' +
      e.auth +
      '","firstName":' +
      u.firstName +
      ',"gender":' +
      u.gender +
      ',"itemInSession":' +
      e.itemInSession +
      ',"lastName":' +
      u.lastName +
      ',"length":' +
      formatFloat(e.length) +
      ',"level":"' +
      e.level +
      '","location":' +
      u.location +
      ',"method":"' +
      e.method +
      '","page":"' +
      e.page +
      '","registration":' +
      u.registration +
      ',"sessionId":' +
      e.sessionId +
      ',"song":' +
      this.str(e.song) +
      ',"status":' +
      e.status +
      ',"ts":' +
      e.ts +
      ',"userAgent":' +
      u.userAgent +
      ',"userId":' +
      u.userId +
      '}'
    );
  }
}

/** One song file's content (single line, no trailing newline). */
export function songJson(s: SongRecord): string {
  return (
    '{"num_songs": ' +
    s.num_songs +
    ', "artist_id": ' +
    songString(s.artist_id) +
    ', "artist_latitude": ' +
    formatFloat(s.artist_latitude) +
    ', "artist_longitude": ' +
    formatFloat(s.artist_longitude) +
    ', "artist_location": ' +
    songString(s.artist_location) +
    ', "artist_name": ' +
    songString(s.artist_name) +
    ', "song_id": ' +
    songString(s.song_id) +
    ', "title": ' +
    songString(s.title) +
    ', "duration": ' +
    formatFloat(s.duration) +
    ', "year": ' +
    s.year +
    '}'
  );
}

/** `song_data/<c3>/<c4>/<c5>/<trackId>.json`, from the 3rd-5th characters of the track id. */
export function songPath(trackId: string): string {
  return `song_data/${trackId[2]}/${trackId[3]}/${trackId[4]}/${trackId}.json`;
}
