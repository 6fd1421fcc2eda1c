/**
 * Plans the listening sessions: who, when, how many events, and in which
 * sessions a user changes level.
 *
 * Planning is separate from filling in pages so that level changes can be
 * placed with knowledge of each user's whole month (a change needs sessions
 * before and after it to be visible), like the real 7 free->paid users and
 * the one paid->free->paid user.
 */
import type { Rng } from './prng';
import type { User } from './types';

/** A session before its pages are generated. */
export interface SessionPlan {
  sessionId: number;
  user: User;
  /** Epoch second of the first event. */
  startSecond: number;
  /** Number of events (all pages). */
  length: number;
  /** Level change the session contains (at most one). */
  transition: 'up' | 'down' | null;
}

/** The plan plus the users whose level changes (kept out of timestamp shifting). */
export interface SessionSchedule {
  sessions: SessionPlan[];
  changers: Set<User>;
}

const DAY_SECONDS = 86_400;
/** Sessions of the last day start early enough to end inside it. */
const LAST_DAY_START_SECONDS = 18 * 3600;
/** Shortest session that can hold a level change: Upgrade, Submit, one more. */
const MIN_TRANSITION_LENGTH = 4;
/** Share of users who upgrade during the month (real: 7 of 97). */
const UPGRADE_SHARE = 0.07;

function sessionLength(rng: Rng): number {
  // Real sessions average ~8.6 events: many short visits, some long ones.
  return rng.chance(0.45) ? rng.int(1, 4) : rng.int(3, 20);
}

/** Lays out sessions totalling exactly `events` events over `days` days from `startSecond`. */
export function planSessions(
  rng: Rng,
  opts: { events: number; days: number; startSecond: number; users: User[] },
): SessionSchedule {
  const { events, days, startSecond, users } = opts;
  const draft: Array<Omit<SessionPlan, 'sessionId'>> = [];
  let left = events;
  while (left > 0) {
    const length = Math.min(left, sessionLength(rng));
    left -= length;
    const k = draft.length;
    // The first `days` sessions cover each day once, so every day has a file.
    const day = k < days ? k : rng.int(0, days - 1);
    const span = day === days - 1 ? LAST_DAY_START_SECONDS : DAY_SECONDS;
    // Every user gets a session first; then active users get more (skewed draw).
    const u = rng.next();
    const user = (k < users.length ? users[k] : users[Math.floor(u * u * users.length)]) as User;
    draft.push({ user, startSecond: startSecond + day * DAY_SECONDS + rng.int(0, span - 1), length, transition: null });
  }
  draft.sort((a, b) => a.startSecond - b.startSecond);
  // Session ids grow with time and have gaps, as in the real logs.
  let id = rng.int(1, 50);
  const sessions = draft.map((d) => {
    id += rng.int(1, 3);
    return { ...d, sessionId: id };
  });
  return { sessions, changers: planLevelChanges(rng, sessions, users) };
}

/** Marks transition sessions and sets the initial level of users who change. */
function planLevelChanges(rng: Rng, sessions: SessionPlan[], users: User[]): Set<User> {
  const byUser = new Map<User, SessionPlan[]>();
  for (const s of sessions) {
    const list = byUser.get(s.user);
    if (list) list.push(s);
    else byUser.set(s.user, [s]);
  }
  // A change is visible only if the user has a session before it.
  const eligible = (u: User): SessionPlan[] =>
    (byUser.get(u) ?? []).slice(1).filter((s) => s.length >= MIN_TRANSITION_LENGTH);

  const changers = new Set<User>();
  const order = rng.shuffled(users);
  // One user goes paid -> free -> paid (real user 15).
  const twice = order.find((u) => eligible(u).length >= 2);
  if (twice) {
    const e = eligible(twice);
    const down = e[Math.floor((e.length - 1) / 2)] as SessionPlan;
    const up = e[e.length - 1] as SessionPlan;
    down.transition = 'down';
    up.transition = 'up';
    twice.initialLevel = 'paid';
    changers.add(twice);
  }
  const upgrades = Math.max(1, Math.round(users.length * UPGRADE_SHARE));
  for (const u of order) {
    if (changers.size >= upgrades + (twice ? 1 : 0)) break;
    if (changers.has(u)) continue;
    const e = eligible(u);
    if (e.length === 0) continue;
    (e[Math.floor(e.length / 2)] as SessionPlan).transition = 'up';
    u.initialLevel = 'free';
    changers.add(u);
  }
  return changers;
}
