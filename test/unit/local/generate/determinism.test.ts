import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSample } from '../../../../local/generate';
import { listRelative, removeDir, tempDir } from './helpers';

function sameBytes(a: string, b: string): boolean {
  const fa = listRelative(a);
  const fb = listRelative(b);
  if (fa.join('\n') !== fb.join('\n')) return false;
  return fa.every((f) => fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
}

describe('generateSample determinism', () => {
  const dirs: string[] = [];
  const dir = (label: string): string => {
    const d = tempDir(label);
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach(removeDir));

  it('writes byte-identical files for the same seed and options', async () => {
    const a = dir('a');
    const b = dir('b');
    const sa = await generateSample({ dir: a, seed: 7, events: 3000, songs: 150 });
    const sb = await generateSample({ dir: b, seed: 7, events: 3000, songs: 150 });
    expect(sb).toEqual(sa);
    expect(sameBytes(a, b)).toBe(true);
  });

  it('writes different files for a different seed', async () => {
    const a = dir('s1');
    const b = dir('s2');
    await generateSample({ dir: a, seed: 1, events: 500, songs: 20 });
    await generateSample({ dir: b, seed: 2, events: 500, songs: 20 });
    expect(sameBytes(a, b)).toBe(false);
    // Even the day-one log file differs, not just the random file names.
    const day1 = 'log_data/2018/11/2018-11-01-events.json';
    expect(fs.readFileSync(path.join(a, day1), 'utf8')).not.toBe(fs.readFileSync(path.join(b, day1), 'utf8'));
  });

  it('keeps the song catalog when only the event count changes', async () => {
    const a = dir('c1');
    const b = dir('c2');
    await generateSample({ dir: a, events: 300, songs: 40 });
    await generateSample({ dir: b, events: 900, songs: 40 });
    const songs = (d: string): string[] =>
      listRelative(d)
        .filter((f) => f.startsWith('song_data/'))
        .map((f) => f + fs.readFileSync(path.join(d, f), 'utf8'));
    expect(songs(b)).toEqual(songs(a));
  });

  it('uses the documented defaults (2,000 events, 200 songs, seed 42)', async () => {
    const a = dir('d1');
    const b = dir('d2');
    const s = await generateSample({ dir: a });
    await generateSample({ dir: b, events: 2000, songs: 200, seed: 42, days: 30, startDate: '2018-11-01' });
    expect(s.events).toBe(2000);
    expect(s.songFiles).toBe(200);
    expect(sameBytes(a, b)).toBe(true);
  });

  it('rejects invalid options with a message naming the option', async () => {
    await expect(generateSample({ dir: dir('x'), events: -1 })).rejects.toThrow(/events/);
    await expect(generateSample({ dir: dir('x'), startDate: '2018-13-01' })).rejects.toThrow(/startDate/);
    await expect(generateSample({ dir: dir('x'), days: 0 })).rejects.toThrow(/days/);
  });
});
