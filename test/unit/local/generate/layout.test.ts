import { type GenerateSummary, generateSample } from '../../../../local/generate';
import { LOG_KEYS, SONG_KEYS } from '../../../../local/generate/serialize';
import { listRelative, logEvents, logLines, readRaw, removeDir, songFiles, tempDir } from './helpers';

describe('generateSample layout and counts', () => {
  let dir: string;
  let summary: GenerateSummary;
  beforeAll(async () => {
    dir = tempDir('layout');
    summary = await generateSample({ dir, events: 2500, songs: 120, seed: 3 });
  });
  afterAll(() => removeDir(dir));

  it('writes one log file per day, named like the bucket keys', () => {
    const logs = listRelative(dir).filter((f) => f.startsWith('log_data/'));
    const expected = Array.from({ length: 30 }, (_, i) => {
      const d = String(i + 1).padStart(2, '0');
      return `log_data/2018/11/2018-11-${d}-events.json`;
    });
    expect(logs).toEqual(expected);
    expect(summary.logFiles).toBe(30);
  });

  it('puts each event in the file of its UTC day', () => {
    for (const f of listRelative(dir).filter((x) => x.startsWith('log_data/'))) {
      const day = f.slice(-22, -12);
      for (const line of readRaw(dir, f).split('\n')) {
        const e = JSON.parse(line) as { ts: number };
        expect(new Date(e.ts).toISOString().slice(0, 10)).toBe(day);
      }
    }
  });

  it('writes newline-delimited JSON with the 18 keys in the real order and no trailing newline', () => {
    for (const f of listRelative(dir).filter((x) => x.startsWith('log_data/'))) {
      const raw = readRaw(dir, f);
      expect(raw.endsWith('\n')).toBe(false);
      expect(raw.startsWith('{')).toBe(true);
    }
    const lines = logLines(dir);
    expect(lines).toHaveLength(2500);
    for (const line of lines) expect(Object.keys(JSON.parse(line))).toEqual([...LOG_KEYS]);
  });

  it('writes song files at song_data/<c3>/<c4>/<c5>/TR<16>.json with keys in the real order', () => {
    const songs = songFiles(dir);
    expect(songs).toHaveLength(120);
    for (const { rel, raw, song } of songs) {
      const m = /^song_data\/([A-Z])\/([A-Z])\/([A-Z])\/(TR[A-Z0-9]{16})\.json$/.exec(rel);
      expect(m).not.toBeNull();
      const track = (m as RegExpExecArray)[4] as string;
      expect([track[2], track[3], track[4]]).toEqual([m?.[1], m?.[2], m?.[3]]);
      expect(Object.keys(song)).toEqual([...SONG_KEYS]);
      expect(raw.startsWith('{"num_songs": 1, "artist_id": "')).toBe(true);
      expect(raw.endsWith('}')).toBe(true);
      expect(song.song_id).toMatch(/^SO[A-Z0-9]{16}$/);
      expect(song.artist_id).toMatch(/^AR[A-Z0-9]{16}$/);
    }
    expect(new Set(songs.map((s) => s.song.song_id)).size).toBe(120);
  });

  it('reports counts that match the files', () => {
    const events = logEvents(dir);
    const bytes = listRelative(dir).reduce((n, f) => n + Buffer.byteLength(readRaw(dir, f), 'utf8'), 0);
    expect(summary.events).toBe(events.length);
    expect(summary.nextSongEvents).toBe(events.filter((e) => e.page === 'NextSong').length);
    expect(summary.users).toBe(new Set(events.filter((e) => e.userId !== '').map((e) => e.userId)).size);
    expect(summary.songs).toBe(120);
    expect(summary.songFiles).toBe(120);
    expect(summary.bytes).toBe(bytes);
  });

  it('keeps sessions consistent: unique (sessionId, itemInSession), items 0..n-1 in ts order, one user', () => {
    const events = logEvents(dir);
    const bySession = new Map<number, typeof events>();
    for (const e of events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e]);
    const pairs = new Set(events.map((e) => `${e.sessionId}:${e.itemInSession}`));
    expect(pairs.size).toBe(events.length);
    for (const list of bySession.values()) {
      list.sort((a, b) => a.itemInSession - b.itemInSession);
      for (const [i, e] of list.entries()) expect(e.itemInSession).toBe(i);
      for (let i = 1; i < list.length; i++) expect(list[i]!.ts).toBeGreaterThanOrEqual(list[i - 1]!.ts);
      expect(new Set(list.map((e) => e.userId).filter((u) => u !== '')).size).toBeLessThanOrEqual(1);
    }
  });

  it('honours days and startDate', async () => {
    const d = tempDir('days');
    try {
      const s = await generateSample({ dir: d, events: 400, songs: 5, days: 3, startDate: '2019-02-27' });
      expect(listRelative(d).filter((f) => f.startsWith('log_data/'))).toEqual([
        'log_data/2019/02/2019-02-27-events.json',
        'log_data/2019/02/2019-02-28-events.json',
        'log_data/2019/03/2019-03-01-events.json',
      ]);
      expect(s.logFiles).toBe(3);
    } finally {
      removeDir(d);
    }
  });

  it('handles empty data sets', async () => {
    const d = tempDir('empty');
    try {
      const s = await generateSample({ dir: d, events: 0, songs: 0 });
      expect(listRelative(d)).toEqual([]);
      expect(s.expected).toEqual({
        songplays: 0,
        matchedSongplays: 0,
        users: 0,
        paidUsers: 0,
        songs: 0,
        artists: 0,
        time: 0,
      });
    } finally {
      removeDir(d);
    }
  });
});
