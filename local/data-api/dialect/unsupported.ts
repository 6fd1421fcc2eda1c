/**
 * Redshift constructs the emulator does not reproduce. They fail with a message that names the
 * construct and says it is unsupported locally, so nobody mistakes it for an error in their SQL
 * (PostgreSQL's own message for the same text would read like a syntax error).
 */
import { isPunct, isWord, nextSignificant, type Token } from './sql-tokenizer';

/** A Redshift construct that works on Redshift but not in the local emulator. */
export class UnsupportedLocallyError extends Error {
  constructor(readonly construct: string) {
    super(`${construct} is not supported locally (the Redshift Data API emulator does not reproduce it)`);
    this.name = 'UnsupportedLocallyError';
  }
}

/** Statement heads (first two keywords) that only Redshift can run. */
const UNSUPPORTED_STATEMENTS: ReadonlyArray<[string, string, string]> = [
  ['CREATE', 'EXTERNAL', 'CREATE EXTERNAL TABLE / SCHEMA (Redshift Spectrum)'],
  ['CREATE', 'MODEL', 'CREATE MODEL (Redshift ML)'],
  ['CREATE', 'LIBRARY', 'CREATE LIBRARY'],
  ['CREATE', 'DATASHARE', 'CREATE DATASHARE'],
  ['ALTER', 'DATASHARE', 'ALTER DATASHARE'],
];

/** Words that name a Redshift type or function the emulator does not reproduce. */
const UNSUPPORTED_WORDS: Readonly<Record<string, string>> = {
  GEOMETRY: 'GEOMETRY type',
  GEOGRAPHY: 'GEOGRAPHY type',
  HLLSKETCH: 'HLLSKETCH type',
  VARBYTE: 'VARBYTE type',
  VARBINARY: 'VARBINARY type',
  ST_GEOMFROMTEXT: 'ST_GeomFromText (spatial functions)',
  ST_POINT: 'ST_Point (spatial functions)',
  HLL: 'HLL (HyperLogLog functions)',
  HLL_CREATE_SKETCH: 'HLL_CREATE_SKETCH (HyperLogLog functions)',
  PIVOT: 'PIVOT',
  UNPIVOT: 'UNPIVOT',
  QUALIFY: 'QUALIFY',
};

/**
 * @throws UnsupportedLocallyError when the statement uses a construct listed above. Quoted
 * identifiers, literals and comments never match (the check walks word tokens only), and a
 * word used as a column name (`t.geometry`, `geometry,` in a select list) is left alone unless
 * it is a type or a call.
 */
export function rejectUnsupported(body: Token[]): void {
  const first = body[0];
  const second = body[nextSignificant(body, 1)];
  for (const [a, b, name] of UNSUPPORTED_STATEMENTS) {
    if (isWord(first, a) && isWord(second, b)) throw new UnsupportedLocallyError(name);
  }
  for (let i = 0; i < body.length; i++) {
    const t = body[i];
    if (t.kind !== 'word') continue;
    const name = UNSUPPORTED_WORDS[t.text.toUpperCase()];
    if (!name || (i > 0 && isPunct(body[i - 1], '.'))) continue;
    const next = body[nextSignificant(body, i + 1)];
    const prev = previous(body, i);
    // `x AS geometry` is an alias unless it sits inside CAST(...); only type names are types.
    const castAs = isWord(prev, 'AS') && insideCast(body, i);
    const asType = name.endsWith(' type') && (prev?.kind === 'cast' || castAs || isColumnType(body, i));
    const asCall = isPunct(next, '(');
    const asClause = name === 'PIVOT' || name === 'UNPIVOT' || name === 'QUALIFY';
    if (asType || asCall || asClause) throw new UnsupportedLocallyError(name);
  }
}

/** The innermost open parenthesis before `at` is CAST's. */
function insideCast(tokens: Token[], at: number): boolean {
  let depth = 0;
  for (let k = at - 1; k >= 0; k--) {
    if (isPunct(tokens[k], ')')) depth++;
    else if (isPunct(tokens[k], '(')) {
      if (depth === 0) return isWord(previous(tokens, k), 'CAST');
      depth--;
    }
  }
  return false;
}

function previous(tokens: Token[], i: number): Token | undefined {
  let k = i - 1;
  while (k >= 0 && (tokens[k].kind === 'space' || tokens[k].kind === 'comment')) k--;
  return k >= 0 ? tokens[k] : undefined;
}

/** `name GEOMETRY` inside a column list: previous word is a column name after `(` or `,`. */
function isColumnType(tokens: Token[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (tokens[k].kind === 'space' || tokens[k].kind === 'comment')) k--;
  if (k < 0 || (tokens[k].kind !== 'word' && tokens[k].kind !== 'quoted')) return false;
  k--;
  while (k >= 0 && (tokens[k].kind === 'space' || tokens[k].kind === 'comment')) k--;
  return k >= 0 && (isPunct(tokens[k], '(') || isPunct(tokens[k], ','));
}
