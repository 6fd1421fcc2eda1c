/**
 * Redshift type names, defaults and limits, spelled for PostgreSQL
 * ("Data types", https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html):
 *
 * - DECIMAL / NUMERIC without precision are DECIMAL(18,0) in Redshift (PostgreSQL would make
 *   them unconstrained and keep fractions Redshift drops), in DDL and in casts.
 * - VARCHAR / CHARACTER VARYING / NVARCHAR without a length are VARCHAR(256), TEXT is
 *   VARCHAR(256) and BPCHAR is CHAR(256) (column definitions only: casts keep the value whole).
 * - VARCHAR(MAX) is VARCHAR(65535); NVARCHAR / NCHAR are VARCHAR / CHAR.
 * - SUPER is stored as jsonb (JSON_PARSE, bracket navigation; reported as `super`).
 */
import { isPunct, isTrivia, isWord, matchingParen, nextSignificant, raw, type Token } from './sql-tokenizer';

/** Rewrite type names at type positions. `ddl`: the statement defines columns (CREATE / ALTER TABLE). */
export function rewriteTypes(tokens: Token[], ddl: boolean): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.kind !== 'word' || (i > 0 && isPunct(out[i - 1], '.'))) continue;
    const position = typePosition(out, i, ddl);
    if (!position) continue;
    const word = t.text.toUpperCase();
    const next = nextSignificant(out, i + 1);
    const sized = isPunct(out[next], '(');
    if (word === 'CHARACTER' && isWord(out[next], 'VARYING')) {
      const paren = nextSignificant(out, next + 1);
      if (isPunct(out[paren], '(')) {
        if (isMax(out, paren)) replaceSpan(out, i, matchingParen(out, paren), 'varchar(65535)');
      } else if (position === 'column') replaceSpan(out, i, next, 'varchar(256)');
      continue;
    }
    if (word === 'DECIMAL' || word === 'NUMERIC') {
      if (!sized) out[i] = raw('numeric(18,0)');
    } else if (word === 'VARCHAR' || word === 'NVARCHAR') {
      if (sized && isMax(out, next)) replaceSpan(out, i, matchingParen(out, next), 'varchar(65535)');
      else if (!sized && position === 'column') out[i] = raw('varchar(256)');
      else if (word === 'NVARCHAR') out[i] = raw('varchar');
    } else if (word === 'TEXT' && position === 'column') out[i] = raw('varchar(256)');
    else if (word === 'BPCHAR' && !sized && position === 'column') out[i] = raw('char(256)');
    else if (word === 'NCHAR') out[i] = raw('char');
    else if (word === 'SUPER') out[i] = raw('jsonb');
  }
  return out;
}

/**
 * Where a type name may stand: after `::`, after AS inside CAST(...), or (in DDL) right after a
 * column name that follows `(`, `,` or ADD [COLUMN].
 */
function typePosition(tokens: Token[], i: number, ddl: boolean): 'cast' | 'column' | undefined {
  const prev = previous(tokens, i);
  if (prev >= 0 && tokens[prev].kind === 'cast') return 'cast';
  if (prev >= 0 && isWord(tokens[prev], 'AS') && insideCast(tokens, prev)) return 'cast';
  if (!ddl || prev < 0 || (tokens[prev].kind !== 'word' && tokens[prev].kind !== 'quoted')) return undefined;
  const before = previous(tokens, prev);
  if (before >= 0 && (isPunct(tokens[before], '(') || isPunct(tokens[before], ','))) return 'column';
  if (before >= 0 && isWord(tokens[before], 'COLUMN', 'ADD')) return 'column';
  return undefined;
}

/** The innermost open parenthesis before `at` belongs to a CAST call. */
function insideCast(tokens: Token[], at: number): boolean {
  let depth = 0;
  for (let k = at - 1; k >= 0; k--) {
    if (isPunct(tokens[k], ')')) depth++;
    else if (isPunct(tokens[k], '(')) {
      if (depth === 0) return isWord(tokens[previous(tokens, k)], 'CAST');
      depth--;
    }
  }
  return false;
}

function previous(tokens: Token[], i: number): number {
  let k = i - 1;
  while (k >= 0 && isTrivia(tokens[k])) k--;
  return k;
}

function isMax(tokens: Token[], open: number): boolean {
  const inner = nextSignificant(tokens, open + 1);
  return isWord(tokens[inner], 'MAX') && isPunct(tokens[nextSignificant(tokens, inner + 1)], ')');
}

function replaceSpan(tokens: Token[], from: number, to: number, sql: string): void {
  for (let k = from; k <= to; k++) tokens[k] = raw('');
  tokens[from] = raw(sql);
}
