/**
 * Redshift's date parts and their synonyms, as listed in "Date parts for date or timestamp
 * functions" (https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html).
 *
 * Every synonym is resolved to one canonical name at translation time, so the SQL shims
 * (engine/functions-datetime.sql) only ever see canonical names, and a part Redshift does not
 * know fails here with the part named, before PostgreSQL can answer with its own wording.
 */
/** Canonical part -> the names Redshift accepts for it (the canonical name included). */
const PARTS: Readonly<Record<string, readonly string[]>> = {
  millennium: ['millennium', 'millennia', 'mil', 'mils'],
  century: ['century', 'centuries', 'c', 'cent', 'cents'],
  decade: ['decade', 'decades', 'dec', 'decs'],
  epoch: ['epoch'],
  year: ['year', 'years', 'y', 'yr', 'yrs'],
  quarter: ['quarter', 'quarters', 'qtr', 'qtrs'],
  month: ['month', 'months', 'mon', 'mons'],
  week: ['week', 'weeks', 'w'],
  dow: ['dayofweek', 'dow', 'dw', 'weekday'],
  doy: ['dayofyear', 'doy', 'dy', 'yearday'],
  day: ['day', 'days', 'd'],
  hour: ['hour', 'hours', 'h', 'hr', 'hrs'],
  minute: ['minute', 'minutes', 'm', 'min', 'mins'],
  second: ['second', 'seconds', 's', 'sec', 'secs'],
  millisecond: [
    'millisecond',
    'milliseconds',
    'ms',
    'msec',
    'msecs',
    'msecond',
    'mseconds',
    'millisec',
    'millisecs',
    'millisecon',
  ],
  microsecond: [
    'microsecond',
    'microseconds',
    'microsec',
    'microsecs',
    'microsecond',
    'usecond',
    'useconds',
    'us',
    'usec',
    'usecs',
  ],
  timezone: ['timezone'],
  timezone_hour: ['timezone_hour'],
  timezone_minute: ['timezone_minute'],
};

const CANONICAL = new Map<string, string>(
  Object.entries(PARTS).flatMap(([canonical, names]) => names.map((n) => [n, canonical] as const)),
);

/** The names Redshift accepts for each canonical date part (conformance tests walk it). */
export const DATE_PART_SYNONYMS = PARTS;

/** Raised for a date part Redshift does not document. */
export class InvalidDatePartError extends Error {
  constructor(
    readonly fn: string,
    readonly part: string,
  ) {
    super(`${fn}: date part "${part}" is not a Redshift date part`);
    this.name = 'InvalidDatePartError';
  }
}

/**
 * The canonical name of a Redshift date part (case-insensitive).
 * @throws InvalidDatePartError for a name that is not in Redshift's table.
 */
export function canonicalDatePart(fn: string, part: string): string {
  const canonical = CANONICAL.get(part.toLowerCase());
  if (!canonical) throw new InvalidDatePartError(fn, part);
  return canonical;
}

/** Parts that DATEADD / DATEDIFF accept (the others exist only for EXTRACT / DATE_PART). */
const INTERVAL_PARTS = new Set([
  'millennium',
  'century',
  'decade',
  'year',
  'quarter',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
  'millisecond',
  'microsecond',
]);

/**
 * The canonical part for DATEADD / DATEDIFF.
 * @throws InvalidDatePartError for an unknown part, and for dow/doy/epoch/timezone, which
 * Redshift accepts only in EXTRACT and DATE_PART.
 */
export function intervalDatePart(fn: string, part: string): string {
  const canonical = canonicalDatePart(fn, part);
  if (!INTERVAL_PARTS.has(canonical)) throw new InvalidDatePartError(fn, part);
  return canonical;
}
