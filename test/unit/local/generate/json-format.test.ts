import { formatFloat, logString, mojibake, songString } from '../../../../local/generate/json-format';
import { createRng } from '../../../../local/generate/prng';

describe('json-format', () => {
  it('double-encodes non-ASCII text as the real logs do', () => {
    expect(logString(mojibake('Beyoncé'))).toBe('"Beyonc\\u00c3\\u0083\\u00c2\\u00a9"');
    expect(JSON.parse(logString(mojibake('Beyoncé')))).toBe('BeyoncÃ\u0083Â©');
  });

  it('escapes slashes, quotes and control characters in log strings', () => {
    expect(logString('"Mozilla/5.0 (X11)"')).toBe('"\\"Mozilla\\/5.0 (X11)\\""');
    expect(logString('Theo\u0019s')).toBe('"Theo\\u0019s"');
    expect(logString(null)).toBe('null');
    for (const s of ['a/b', 'x"y\\z', 'Ã©\n']) expect(JSON.parse(logString(s))).toBe(s);
  });

  it('writes song strings like Python json.dumps (no slash escape, \\u for non-ASCII)', () => {
    expect(songString('Clementina Santafè')).toBe('"Clementina Santaf\\u00e8"');
    expect(songString('AC/DC "live"\n')).toBe('"AC/DC \\"live\\"\\n"');
  });

  it('formats floats with ".0" on integral values and shortest digits otherwise', () => {
    expect(formatFloat(1540919166796)).toBe('1540919166796.0');
    expect(formatFloat(361.9522)).toBe('361.9522');
    expect(formatFloat(-90.04892)).toBe('-90.04892');
    expect(formatFloat(null)).toBe('null');
  });

  it('gives the same PRNG stream for the same seed and label only', () => {
    const draw = (seed: number, label: string): number[] => {
      const r = createRng(seed, label);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(draw(42, 'songs')).toEqual(draw(42, 'songs'));
    expect(draw(42, 'songs')).not.toEqual(draw(43, 'songs'));
    expect(draw(42, 'songs')).not.toEqual(draw(42, 'users'));
  });
});
