/**
 * Chooses what each NextSong event plays.
 *
 * Mostly tracks that are not in the catalog (the real logs match only a
 * handful of song files), a configurable share of exact catalog matches
 * (title, artist name and duration equal one song's), and a few traps:
 * catalog songs with a slightly different length (a join without length would
 * wrongly match them), and accented catalog songs, whose mojibake log spelling
 * can never equal the song file's.
 */
import type { Catalog } from './catalog';
import { fiveDecimals, isAscii, mojibake } from './json-format';
import { artistName, songTitle } from './names';
import type { Rng } from './prng';
import type { SongRecord } from './types';

/** What one NextSong event carries (decoded strings, as JSON.parse returns them). */
export interface Play {
  song: string;
  artist: string;
  length: number;
}

/** Share of plays that reuse a catalog title and artist with a different length. */
const NEAR_MISS_SHARE = 0.02;

/** The join key of the star schema rules, on decoded values. */
export function playKey(title: string, artist: string, length: number): string {
  return `${title}\u0001${artist}\u0001${String(length)}`;
}

/** The logs write non-ASCII text double-encoded; ASCII passes unchanged. */
export function toLogText(s: string): string {
  return isAscii(s) ? s : mojibake(s);
}

/** Hands out plays for one generation run. */
export class Playlist {
  private readonly catalogKeys = new Set<string>();
  private readonly matchable: SongRecord[];
  private readonly pool: Play[] = [];
  private duplicatePending: boolean;

  /**
   * @param plays expected number of NextSong events (sizes the pool of
   *   non-catalog tracks: the real logs repeat songs, ~1.3 plays per track)
   */
  constructor(
    private readonly rng: Rng,
    private readonly catalog: Catalog,
    plays: number,
    private readonly matchShare: number,
  ) {
    for (const s of catalog.songs) this.catalogKeys.add(playKey(s.title, s.artist_name, s.duration));
    this.matchable = catalog.songs.filter((s) => isAscii(s.title) && isAscii(s.artist_name));
    this.duplicatePending = catalog.duplicate !== null;
    this.buildPool(Math.max(20, Math.round(plays * 0.75)));
  }

  private buildPool(size: number): void {
    const { rng, catalog } = this;
    const artists: string[] = [];
    const nArtists = Math.max(10, Math.round(size * 0.6));
    for (let i = 0; i < nArtists; i++) {
      // A tenth of played artists also have songs in the catalog, so an
      // artist-only join inflates songplays as it does on the real data.
      const fromCatalog = catalog.songs.length > 0 && rng.chance(0.1);
      artists.push(fromCatalog ? rng.pick(catalog.songs).artist_name : artistName(rng));
    }
    for (let i = 0; i < size; i++) {
      let song = toLogText(songTitle(rng));
      // The real logs hold one title whose apostrophe became \u0019.
      if (song.includes("'") && rng.chance(0.05)) song = song.replace("'", '\u0019');
      const artist = toLogText(rng.pick(artists));
      this.pool.push({ song, artist, length: this.unmatchedLength(song, artist, rng.int(3_000_000, 60_000_000)) });
    }
  }

  /** The next NextSong play. */
  next(): Play {
    const { rng } = this;
    if (this.duplicatePending && this.catalog.duplicate) {
      // First play: the song issued twice, so the tie-break rule is exercised.
      this.duplicatePending = false;
      return this.exact(this.catalog.duplicate);
    }
    const r = rng.next();
    if (r < this.matchShare && this.matchable.length > 0) return this.exact(rng.pick(this.matchable));
    if (r < this.matchShare + NEAR_MISS_SHARE && this.catalog.songs.length > 0) {
      const s = rng.pick(this.catalog.songs);
      const song = toLogText(s.title);
      const artist = toLogText(s.artist_name);
      const units = Math.round(s.duration * 100000) + rng.int(1, 200_000);
      return { song, artist, length: this.unmatchedLength(song, artist, units) };
    }
    // Popular tracks are played more: square the uniform draw toward index 0.
    const u = rng.next();
    return this.pool[Math.floor(u * u * this.pool.length)] as Play;
  }

  /** A 5-decimal length near `units` that matches no catalog song for this title and artist. */
  private unmatchedLength(song: string, artist: string, units: number): number {
    let u = units;
    while (this.catalogKeys.has(playKey(song, artist, fiveDecimals(u)))) u++;
    return fiveDecimals(u);
  }

  private exact(s: SongRecord): Play {
    return { song: s.title, artist: s.artist_name, length: s.duration };
  }
}
