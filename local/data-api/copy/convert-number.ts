import { FieldConversionError } from './field-error';

export type IntegerKind = 'int2' | 'int4' | 'int8';

const INT_INFO: Record<IntegerKind, { label: string; min: bigint; max: bigint }> = {
  int2: { label: 'Short', min: -32768n, max: 32767n },
  int4: { label: 'Integer', min: -2147483648n, max: 2147483647n },
  int8: { label: 'Long', min: -9223372036854775808n, max: 9223372036854775807n },
};

/**
 * Integer column value. Accepts integers, integer-valued decimals (1540919166796.0, 1.5e3) and
 * numeric strings; returns the canonical integer text.
 * @throws FieldConversionError 1207 (invalid digit) or 1222 (overflow)
 */
export function toInteger(raw: string, kind: IntegerKind): string {
  const info = INT_INFO[kind];
  const text = raw.trim();
  let digits: string;
  if (/^[+-]?\d+$/.test(text)) {
    digits = text;
  } else {
    const dec = splitDecimal(text);
    if (!dec || /[1-9]/.test(dec.frac)) throw invalidDigit(raw, info.label);
    digits = (dec.negative ? '-' : '') + (dec.int || '0');
  }
  // Fast path: up to 15 digits is exact as a double.
  const value = digits.replace(/^[+-]/, '').length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
  if (value < info.min || value > info.max) {
    throw new FieldConversionError(1222, `Overflow (${info.label} valid range ${info.min} to ${info.max})`, 0);
  }
  return value.toString();
}

function invalidDigit(raw: string, label: string): FieldConversionError {
  // Report the first character that cannot belong to a number, as Redshift's "Pos" does.
  let pos = 0;
  const m = /^\s*[+-]?\d*/.exec(raw);
  pos = m ? m[0].length : 0;
  if (pos >= raw.length) pos = Math.max(0, raw.length - 1);
  const ch = raw[pos] ?? '';
  return new FieldConversionError(1207, `Invalid digit, Value '${ch}', Pos ${pos}, Type: ${label}`, pos);
}

/** A decimal number split into digit strings, with the exponent already applied. */
export interface DecimalParts {
  negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

/** Parse `[+-]digits[.digits][e[+-]digits]` exactly (no floating point); null if malformed. */
export function splitDecimal(text: string): DecimalParts | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  let int = m[2];
  let frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  if (exp > 0) {
    const move = frac.padEnd(exp, '0');
    int += move.slice(0, exp);
    frac = move.slice(exp);
  } else if (exp < 0) {
    const move = int.padStart(-exp, '0');
    frac = move.slice(move.length + exp) + frac;
    int = move.slice(0, move.length + exp);
  }
  return { negative: m[1] === '-', int: int.replace(/^0+/, ''), frac: frac.replace(/0+$/, '') };
}

/**
 * NUMERIC(p,s) value. COPY truncates extra scale (ROUNDEC rounds instead). Bare NUMERIC is
 * Redshift's DECIMAL(18,0).
 * @throws FieldConversionError 1207 (not a number) or 1204 (too many integer digits)
 */
export function toNumeric(raw: string, precision: number, scale: number, round: boolean): string {
  const dec = splitDecimal(raw);
  if (!dec) throw invalidDigit(raw, 'Numeric');
  let int = dec.int;
  let frac = dec.frac.padEnd(scale, '0');
  let carry = round && (frac.charCodeAt(scale) || 0) >= 0x35;
  frac = frac.slice(0, scale);
  if (carry) {
    const all = (BigInt((int || '0') + frac) + 1n).toString().padStart(scale + 1, '0');
    int = all.slice(0, all.length - scale).replace(/^0+/, '');
    frac = all.slice(all.length - scale);
    carry = false;
  }
  if (int.length > precision - scale) {
    throw new FieldConversionError(
      1204,
      `Numeric data overflow: value '${raw.slice(0, 60)}' out of range for DECIMAL(${precision},${scale})`,
      0,
    );
  }
  const isZero = !/[1-9]/.test(int + frac);
  const sign = dec.negative && !isZero ? '-' : '';
  return `${sign}${int || '0'}${scale > 0 ? `.${frac}` : ''}`;
}

const FLOAT_RE = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const FLOAT_WORDS = /^\s*[+-]?(?:nan|inf|infinity)\s*$/i;

/**
 * REAL / DOUBLE PRECISION value, normalised through a JS number so PostgreSQL never sees an
 * out-of-range literal (which would abort the whole bulk load instead of one row).
 * @throws FieldConversionError 1208
 */
export function toFloat(raw: string, kind: 'float4' | 'float8'): string {
  if (FLOAT_WORDS.test(raw))
    return raw
      .trim()
      .replace(/^\+/, '')
      .replace(/^(-?)inf(inity)?$/i, '$1Infinity');
  const label = kind === 'float4' ? 'Real' : 'Double';
  if (!FLOAT_RE.test(raw))
    throw new FieldConversionError(1208, `Invalid float format, Value '${raw.slice(0, 60)}', Type: ${label}`, 0);
  const n = kind === 'float4' ? Math.fround(Number(raw)) : Number(raw);
  if (!Number.isFinite(n))
    throw new FieldConversionError(1208, `Overflow, Value '${raw.slice(0, 60)}' out of range for type ${label}`, 0);
  return kind === 'float8' && /^\s*-?\d{1,15}(\.\d{1,})?\s*$/.test(raw) && raw.trim().length <= 17
    ? raw.trim()
    : String(n);
}

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', '1', 'on']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', '0', 'off']);

/** BOOLEAN value from JSON true/false, 1/0 or the usual words. @throws FieldConversionError 1210 */
export function toBoolean(raw: string): string {
  const w = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return 't';
  if (FALSE_WORDS.has(w)) return 'f';
  throw new FieldConversionError(1210, `Invalid boolean format, Value '${raw.slice(0, 60)}'`, 0);
}
