import { FieldConversionError } from './field-error';
import { badUnitHex, invalidUtf8Units, replaceInvalidUtf8 } from './utf8';

/** Options of COPY that change how a CHAR/VARCHAR value loads. */
export interface TextOptions {
  /** Column length in bytes (Redshift counts UTF-8 bytes), or undefined for unbounded. */
  maxBytes?: number;
  /** CHAR accepts single-byte characters only. */
  fixedChar: boolean;
  truncateColumns: boolean;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  trimBlanks: boolean;
  /** ACCEPTINVCHARS replacement, or undefined to reject invalid UTF-8. */
  acceptInvChars?: string;
}

const BLANK = /^[ \t\r\n\f\v]+$/;

/**
 * Convert a field for a CHAR/VARCHAR column.
 * @throws FieldConversionError 1220 (invalid UTF-8, multibyte into CHAR) or 1204 (too long)
 */
export function toText(raw: string, o: TextOptions): string | null {
  let s = raw;
  const bad = invalidUtf8Units(s);
  if (bad.length > 0) {
    if (o.acceptInvChars === undefined) {
      const pos = Buffer.byteLength(s.slice(0, firstBadIndex(s)), 'utf8');
      throw new FieldConversionError(
        1220,
        `String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ${badUnitHex(bad[0])} (error 3)`,
        pos,
      );
    }
    s = replaceInvalidUtf8(s, o.acceptInvChars);
  }
  if (o.trimBlanks) s = s.replace(/[ \t\r\n]+$/, '');
  if (s === '') return o.emptyAsNull ? null : s;
  if (o.blanksAsNull && BLANK.test(s)) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "any non-ASCII character", starting at NUL on purpose
  if (o.fixedChar && /[^\x00-\x7f]/.test(s)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: same non-ASCII test as above
    const at = s.search(/[^\x00-\x7f]/);
    const hex = Buffer.from(String.fromCodePoint(s.codePointAt(at) ?? 0), 'utf8')
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    throw new FieldConversionError(
      1220,
      `Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: ${hex}`,
      at,
    );
  }
  const max = o.maxBytes;
  // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (max === undefined || s.length * 3 <= max) return s;
  const bytes = Buffer.byteLength(s, 'utf8');
  if (bytes <= max) return s;
  if (!o.truncateColumns) {
    throw new FieldConversionError(1204, `${o.fixedChar ? 'Char' : 'String'} length exceeds DDL length`, 0);
  }
  return truncateToBytes(s, max);
}

/** Longest prefix of s whose UTF-8 encoding fits in max bytes, never splitting a character. */
export function truncateToBytes(s: string, max: number): string {
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) ?? 0;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > max) break;
    bytes += size;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return s.slice(0, i);
}

function firstBadIndex(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return 0;
}
