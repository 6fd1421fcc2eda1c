/**
 * Fills planned sessions with page events, the way the Sparkify app logs them.
 *
 * Mirrors the real page mix (NextSong ~85%, then Home, Logout, Settings,
 * Help, ...), the logged-out stretches (before a Login or after a Logout,
 * with userId "" and no personal fields), and the Upgrade/Submit Upgrade
 * pair after which a user's level changes mid-session.
 */
import type { Playlist } from './plays';
import type { Rng } from './prng';
import type { SessionPlan } from './sessions';
import type { EventRecord, Level, Page } from './types';
import { msOf } from './users';

/** Chance that a logged-in step is a NextSong (tuned for ~85% overall). */
const NEXT_SONG_SHARE = 0.885;
/** Chance that a session starts logged out (real: 79 of 941). */
const STARTS_LOGGED_OUT = 0.08;

const OTHER_PAGES: Page[] = ['Home', 'Logout', 'Downgrade', 'Settings', 'Help', 'About', 'Upgrade', 'Error'];
// Real logged-in counts (Home 635, Logout 90, Downgrade 60, ...).
const OTHER_WEIGHTS = [635, 90, 60, 56, 38, 22, 21, 9];
const LOGGED_OUT_PAGES: Page[] = ['Home', 'About', 'Help'];
const LOGGED_OUT_WEIGHTS = [171, 14, 9];

const METHOD_STATUS: Record<Page, ['GET' | 'PUT', number]> = {
  NextSong: ['PUT', 200],
  Home: ['GET', 200],
  Login: ['PUT', 307],
  Logout: ['PUT', 307],
  Downgrade: ['GET', 200],
  Settings: ['GET', 200],
  Help: ['GET', 200],
  About: ['GET', 200],
  Upgrade: ['GET', 200],
  'Save Settings': ['PUT', 307],
  Error: ['GET', 404],
  'Submit Upgrade': ['PUT', 307],
  'Submit Downgrade': ['PUT', 307],
};

/**
 * Generates the events of one session.
 * @param levels each user's current level, updated when the session changes it
 */
export function fillSession(
  rng: Rng,
  plan: SessionPlan,
  playlist: Playlist,
  levels: Map<string, Level>,
): EventRecord[] {
  const { user, length, sessionId } = plan;
  const out: EventRecord[] = [];
  let second = plan.startSecond;
  let loggedIn = !rng.chance(STARTS_LOGGED_OUT);
  let level = levels.get(user.userId) ?? user.initialLevel;
  let pending = plan.transition;
  // Position of the level change; forced earlier if the session runs short.
  const changeAt = pending ? rng.int(1, Math.max(1, length - 3)) : -1;
  let saveNext = false;

  const emit = (page: Page, play: { song: string; artist: string; length: number } | null): void => {
    const [method, status] = METHOD_STATUS[page];
    out.push({
      artist: play ? play.artist : null,
      auth: loggedIn ? 'Logged In' : 'Logged Out',
      user: loggedIn ? user : null,
      itemInSession: out.length,
      length: play ? play.length : null,
      level,
      method,
      page,
      sessionId,
      song: play ? play.song : null,
      status,
      ts: msOf(second),
    });
  };

  while (out.length < length) {
    const remaining = length - out.length;
    if (!loggedIn) {
      // A pending level change needs the user logged in, so log in right away.
      if (pending || remaining === 1 || rng.chance(0.35)) {
        emit('Login', null);
        loggedIn = true;
        second += rng.int(0, 2);
      } else {
        emit(rng.weighted(LOGGED_OUT_PAGES, LOGGED_OUT_WEIGHTS), null);
        second += rng.int(1, 600);
      }
      continue;
    }
    if (pending && (out.length >= changeAt || remaining <= 3)) {
      const up = pending === 'up';
      emit(up ? 'Upgrade' : 'Downgrade', null);
      second += rng.int(5, 60);
      emit(up ? 'Submit Upgrade' : 'Submit Downgrade', null);
      second += rng.int(0, 2);
      level = up ? 'paid' : 'free';
      levels.set(user.userId, level);
      pending = null;
      continue;
    }
    if (saveNext) {
      saveNext = false;
      emit('Save Settings', null);
      second += rng.int(0, 30);
      continue;
    }
    if (rng.chance(NEXT_SONG_SHARE)) {
      const play = playlist.next();
      emit('NextSong', play);
      // The next event comes when the song ends.
      second += Math.round(play.length);
      continue;
    }
    let page = rng.weighted(OTHER_PAGES, OTHER_WEIGHTS);
    // Free users see Upgrade, paid users Downgrade; no logout while a change is due.
    if (page === 'Upgrade' && level === 'paid') page = 'Downgrade';
    else if (page === 'Downgrade' && level === 'free') page = 'Upgrade';
    if (page === 'Logout' && pending) page = 'Home';
    emit(page, null);
    if (page === 'Logout') {
      loggedIn = false;
      second += rng.int(10, 600);
    } else {
      if (page === 'Settings') saveNext = rng.chance(0.2);
      // 0 keeps the next event on the same millisecond, as in the real logs.
      second += rng.int(0, 40);
    }
  }
  return out;
}
