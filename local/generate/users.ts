/**
 * The roster of registered listeners.
 *
 * Real logs have about one user per 80 events, numeric string ids with gaps,
 * registrations in the months before the logs start, and a browser string
 * per user (quoted for most, bare for some).
 */
import { firstName, lastName } from './names';
import type { Rng } from './prng';
import type { User } from './types';
import { METRO_AREAS, USER_AGENTS } from './vocabulary';

/** Events per user in the real sample (8,056 / 97). */
const EVENTS_PER_USER = 83;
/** Share of users on the paid level at the start (real: about a fifth end up paid). */
const PAID_SHARE = 0.2;
const DAY_MS = 86_400_000;

/** Number of users for a given event count: about 1 per 83 events, at least 4. */
export function userCountFor(events: number): number {
  return Math.max(4, Math.round(events / EVENTS_PER_USER));
}

/**
 * Every timestamp in the real logs ends in 796 ms; the generator keeps that,
 * so a pipeline that truncates to seconds shows up immediately.
 */
export function msOf(second: number): number {
  return second * 1000 + 796;
}

/** Builds `count` users registered in the 150 days before `startMs`. */
export function buildUsers(rng: Rng, count: number, startMs: number): User[] {
  // Distinct ids from a range ~1.5x the count, so they have gaps like the real ones.
  const pool: number[] = [];
  for (let i = 2; i < 2 + Math.ceil(count * 1.5) + 2; i++) pool.push(i);
  const ids = rng.shuffled(pool).slice(0, count);
  const users: User[] = [];
  for (const id of ids) {
    const gender = rng.chance(0.5) ? 'F' : 'M';
    const agent = rng.pick(USER_AGENTS);
    const registrationSecond = Math.floor((startMs - rng.int(1, 150) * DAY_MS) / 1000) + rng.int(0, 86_399);
    users.push({
      userId: String(id),
      firstName: firstName(rng, gender),
      lastName: lastName(rng),
      gender,
      location: rng.pick(METRO_AREAS),
      // Three in four real rows wrap the browser string in literal quotes.
      userAgent: rng.chance(0.75) ? `"${agent}"` : agent,
      registration: msOf(registrationSecond),
      initialLevel: rng.chance(PAID_SHARE) ? 'paid' : 'free',
    });
  }
  return users;
}
