import { type GenerateSummary, generateSample } from '../../../../local/generate';
import { type LogEvent, logEvents, logLines, removeDir, songFiles, tempDir } from './helpers';

/** Each user's levels in event order (ts, sessionId, itemInSession), consecutive repeats collapsed. */
function levelHistories(events: LogEvent[]): Map<string, string[]> {
  const sorted = events
    .filter((e) => e.userId !== '')
    .sort((a, b) => a.ts - b.ts || a.sessionId - b.sessionId || a.itemInSession - b.itemInSession);
  const out = new Map<string, string[]>();
  for (const e of sorted) {
    const h = out.get(e.userId) ?? [];
    if (h[h.length - 1] !== e.level) h.push(e.level);
    out.set(e.userId, h);
  }
  return out;
}

describe('generated data reproduces the real quirks', () => {
  let dir: string;
  let summary: GenerateSummary;
  let events: LogEvent[];
  let raw: string[];
  beforeAll(async () => {
    dir = tempDir('quirks');
    summary = await generateSample({ dir, events: 5000, songs: 300 });
    events = logEvents(dir);
    raw = logLines(dir);
  });
  afterAll(() => removeDir(dir));

  it('has the real page mix, with nulls on non-NextSong rows', () => {
    const share = events.filter((e) => e.page === 'NextSong').length / events.length;
    expect(share).toBeGreaterThan(0.8);
    expect(share).toBeLessThan(0.9);
    const pages = new Set(events.map((e) => e.page));
    for (const p of ['Home', 'Login', 'Logout', 'Settings', 'Help', 'About', 'Submit Upgrade', 'Submit Downgrade']) {
      expect(pages).toContain(p);
    }
    for (const e of events) {
      if (e.page === 'NextSong') {
        expect([e.method, e.status, e.auth]).toEqual(['PUT', 200, 'Logged In']);
        expect(typeof e.length).toBe('number');
      } else {
        expect([e.artist, e.song, e.length]).toEqual([null, null, null]);
      }
    }
  });

  it('writes logged-out rows with userId "" and no personal fields', () => {
    const out = events.filter((e) => e.auth === 'Logged Out');
    expect(out.length).toBeGreaterThan(20);
    for (const e of out) {
      expect(e.userId).toBe('');
      expect([e.firstName, e.lastName, e.gender, e.location, e.userAgent, e.registration]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(e.page).not.toBe('NextSong');
    }
  });

  it('writes registration as a float with ".0"', () => {
    const withUser = raw.filter((l) => !l.includes('"userId":""'));
    for (const l of withUser) expect(l).toMatch(/"registration":\d{13}\.0,/);
    expect(raw.some((l) => l.includes('"registration":null,'))).toBe(true);
  });

  it('escapes slashes and keeps literal quotes in user agents', () => {
    expect(raw.some((l) => l.includes('"userAgent":"\\"Mozilla\\/5.0 ('))).toBe(true);
    expect(raw.some((l) => l.includes('"userAgent":"Mozilla\\/5.0 ('))).toBe(true);
    // No unescaped slash anywhere in the log files.
    for (const l of raw) expect(l.replace(/\\\//g, '')).not.toContain('/');
  });

  it('writes non-ASCII artist names as \\u-escaped double-encoded mojibake', () => {
    expect(raw.some((l) => /"artist":"[^"]*\\u00c3\\u0083\\u00c2\\u00[0-9a-f]{2}/.test(l))).toBe(true);
    for (const l of raw) expect(l).toMatch(/^[\x20-\x7e]*$/);
    expect(events.some((e) => e.artist?.includes("'"))).toBe(true);
  });

  it('has users going free->paid and one going paid->free->paid', () => {
    const histories = [...levelHistories(events).values()].map((h) => h.join('>'));
    expect(histories.filter((h) => h === 'free>paid').length).toBeGreaterThanOrEqual(2);
    expect(histories.filter((h) => h === 'paid>free>paid')).toHaveLength(1);
  });

  it('has different users playing at the same millisecond', () => {
    const plays = events.filter((e) => e.page === 'NextSong');
    const usersAt = new Map<number, Set<string>>();
    for (const e of plays) usersAt.set(e.ts, (usersAt.get(e.ts) ?? new Set()).add(e.userId));
    expect([...usersAt.values()].filter((u) => u.size > 1).length).toBeGreaterThanOrEqual(2);
    expect(plays.every((e) => e.ts % 1000 === 796)).toBe(true);
  });

  it('matches about 10% of plays exactly to a song, including a title+artist+duration shared by two songs', () => {
    const songs = songFiles(dir).map((s) => s.song);
    const key = (t: unknown, a: unknown, d: unknown): string => JSON.stringify([t, a, d]);
    const count = new Map<string, number>();
    for (const s of songs)
      count.set(key(s.title, s.artist_name, s.duration), (count.get(key(s.title, s.artist_name, s.duration)) ?? 0) + 1);
    const plays = events.filter((e) => e.page === 'NextSong');
    const matched = plays.filter((e) => count.has(key(e.song, e.artist, e.length)));
    expect(matched.length / plays.length).toBeGreaterThan(0.07);
    expect(matched.length / plays.length).toBeLessThan(0.14);
    expect(matched.some((e) => count.get(key(e.song, e.artist, e.length))! >= 2)).toBe(true);
    // Near misses: a catalog title and artist with another length.
    const titleArtist = new Set(songs.map((s) => JSON.stringify([s.title, s.artist_name])));
    expect(
      plays.some(
        (e) => titleArtist.has(JSON.stringify([e.song, e.artist])) && !count.has(key(e.song, e.artist, e.length)),
      ),
    ).toBe(true);
    expect(summary.expected.matchedSongplays).toBe(matched.length);
  });

  it('has song records with the real gaps and artist attributes that differ between records', () => {
    const files = songFiles(dir);
    const songs = files.map((f) => f.song);
    const share = (p: (s: (typeof songs)[number]) => boolean): number => songs.filter(p).length / songs.length;
    expect(share((s) => s.artist_latitude === null)).toBeGreaterThan(0.4);
    expect(share((s) => s.artist_latitude === null)).toBeLessThan(0.7);
    expect(share((s) => s.artist_location === '')).toBeGreaterThan(0.25);
    expect(share((s) => s.artist_location === '')).toBeLessThan(0.55);
    expect(share((s) => s.year === 0)).toBeGreaterThan(0.45);
    expect(share((s) => s.year === 0)).toBeLessThan(0.75);
    for (const s of songs) expect(s.artist_latitude === null).toBe(s.artist_longitude === null);
    const variants = new Map<string, Set<string>>();
    for (const s of songs) {
      const attrs = JSON.stringify([s.artist_name, s.artist_location, s.artist_latitude, s.artist_longitude]);
      variants.set(s.artist_id, (variants.get(s.artist_id) ?? new Set()).add(attrs));
    }
    expect([...variants.values()].filter((v) => v.size > 1).length).toBeGreaterThanOrEqual(3);
    expect(variants.size).toBeLessThan(songs.length);
    // Floats keep at most 5 decimals; song files use Python's layout (no "\/").
    for (const f of files) {
      expect(f.raw).toMatch(/"duration": \d+(\.\d{1,5})?, "year": \d+\}$/);
      expect(f.raw).not.toContain('\\/');
    }
  });
});
