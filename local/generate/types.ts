/**
 * Record and result types of the sample generator.
 *
 * Field names follow the files (camelCase in log_data, snake_case in
 * song_data) so a reader can map a record to a line without a table.
 */

/** One song_data object, plus the track id that names its file. */
export interface SongRecord {
  trackId: string;
  num_songs: number;
  artist_id: string;
  artist_latitude: number | null;
  artist_longitude: number | null;
  artist_location: string;
  artist_name: string;
  song_id: string;
  title: string;
  duration: number;
  year: number;
}

/** Pages the Sparkify app logs. */
export type Page =
  | 'NextSong'
  | 'Home'
  | 'Login'
  | 'Logout'
  | 'Downgrade'
  | 'Settings'
  | 'Help'
  | 'About'
  | 'Upgrade'
  | 'Save Settings'
  | 'Error'
  | 'Submit Upgrade'
  | 'Submit Downgrade';

/** Subscription level. */
export type Level = 'free' | 'paid';

/** A registered listener; logged-out rows carry none of these fields. */
export interface User {
  userId: string;
  firstName: string;
  lastName: string;
  gender: 'F' | 'M';
  location: string;
  /** Exactly as the app logs it, quotes included for some browsers. */
  userAgent: string;
  /** Epoch ms; written as a float ("1540919166796.0"). */
  registration: number;
  /** Level at the start of the month. */
  initialLevel: Level;
}

/**
 * One log_data event. Text fields hold the *decoded* JSON string value, i.e.
 * what `JSON.parse` returns for the line (mojibake included).
 */
export interface EventRecord {
  artist: string | null;
  auth: 'Logged In' | 'Logged Out';
  user: User | null;
  itemInSession: number;
  length: number | null;
  level: Level;
  method: 'GET' | 'PUT';
  page: Page;
  sessionId: number;
  song: string | null;
  status: number;
  ts: number;
}

/** The star schema the pipeline must build from the generated files. */
export interface ExpectedStarSchema {
  songplays: number;
  matchedSongplays: number;
  users: number;
  paidUsers: number;
  songs: number;
  artists: number;
  time: number;
}

/** What `generateSample` wrote, and what loading it must produce. */
export interface GenerateSummary {
  logFiles: number;
  songFiles: number;
  events: number;
  nextSongEvents: number;
  songs: number;
  users: number;
  bytes: number;
  expected: ExpectedStarSchema;
}

/** Options of `generateSample`. */
export interface GenerateOptions {
  /** Output folder; `log_data/` and `song_data/` are created inside. Not cleaned first. */
  dir: string;
  /** Total log events (all pages). Default 2,000. */
  events?: number;
  /** Song files. Default 200. */
  songs?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** Days of logs, one file per day. Default 30. */
  days?: number;
  /** First day, `YYYY-MM-DD` (UTC). Default 2018-11-01. */
  startDate?: string;
  /** Share of NextSong events that exactly match a generated song. Default 0.1. */
  matchShare?: number;
  /** Parallel file writes. Default 64. */
  concurrency?: number;
}
