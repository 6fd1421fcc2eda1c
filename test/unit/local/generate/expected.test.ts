import { generateSample } from '../../../../local/generate';
import { computeExpectedStarSchema, computeStarSchemaRows } from '../../../../local/generate/expected';
import { sparkifySampleDir } from '../../../../local/paths';
import { removeDir, songFiles, tempDir } from './helpers';

// The real Sparkify sample the repository ships (samples/sparkify); always there, never skipped.
const SAMPLE = sparkifySampleDir();

describe('computeExpectedStarSchema (reference rules)', () => {
  it('gives the documented numbers on the real sample', () => {
    expect(computeExpectedStarSchema(SAMPLE)).toEqual({
      songplays: 6820,
      matchedSongplays: 1,
      users: 97,
      paidUsers: 22,
      songs: 71,
      artists: 69,
      time: 6813,
    });
  });

  it('resolves the one real match (Setanta matins by Elena, user 15)', () => {
    const rows = computeStarSchemaRows(SAMPLE);
    const matched = rows.songplays.filter((p) => p.songId !== null);
    expect(matched).toHaveLength(1);
    expect(matched[0]).toMatchObject({ startTime: 1542837407796, userId: '15' });
    const first = rows.time[0]!;
    // First NextSong: 2018-11-01 21:01:46.796 UTC, a Thursday in ISO week 44.
    expect(first).toEqual({ startTime: 1541106106796, hour: 21, day: 1, week: 44, month: 11, year: 2018, weekday: 4 });
  });

  it.each([
    { seed: 42 },
    { seed: 5, events: 6000, songs: 400 },
    { seed: 11, events: 1500, songs: 50, days: 7, startDate: '2020-02-25', matchShare: 0.3 },
  ])('agrees with the generator on files written with %o', async (opts) => {
    const dir = tempDir('expected');
    try {
      const summary = await generateSample({ dir, ...opts });
      expect(computeExpectedStarSchema(dir)).toEqual(summary.expected);
      expect(summary.expected.matchedSongplays).toBeGreaterThan(0);
      expect(summary.expected.users).toBeGreaterThan(summary.expected.paidUsers);
      expect(summary.expected.artists).toBeLessThan(summary.expected.songs);
      expect(summary.expected.time).toBeLessThanOrEqual(summary.expected.songplays);
    } finally {
      removeDir(dir);
    }
  });

  it('takes the smallest song_id among songs sharing title, artist and duration', async () => {
    const dir = tempDir('tie');
    try {
      await generateSample({ dir, events: 800, songs: 60 });
      const songs = songFiles(dir).map((s) => s.song);
      const rows = computeStarSchemaRows(dir);
      const tied = rows.songplays.filter((p) => {
        if (p.songId === null) return false;
        const s = songs.find((x) => x.song_id === p.songId)!;
        return (
          songs.filter((x) => x.title === s.title && x.artist_name === s.artist_name && x.duration === s.duration)
            .length > 1
        );
      });
      expect(tied.length).toBeGreaterThan(0);
      for (const p of tied) {
        const s = songs.find((x) => x.song_id === p.songId)!;
        const all = songs.filter(
          (x) => x.title === s.title && x.artist_name === s.artist_name && x.duration === s.duration,
        );
        expect(p.songId).toBe(all.map((x) => x.song_id).sort()[0]);
        expect(p.artistId).toBe(s.artist_id);
      }
      // Artist rows take their attributes from the smallest song_id of that artist.
      for (const a of rows.artists) {
        const first = songs
          .filter((s) => s.artist_id === a.artistId)
          .sort((x, y) => (x.song_id < y.song_id ? -1 : 1))[0]!;
        expect([a.name, a.location, a.latitude, a.longitude]).toEqual([
          first.artist_name,
          first.artist_location,
          first.artist_latitude,
          first.artist_longitude,
        ]);
      }
    } finally {
      removeDir(dir);
    }
  });
});
