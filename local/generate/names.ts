/**
 * Builds artist names and song titles from the vocabulary lists.
 *
 * Shared by the song catalog and by the pool of played tracks that are not in
 * the catalog, so both look alike (a join on title alone, or artist alone,
 * finds plausible false matches, as with the real data).
 */
import type { Rng } from './prng';
import {
  ACCENTED_WORDS,
  APOSTROPHE_WORDS,
  ARTIST_PATTERNS,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  LAST_NAMES,
  TITLE_PATTERNS,
  WORDS,
} from './vocabulary';

/** Probability that a word slot uses a word with non-ASCII letters. */
const ACCENT_SHARE = 0.03;
/** Probability that a word slot uses a word with an apostrophe. */
const APOSTROPHE_SHARE = 0.06;

function word(rng: Rng): string {
  const r = rng.next();
  if (r < ACCENT_SHARE) return rng.pick(ACCENTED_WORDS);
  if (r < ACCENT_SHARE + APOSTROPHE_SHARE) return rng.pick(APOSTROPHE_WORDS);
  return rng.pick(WORDS);
}

function person(rng: Rng): string {
  const first = rng.chance(0.5) ? rng.pick(FIRST_NAMES_F) : rng.pick(FIRST_NAMES_M);
  // Some performers are known by one name, some carry an accent ("Zoë Ortiz").
  if (rng.chance(0.15)) return rng.chance(0.3) ? rng.pick(ACCENTED_WORDS) : first;
  return `${first} ${rng.pick(LAST_NAMES)}`;
}

function fill(pattern: string, rng: Rng): string {
  return pattern.replace(/\{([ABCPQ])\}/g, (_m, slot: string) =>
    slot === 'P' || slot === 'Q' ? person(rng) : word(rng),
  );
}

/** A performer name such as "The Neon Wolfs", "Maya Reed feat. Owen Kim" or "Fire/Stone". */
export function artistName(rng: Rng): string {
  return fill(rng.pick(ARTIST_PATTERNS), rng);
}

/** A song title such as "Midnight Harbor (Album Version)". */
export function songTitle(rng: Rng): string {
  return fill(rng.pick(TITLE_PATTERNS), rng);
}

/** A user's first name for the given gender. */
export function firstName(rng: Rng, gender: 'F' | 'M'): string {
  return rng.pick(gender === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M);
}

/** A user's last name (some with apostrophes). */
export function lastName(rng: Rng): string {
  return rng.pick(LAST_NAMES);
}
