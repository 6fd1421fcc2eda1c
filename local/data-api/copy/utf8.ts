import { isUtf8 } from 'node:buffer';

/**
 * Decode a data file. Valid UTF-8 (the normal case) takes Node's fast path. Otherwise each
 * invalid byte b becomes the lone surrogate U+DC00+b ("surrogateescape"), so the bytes survive
 * JSON parsing and a character column can later either reject the value (1220) or replace one
 * character per bad byte (ACCEPTINVCHARS), exactly as Redshift counts them.
 */
export function decodeUtf8Escaped(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString('utf8');
  const out: string[] = [];
  let i = 0;
  let runStart = 0;
  const flush = (end: number): void => {
    if (end > runStart) out.push(buf.toString('utf8', runStart, end));
  };
  while (i < buf.length) {
    const len = validSequenceLength(buf, i);
    if (len > 0) {
      i += len;
      continue;
    }
    flush(i);
    out.push(String.fromCharCode(0xdc00 + buf[i]));
    i++;
    runStart = i;
  }
  flush(i);
  return out.join('');
}

/** Length of the well-formed UTF-8 sequence at i, or 0 if the byte there starts none. */
function validSequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1];
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1];
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters this looks for
const SURROGATE_OR_NUL = /[\u0000\uD800-\uDFFF]/;

/**
 * Find characters that cannot be stored as UTF-8 text: lone surrogates (escaped invalid bytes or
 * unpaired \\uD8xx escapes) and NUL. Returns the offending code units (hex of the original byte
 * where known), or an empty list when the value is clean.
 */
export function invalidUtf8Units(s: string): number[] {
  if (!SURROGATE_OR_NUL.test(s)) return [];
  const bad: number[] = [];
  forEachInvalid(s, (unit) => bad.push(unit));
  return bad;
}

/** Replace every invalid unit (see invalidUtf8Units) with `replacement`. */
export function replaceInvalidUtf8(s: string, replacement: string): string {
  if (!SURROGATE_OR_NUL.test(s)) return s;
  let out = '';
  let from = 0;
  forEachInvalid(s, (_unit, at) => {
    out += s.slice(from, at) + replacement;
    from = at + 1;
  });
  return out + s.slice(from);
}

function forEachInvalid(s: string, visit: (unit: number, at: number) => void): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) {
      visit(0, i);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else visit(c, i);
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      visit(c, i);
    }
  }
}

/** Hex text Redshift prints for a bad sequence: the original byte for escaped bytes. */
export function badUnitHex(unit: number): string {
  const byte = unit >= 0xdc80 && unit <= 0xdcff ? unit - 0xdc00 : unit;
  return byte.toString(16).padStart(2, '0');
}
