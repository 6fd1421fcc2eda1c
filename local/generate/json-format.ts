/**
 * Hand-written JSON value encoders that reproduce the two writers behind the
 * real Sparkify files, byte for byte in style:
 *
 * - log_data lines escape "/" as "\/" and every non-ASCII or control character
 *   as a lowercase `\uXXXX` (the writer was Java-flavoured);
 * - song_data objects look like Python's `json.dumps` defaults: ", " and ": "
 *   separators, `ensure_ascii` escapes, "/" left alone, floats via `repr`
 *   (so an integral float is written "200.0").
 *
 * `JSON.stringify` does neither, hence these helpers.
 */

const HEX = '0123456789abcdef';

function u4(code: number): string {
  return `\\u${HEX[(code >> 12) & 15]}${HEX[(code >> 8) & 15]}${HEX[(code >> 4) & 15]}${HEX[code & 15]}`;
}

/** True when `s` needs no escaping at all (printable ASCII without `"` `\` `/`). */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c || c === 0x2f) return false;
  }
  return true;
}

/**
 * The escape of each printable-ASCII-or-control code (0..0x7e) for one writer: its own short
 * escapes, `\uXXXX` for the other control characters, undefined where the character stands
 * as is. Codes above 0x7e are always `\uXXXX` (both writers are ASCII-only).
 */
function escapeTable(short: Record<number, string>): Array<string | undefined> {
  return Array.from({ length: 0x7f }, (_, c) => short[c] ?? (c < 0x20 ? u4(c) : undefined));
}

function quoteAscii(s: string, table: Array<string | undefined>): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += (c < table.length ? table[c] : u4(c)) ?? s[i];
  }
  return `${out}"`;
}

/** The log writer's escapes: quote, backslash and "/" (Java-flavoured). */
const LOG_ESCAPES = escapeTable({ 34: '\\"', 92: '\\\\', 47: '\\/' });

/**
 * Python's `json.dumps(..., ensure_ascii=True)`: quote, backslash and the short control escapes.
 * Surrogate halves are escaped one by one (they are code units above 0x7e), exactly like Python.
 */
const SONG_ESCAPES = escapeTable({
  34: '\\"',
  92: '\\\\',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  8: '\\b',
  12: '\\f',
});

/**
 * Encodes a string (or null) as the log files do: `"Beyonc\u00c3\u0083..."`,
 * `"\"Mozilla\/5.0 ...\""`.
 */
export function logString(s: string | null): string {
  if (s === null) return 'null';
  return isPlain(s) ? `"${s}"` : quoteAscii(s, LOG_ESCAPES);
}

/** Encodes a string as Python's `json.dumps(..., ensure_ascii=True)` would. */
export function songString(s: string): string {
  return quoteAscii(s, SONG_ESCAPES);
}

/**
 * Formats a float the way Python's `repr` does for the magnitudes we generate
 * (1e-4 <= |x| < 1e16): shortest round-trip digits, and ".0" on integral values.
 * The generator never produces values outside that range (Python would switch
 * to exponent notation there, JavaScript at other thresholds).
 */
export function formatFloat(x: number | null): string {
  if (x === null) return 'null';
  if (!Number.isFinite(x)) throw new RangeError(`not a finite float: ${x}`);
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/**
 * A value with 5 decimals from an integer count of 1e-5 units. Division of two
 * exact doubles is correctly rounded, so the result is the double nearest the
 * decimal and `String()` prints at most 5 decimals (e.g. 361.9522 for 36195220).
 */
export function fiveDecimals(units: number): number {
  return units / 100000;
}

/**
 * Reproduces the logs' double-encoded UTF-8: the UTF-8 bytes of `s` read as
 * Latin-1, twice. "Beyoncé" becomes "BeyoncÃ\u0083Â©", written as
 * `Beyonc\u00c3\u0083\u00c2\u00a9`.
 */
export function mojibake(s: string): string {
  const once = Buffer.from(s, 'utf8').toString('latin1');
  return Buffer.from(once, 'utf8').toString('latin1');
}

/** ASCII-only check: such text is identical in logs and song files. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}
