/**
 * The song catalog: the records written under song_data/.
 *
 * It reproduces what makes the real files tricky to model: artists with
 * several songs whose records disagree on the artist's name, location or
 * coordinates (so "artist attributes from the smallest song_id" matters),
 * null coordinates, empty locations, year 0, and one pair of songs with the
 * same title, artist name and duration (so "several matches -> smallest
 * song_id" matters).
 */
import { fiveDecimals, isAscii } from './json-format';
import { artistName, songTitle } from './names';
import { type Rng, UPPER, UPPER_ALNUM } from './prng';
import type { SongRecord } from './types';
import { ARTIST_PLACES } from './vocabulary';

/** Distinct artist ids per song, close to the real 9,553 / 14,896. */
const ARTISTS_PER_SONG = 0.65;

interface ArtistBase {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  location: string;
}

/** The catalog plus the hooks the event generator needs. */
export interface Catalog {
  songs: SongRecord[];
  /**
   * Songs with the same title + artist name + duration as another song; the
   * event generator plays one of them first so the tie-break is exercised.
   */
  duplicate: SongRecord | null;
}

/** An 18-character id: 2-letter prefix, 5 letters, 11 letters/digits (like the real ones). */
export function makeId(rng: Rng, prefix: string, taken: Set<string>): string {
  // 26^5 * 36^11 ids: a repeat is already rare, a thousand in a row means a broken generator.
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const id = prefix + rng.chars(5, UPPER) + rng.chars(11, UPPER_ALNUM);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
  throw new Error(`makeId: no free ${prefix} id after ${MAX_ID_ATTEMPTS} draws (${taken.size} taken)`);
}

const MAX_ID_ATTEMPTS = 1000;

function newArtist(rng: Rng, ids: Set<string>, name?: string): ArtistBase {
  const place = rng.pick(ARTIST_PLACES);
  // ~55% null coordinates and ~40% empty locations, as in the real files.
  const hasCoords = rng.chance(0.45);
  return {
    id: makeId(rng, 'AR', ids),
    name: name ?? artistName(rng),
    latitude: hasCoords ? place.lat : null,
    longitude: hasCoords ? place.lon : null,
    location: rng.chance(0.4) ? '' : place.name,
  };
}

/** The artist attributes one song record carries; sometimes not the artist's usual ones. */
function attributesFor(rng: Rng, artist: ArtistBase, vary: boolean): ArtistBase {
  if (!vary) return artist;
  const place = rng.pick(ARTIST_PLACES);
  switch (rng.int(0, 2)) {
    case 0:
      return { ...artist, location: artist.location === '' ? place.name : '' };
    case 1:
      return artist.latitude === null
        ? { ...artist, latitude: place.lat, longitude: place.lon, location: place.name }
        : { ...artist, latitude: null, longitude: null };
    default:
      return { ...artist, name: `${artist.name} feat. ${artistName(rng)}` };
  }
}

function songDuration(rng: Rng): number {
  // 1:00 to 8:00 with 5 decimals.
  return fiveDecimals(rng.int(6_000_000, 48_000_000));
}

/** Builds `count` song records for one seed. */
export function buildCatalog(rng: Rng, count: number): Catalog {
  const artistIds = new Set<string>();
  const songIds = new Set<string>();
  const trackIds = new Set<string>();
  const artists: ArtistBase[] = [];
  const nArtists = Math.max(1, Math.round(count * ARTISTS_PER_SONG));
  const songs: SongRecord[] = [];

  for (let i = 0; i < count; i++) {
    // The first nArtists songs introduce one artist each; later songs reuse one.
    const isNewArtist = i < nArtists;
    const artist = isNewArtist ? newArtist(rng, artistIds) : rng.pick(artists);
    if (isNewArtist) artists.push(artist);
    // A second song of an artist differs in its artist attributes 40% of the time;
    // the first few repeats always do, so tiny catalogs still show the quirk.
    const vary = !isNewArtist && (i < nArtists + 3 || rng.chance(0.4));
    const attrs = attributesFor(rng, artist, vary);
    songs.push({
      trackId: makeId(rng, 'TR', trackIds),
      num_songs: 1,
      artist_id: attrs.id,
      artist_latitude: attrs.latitude,
      artist_longitude: attrs.longitude,
      artist_location: attrs.location,
      artist_name: attrs.name,
      song_id: makeId(rng, 'SO', songIds),
      title: songTitle(rng),
      duration: songDuration(rng),
      year: rng.chance(0.6) ? 0 : rng.int(1956, 2010),
    });
  }

  let duplicate: SongRecord | null = null;
  if (songs.length >= 2) {
    // The last record re-issues the first song (same title, artist name and
    // duration) under a new song_id and a second artist_id with the same name,
    // as the real catalog does for re-releases.
    // The original must be ASCII: the logs mangle non-ASCII text, so an
    // accented song can never be matched by an event.
    const original =
      songs.slice(0, -1).find((s) => isAscii(s.title) && isAscii(s.artist_name)) ??
      Object.assign(songs[0] as SongRecord, { title: 'Paper Moon', artist_name: 'The Radio Owls' });
    const twin = songs[songs.length - 1] as SongRecord;
    const otherArtist = newArtist(rng, artistIds, original.artist_name);
    twin.title = original.title;
    twin.artist_name = original.artist_name;
    twin.duration = original.duration;
    twin.artist_id = otherArtist.id;
    twin.artist_latitude = otherArtist.latitude;
    twin.artist_longitude = otherArtist.longitude;
    twin.artist_location = otherArtist.location;
    duplicate = original;
  }
  return { songs, duplicate };
}
