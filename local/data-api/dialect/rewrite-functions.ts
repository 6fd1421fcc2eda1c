/**
 * Function-call rewrites: Redshift functions whose PostgreSQL namesake differs in arguments,
 * semantics or result type are routed to the shims of engine/functions-*.sql, or spelled in
 * PostgreSQL's syntax.
 *
 * - EXTRACT / DATE_PART / PGDATE_PART / DATEADD / DATEDIFF / DATE_TRUNC: Redshift's date-part
 *   synonyms resolved here (date-parts.ts); EXTRACT answers INTEGER and DATE_PART DOUBLE, as
 *   Redshift documents (PostgreSQL's EXTRACT answers NUMERIC).
 * - DECODE(expr, search, result, ... [, default]) -> CASE (NULL matches NULL, as in Redshift).
 * - LISTAGG(expr [, delim]) [WITHIN GROUP (ORDER BY ...)] -> string_agg.
 * - MEDIAN(expr) -> percentile_cont(0.5) WITHIN GROUP (ORDER BY expr).
 * - APPROXIMATE COUNT(DISTINCT ...) -> the exact count.
 * - CONCAT / REGEXP_REPLACE / AVG: PostgreSQL's own functions shadow the shims (pg_catalog is
 *   searched first), so these calls are qualified with the shim schema.
 */
import { splitArgs, text, wordOrString } from './call-args';
import { canonicalDatePart, intervalDatePart } from './date-parts';
import { isPunct, isWord, matchingParen, nextSignificant, raw, type Token } from './sql-tokenizer';
import { UnsupportedLocallyError } from './unsupported';

const SHIMS = 'pg_redshift_sys';

/** Functions whose calls go to a shim that PostgreSQL's namesake would otherwise shadow. */
const QUALIFIED = new Set(['CONCAT', 'REGEXP_REPLACE', 'AVG']);

/** Rewrite every function call in `tokens` (nested calls first). */
export function rewriteFunctions(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const open = nextSignificant(tokens, i + 1);
    const qualified = i > 0 && isPunct(tokens[i - 1], '.');
    if (t.kind === 'word' && isWord(t, 'APPROXIMATE') && isWord(tokens[open], 'COUNT')) continue;
    if (t.kind !== 'word' || qualified || !isPunct(tokens[open], '(')) {
      out.push(t);
      continue;
    }
    const close = matchingParen(tokens, open);
    const inner = rewriteFunctions(tokens.slice(open + 1, close));
    const args = splitArgs(inner);
    const name = t.text.toUpperCase();
    const rewritten = rewriteCall(name, args, tokens, close);
    if (!rewritten) {
      out.push(t, ...tokens.slice(i + 1, open + 1), ...inner, tokens[close]);
      i = close;
      continue;
    }
    out.push(raw(rewritten.sql));
    i = rewritten.end;
  }
  return out;
}

interface Rewritten {
  sql: string;
  /** Index of the last input token the rewrite consumed. */
  end: number;
}

function rewriteCall(name: string, args: Token[][], tokens: Token[], close: number): Rewritten | undefined {
  const done = (sql: string): Rewritten => ({ sql, end: close });
  switch (name) {
    case 'EXTRACT':
      return done(extract(args));
    case 'DATE_PART':
    case 'PGDATE_PART':
      return args.length === 2
        ? done(`${SHIMS}.pgdate_part(${part(name, args[0], canonicalDatePart)}, ${text(args[1])})`)
        : undefined;
    case 'DATEADD':
    case 'DATEDIFF':
      if (args.length !== 3) return undefined;
      return done(
        `${name.toLowerCase()}(${part(name, args[0], intervalDatePart)}, ${text(args[1])}, ${text(args[2])})`,
      );
    case 'DATE_TRUNC': {
      const p = wordOrString(args[0] ?? []);
      if (args.length !== 2 || p === undefined) return undefined;
      return done(`date_trunc('${truncPart(p)}', ${text(args[1])})`);
    }
    case 'DECODE':
      return args.length >= 3 ? done(decode(args)) : undefined;
    case 'LISTAGG':
      return listagg(args, tokens, close);
    case 'MEDIAN': {
      if (isWord(tokens[nextSignificant(tokens, close + 1)], 'OVER'))
        throw new UnsupportedLocallyError('MEDIAN as a window function');
      return done(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${text(args[0] ?? [])})`);
    }
    default:
      if (QUALIFIED.has(name)) return done(`${SHIMS}.${name.toLowerCase()}(${args.map(text).join(', ')})`);
      return undefined;
  }
}

/** The date part argument as a canonical string literal (or, for an expression, resolved in SQL). */
function part(fn: string, arg: Token[], resolve: (fn: string, p: string) => string): string {
  const p = wordOrString(arg);
  return p === undefined ? `${SHIMS}.canonical_datepart(${text(arg)})` : `'${resolve(fn, p)}'`;
}

/** `EXTRACT(part FROM source)` -> the INTEGER / DOUBLE shim. */
function extract(args: Token[][]): string {
  const inner = args[0] ?? [];
  const from = inner.findIndex((t) => isWord(t, 'FROM'));
  if (args.length !== 1 || from < 0) throw new UnsupportedLocallyError('EXTRACT without FROM');
  const p = wordOrString(inner.slice(0, from));
  if (p === undefined) throw new UnsupportedLocallyError('EXTRACT with a computed date part');
  return `${SHIMS}.date_part('${canonicalDatePart('EXTRACT', p)}', ${text(inner.slice(from + 1))})`;
}

/** DATE_TRUNC takes Redshift's part names; PostgreSQL knows only some of the synonyms. */
function truncPart(p: string): string {
  try {
    return canonicalDatePart('DATE_TRUNC', p);
  } catch {
    return p.toLowerCase();
  }
}

function decode(args: Token[][]): string {
  const expr = text(args[0]);
  const pairs = args.slice(1);
  const fallback = pairs.length % 2 === 1 ? ` ELSE ${text(pairs[pairs.length - 1])}` : '';
  const whens: string[] = [];
  for (let k = 0; k + 1 < pairs.length; k += 2) {
    whens.push(`WHEN (${expr}) IS NOT DISTINCT FROM (${text(pairs[k])}) THEN ${text(pairs[k + 1])}`);
  }
  return `CASE ${whens.join(' ')}${fallback} END`;
}

/** `LISTAGG(expr [, delim]) [WITHIN GROUP (ORDER BY ...)]` -> `string_agg(expr::varchar, delim ORDER BY ...)`. */
function listagg(args: Token[][], tokens: Token[], close: number): Rewritten {
  if (args.length < 1 || args.length > 2) throw new UnsupportedLocallyError('LISTAGG with more than two arguments');
  let valueTokens = args[0];
  const first = valueTokens[nextSignificant(valueTokens, 0)];
  let distinct = '';
  if (isWord(first, 'DISTINCT')) {
    distinct = 'DISTINCT ';
    valueTokens = valueTokens.slice(nextSignificant(valueTokens, 0) + 1);
  }
  const delim = args[1] ? text(args[1]) : "''";
  let end = close;
  let order = '';
  const within = nextSignificant(tokens, close + 1);
  if (isWord(tokens[within], 'WITHIN')) {
    const group = nextSignificant(tokens, within + 1);
    const open = nextSignificant(tokens, group + 1);
    end = matchingParen(tokens, open);
    order = ` ${text(rewriteFunctions(tokens.slice(open + 1, end)))}`;
  }
  const value = text(valueTokens);
  const cast = distinct ? value : `(${value})::varchar`;
  return { sql: `string_agg(${distinct}${cast}, ${delim}${order})`, end };
}
