/**
 * Makes a few NextSong events of different users share one millisecond.
 *
 * The real logs have 7 such pairs among 6,820 plays (6,813 distinct times), so
 * a time dimension keyed on start_time, or a songplay id derived from ts,
 * must cope with it. We shift a whole session (keeping its inner spacing) so
 * its first play lands on the time of a play in the session just before it.
 */
import type { Rng } from './prng';
import type { SessionPlan } from './sessions';
import type { EventRecord, User } from './types';

/** About one shared millisecond per 1,000 events (real: 7 per 8,056), at least 2. */
export function sharedTsCountFor(events: number): number {
  return Math.max(2, Math.round(events / 1000));
}

/**
 * Shifts up to `count` sessions in place; returns how many were aligned.
 * Sessions of `frozen` users (level changers) are never moved, since moving
 * them could reorder their level history.
 */
export function alignSharedTimestamps(
  rng: Rng,
  sessions: SessionPlan[],
  events: EventRecord[][],
  opts: { count: number; minMs: number; maxMs: number; frozen: Set<User> },
): number {
  const used = new Set<number>();
  const firstPlay = (i: number): EventRecord | undefined =>
    (events[i] as EventRecord[]).find((e) => e.page === 'NextSong');
  let aligned = 0;
  for (let attempt = 0; attempt < opts.count * 20 && aligned < opts.count; attempt++) {
    if (sessions.length < 2) break;
    const b = rng.int(1, sessions.length - 1);
    const a = b - 1;
    const sa = sessions[a] as SessionPlan;
    const sb = sessions[b] as SessionPlan;
    if (used.has(a) || used.has(b) || sa.user === sb.user) continue;
    if (opts.frozen.has(sa.user) || opts.frozen.has(sb.user)) continue;
    const target = firstPlay(a);
    const mine = firstPlay(b);
    if (!target || !mine || target.user === null || mine.user === null) continue;
    const delta = target.ts - mine.ts;
    const list = events[b] as EventRecord[];
    const first = (list[0] as EventRecord).ts + delta;
    const last = (list[list.length - 1] as EventRecord).ts + delta;
    if (first < opts.minMs || last >= opts.maxMs) continue;
    for (const e of list) e.ts += delta;
    used.add(a);
    used.add(b);
    aligned++;
  }
  return aligned;
}
