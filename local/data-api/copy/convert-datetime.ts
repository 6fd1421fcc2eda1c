import {
  compileDateTimeFormat,
  type DateTimeParts,
  type DateTimeReader,
  isValidDateTime,
  readAuto,
  readIsoLike,
} from './datetime-formats';
import { FieldConversionError } from './field-error';

/** Converts a field to the text PostgreSQL reads for a timestamp/timestamptz/date column. */
export type DateTimeConverter = (raw: string) => string;

/**
 * Build the converter for a TIMESTAMP/TIMESTAMPTZ column from TIMEFORMAT.
 * 'epochsecs' / 'epochmillisecs' read numbers (JSON numbers or numeric strings) as time since
 * 1970-01-01 UTC; 'auto' reads many layouts but no epochs; a format string reads that layout;
 * no TIMEFORMAT reads 'YYYY-MM-DD HH:MI:SS' with optional fraction.
 * @throws FieldConversionError 1206 from the returned function
 */
export function timestampConverter(timeFormat: string | undefined, withZone: boolean): DateTimeConverter {
  const suffix = withZone ? '+00' : '';
  const shown = timeFormat ?? (withZone ? '%Y-%m-%d %H:%M:%S%z' : '%Y-%m-%d %H:%M:%S');
  const fail = (): FieldConversionError =>
    new FieldConversionError(1206, `Error in Timestamp value or format [${shown}]`, 0);
  if (timeFormat === 'epochsecs' || timeFormat === 'epochmillisecs') {
    const scale = timeFormat === 'epochsecs' ? 1_000_000n : 1000n;
    return (raw) => {
      const micros = epochToMicros(raw.trim(), scale);
      if (micros === null) throw fail();
      const text = formatMicros(micros);
      if (text === null) throw fail();
      return text + suffix;
    };
  }
  const read = readerFor(timeFormat);
  return (raw) => {
    const p = read(raw);
    if (!p || !isValidDateTime(p)) throw fail();
    return formatParts(p) + suffix;
  };
}

/**
 * Build the converter for a DATE column from DATEFORMAT (default 'YYYY-MM-DD').
 * @throws FieldConversionError 1205 from the returned function
 */
export function dateConverter(dateFormat: string | undefined): DateTimeConverter {
  const shown = dateFormat ?? '%Y-%m-%d';
  const read = dateFormat === undefined ? compileDateTimeFormat('YYYY-MM-DD') : readerFor(dateFormat);
  return (raw) => {
    const p = read(raw);
    if (!p || !isValidDateTime(p)) {
      throw new FieldConversionError(1205, `Error in Date value or format [${shown}]`, 0);
    }
    return formatParts(p).slice(0, 10);
  };
}

function readerFor(format: string | undefined): DateTimeReader {
  if (format === undefined) return readIsoLike;
  if (format === 'auto') return readAuto;
  return compileDateTimeFormat(format);
}

/** Exact epoch arithmetic on the digits (a double would blur microseconds of epochsecs). */
function epochToMicros(text: string, unitMicros: bigint): bigint | null {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) {
    const n = Number(text);
    if (!/^[+-]?[\d.]+[eE][+-]?\d+$/.test(text) || !Number.isFinite(n)) return null;
    return BigInt(Math.round(n * Number(unitMicros)));
  }
  const fracDigits = unitMicros === 1000n ? 3 : 6;
  const frac = (m[3] ?? '').slice(0, fracDigits).padEnd(fracDigits, '0');
  const whole = BigInt(m[2]) * unitMicros + BigInt(frac);
  return m[1] === '-' ? -whole : whole;
}

const MICROS_PER_MS = 1000n;

/** Microseconds since 1970-01-01 UTC as timestamp text; null when outside the representable years. */
export function formatMicros(micros: bigint): string | null {
  let ms = micros / MICROS_PER_MS;
  let sub = micros % MICROS_PER_MS;
  if (sub < 0n) {
    sub += MICROS_PER_MS;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1) return null;
  return formatParts(utcParts(d, d.getUTCMilliseconds() * 1000 + Number(sub)));
}

/** The UTC calendar fields of `d`, with `micros` as the sub-second part. */
function utcParts(d: Date, micros: number): DateTimeParts {
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    micros,
  };
}

/** 'YYYY-MM-DD HH:MI:SS[.ffffff]' in UTC (a zone offset in the input is applied first). */
function formatParts(p: DateTimeParts): string {
  let q = p;
  if (p.offsetMinutes) {
    const d = new Date(0);
    d.setUTCFullYear(p.y, p.mo - 1, p.d);
    d.setUTCHours(p.h, p.mi - p.offsetMinutes, p.s, 0);
    q = utcParts(d, p.micros);
  }
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const base = `${pad(q.y, 4)}-${pad(q.mo)}-${pad(q.d)} ${pad(q.h)}:${pad(q.mi)}:${pad(q.s)}`;
  return q.micros ? `${base}.${pad(q.micros, 6)}` : base;
}
