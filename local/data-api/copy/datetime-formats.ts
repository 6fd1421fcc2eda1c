/** Calendar fields read from a date/time value; offsetMinutes set when the text had a zone. */
export interface DateTimeParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  micros: number;
  offsetMinutes?: number;
}

export type DateTimeReader = (text: string) => DateTimeParts | null;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const OFFSET = '(Z|[+-]\\d{1,2}(?::?\\d{2})?)';

/** Format tokens (longest first) and the regex group each one reads. */
const TOKENS: Array<[string, string, keyof DateTimeParts | 'ampm' | 'mon' | 'yy' | 'frac' | 'of']> = [
  ['YYYY', '(\\d{4})', 'y'],
  ['HH24', '(\\d{1,2})', 'h'],
  ['HH12', '(\\d{1,2})', 'h'],
  ['MONTH', '([A-Za-z]+)', 'mon'],
  ['MON', '([A-Za-z]{3})', 'mon'],
  ['YY', '(\\d{2})', 'yy'],
  ['MM', '(\\d{1,2})', 'mo'],
  ['DD', '(\\d{1,2})', 'd'],
  ['HH', '(\\d{1,2})', 'h'],
  ['MI', '(\\d{1,2})', 'mi'],
  ['SS', '(\\d{1,2})(?:\\.(\\d+))?', 's'],
  ['AM', '([AaPp][Mm])', 'ampm'],
  ['PM', '([AaPp][Mm])', 'ampm'],
  ['OF', `\\s*${OFFSET}`, 'of'],
];

/**
 * Compile a Redshift DATEFORMAT/TIMEFORMAT string ('YYYY-MM-DD HH24:MI:SS', 'MM/DD/YYYY', ...)
 * into a reader. SS also reads fractional seconds (up to microseconds), as COPY does.
 */
export function compileDateTimeFormat(format: string): DateTimeReader {
  let re = '^\\s*';
  const fields: string[] = [];
  let i = 0;
  while (i < format.length) {
    const upper = format.slice(i).toUpperCase();
    const tok = TOKENS.find(([name]) => upper.startsWith(name));
    if (tok) {
      re += tok[1];
      fields.push(tok[2]);
      if (tok[2] === 's') fields.push('frac');
      i += tok[0].length;
    } else {
      re += format[i] === ' ' ? '\\s+' : format[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  const regex = new RegExp(`${re}\\s*$`);
  return (text) => {
    const m = regex.exec(text);
    if (!m) return null;
    const p: DateTimeParts = { y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0, micros: 0 };
    let pm: boolean | undefined;
    fields.forEach((f, k) => {
      const v = m[k + 1];
      if (v === undefined) return;
      if (f === 'mon') p.mo = MONTHS.indexOf(v.slice(0, 3).toLowerCase()) + 1;
      else if (f === 'yy') p.y = 2000 + Number(v) - (Number(v) >= 70 ? 100 : 0);
      else if (f === 'frac') p.micros = Number(v.slice(0, 6).padEnd(6, '0'));
      else if (f === 'ampm') pm = v.toLowerCase() === 'pm';
      else if (f === 'of') p.offsetMinutes = parseOffset(v);
      else p[f as 'y'] = Number(v);
    });
    if (pm !== undefined) {
      if (p.h < 1 || p.h > 12) return null;
      p.h = (p.h % 12) + (pm ? 12 : 0);
    }
    return p;
  };
}

function parseOffset(v: string): number {
  if (v === 'Z') return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(v);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** The default reader: 'YYYY-MM-DD HH:MI:SS' with optional fraction, optional time and zone. */
export const readIsoLike: DateTimeReader = (() => {
  const re = new RegExp(
    `^\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?\\s*${OFFSET}?\\s*$`,
  );
  return (text) => {
    const m = re.exec(text);
    if (!m) return null;
    return {
      y: Number(m[1]),
      mo: Number(m[2]),
      d: Number(m[3]),
      h: Number(m[4] ?? 0),
      mi: Number(m[5] ?? 0),
      s: Number(m[6] ?? 0),
      micros: m[7] ? Number(m[7].slice(0, 6).padEnd(6, '0')) : 0,
      offsetMinutes: m[8] !== undefined ? parseOffset(m[8]) : undefined,
    };
  };
})();

/** 'auto': the ISO-like default plus the common US, compact and month-name layouts. */
export const readAuto: DateTimeReader = (() => {
  const alternatives = [
    readIsoLike,
    compileDateTimeFormat('MM/DD/YYYY HH24:MI:SS'),
    compileDateTimeFormat('MM/DD/YYYY'),
    compileDateTimeFormat('YYYYMMDD HH24MISS'),
    compileDateTimeFormat('YYYYMMDD'),
    compileDateTimeFormat('YYYY/MM/DD HH24:MI:SS'),
    compileDateTimeFormat('YYYY/MM/DD'),
    compileDateTimeFormat('MON DD, YYYY HH24:MI:SS'),
    compileDateTimeFormat('MON DD, YYYY'),
    compileDateTimeFormat('MON DD YYYY'),
    compileDateTimeFormat('DD MON YYYY HH24:MI:SS'),
    compileDateTimeFormat('DD MON YYYY'),
  ];
  return (text) => {
    for (const read of alternatives) {
      const p = read(text);
      if (p) return p;
    }
    return null;
  };
})();

/** True when the fields name a real calendar moment (PostgreSQL must never reject what we emit). */
export function isValidDateTime(p: DateTimeParts): boolean {
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.y < 1 || p.y > 294276) return false;
  const dim = new Date(Date.UTC(2000, p.mo, 0)).getUTCDate() - (p.mo === 2 && !isLeap(p.y) ? 1 : 0);
  return p.d <= dim && p.h >= 0 && p.h <= 23 && p.mi >= 0 && p.mi <= 59 && p.s >= 0 && p.s <= 59;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
