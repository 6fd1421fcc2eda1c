/**
 * Rewrites of SELECT lists ("SELECT list", https://docs.aws.amazon.com/redshift/latest/dg/r_SELECT_list.html):
 *
 * - `TOP n` becomes a LIMIT at the end of the same query level.
 * - Lateral column aliases: "the alias is recognized right after it is defined in the target
 *   list", so a later item may use it. PostgreSQL does not allow that; each use in a later item
 *   is replaced by the aliased expression (in parentheses). An alias that shadows a column of
 *   the FROM tables wins in the later items (the emulator does not read the catalog here).
 *
 * Works in place on `tokens`; substituted expressions are tokenized again so that the later
 * rewrites (types, functions) apply to them too.
 */
import { isPunct, isTrivia, isWord, joinTokens, nextSignificant, raw, type Token, tokenize } from './sql-tokenizer';

/** Words that end a select list at its own level. */
const LIST_END = new Set([
  'FROM',
  'INTO',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WINDOW',
  'OFFSET',
]);

/** Rewrite TOP and lateral aliases of every SELECT in `tokens` (changes `tokens` in place). */
export function rewriteSelectLists(tokens: Token[]): Token[] {
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'SELECT')) continue;
    const end = queryEnd(tokens, i);
    let start = nextSignificant(tokens, i + 1);
    if (isWord(tokens[start], 'DISTINCT', 'ALL')) start = nextSignificant(tokens, start + 1);
    if (isWord(tokens[start], 'TOP')) start = top(tokens, start, end);
    const stop = listEnd(tokens, start, end);
    tokens.splice(start, stop - start, ...lateralAliases(tokens, start, stop));
  }
  return tokens;
}

/** Index just past the query level that `select` starts (a closing parenthesis or the end). */
function queryEnd(tokens: Token[], select: number): number {
  let depth = 0;
  for (let k = select + 1; k < tokens.length; k++) {
    if (isPunct(tokens[k], '(')) depth++;
    else if (isPunct(tokens[k], ')')) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return tokens.length;
}

function listEnd(tokens: Token[], start: number, end: number): number {
  let depth = 0;
  for (let k = start; k < end; k++) {
    if (isPunct(tokens[k], '(')) depth++;
    else if (isPunct(tokens[k], ')')) depth--;
    else if (depth === 0 && tokens[k].kind === 'word' && LIST_END.has(tokens[k].text.toUpperCase())) return k;
  }
  return end;
}

/** `TOP n`: blank it and add `LIMIT n` at the end of the query level. Returns the list start. */
function top(tokens: Token[], at: number, end: number): number {
  const n = nextSignificant(tokens, at + 1);
  const count = tokens[n]?.text;
  tokens[at] = raw('');
  tokens[n] = raw('');
  let last = end - 1;
  while (last > n && isTrivia(tokens[last])) last--;
  tokens[last] = raw(`${tokens[last].text} LIMIT ${count}`);
  return nextSignificant(tokens, n + 1);
}

/** The list tokens[start, end) with later uses of earlier aliases replaced by their expressions. */
function lateralAliases(tokens: Token[], start: number, end: number): Token[] {
  const items: Array<[number, number]> = [];
  let depth = 0;
  let from = start;
  for (let k = start; k < end; k++) {
    if (isPunct(tokens[k], '(')) depth++;
    else if (isPunct(tokens[k], ')')) depth--;
    else if (depth === 0 && isPunct(tokens[k], ',')) {
      items.push([from, k]);
      from = k + 1;
    }
  }
  items.push([from, end]);
  const aliases = new Map<string, string>();
  const out: Token[] = [];
  items.forEach(([a, b], n) => {
    if (n > 0) out.push(tokens[a - 1]);
    const item = substitute(tokens, a, b, aliases);
    out.push(...item);
    const sig = item.filter((t) => !isTrivia(t));
    const name = sig[sig.length - 1];
    if (sig.length >= 3 && isWord(sig[sig.length - 2], 'AS') && name.kind === 'word') {
      const as = item.lastIndexOf(sig[sig.length - 2]);
      aliases.set(name.text.toLowerCase(), joinTokens(item.slice(0, as)).trim());
    }
  });
  return out;
}

/**
 * Tokens[a, b) with unqualified uses of an alias (not a call, not `x.y`, not after AS) replaced.
 * A subquery inside the item is copied as written: it has its own scope (its FROM names tables,
 * and its columns shadow the outer aliases), so `COUNT(*) AS users, (SELECT COUNT(*) FROM users)`
 * keeps reading the table.
 */
function substitute(tokens: Token[], a: number, b: number, aliases: Map<string, string>): Token[] {
  const out: Token[] = [];
  for (let k = a; k < b; k++) {
    const t = tokens[k];
    if (isPunct(t, '(') && isWord(tokens[nextSignificant(tokens, k + 1)], 'SELECT')) {
      const close = Math.min(matchingParen(tokens, k), b - 1);
      out.push(...tokens.slice(k, close + 1));
      k = close;
      continue;
    }
    const expr = t.kind === 'word' ? aliases.get(t.text.toLowerCase()) : undefined;
    const next = tokens[nextSignificant(tokens, k + 1)];
    const use =
      expr !== undefined &&
      !(k > 0 && isPunct(tokens[k - 1], '.')) &&
      !isPunct(next, '.') &&
      !isPunct(next, '(') &&
      !isWord(tokens[prevSig(tokens, k)], 'AS');
    if (use) out.push(raw('('), ...tokenize(expr as string), raw(')'));
    else out.push(t);
  }
  return out;
}

/** Index of the ')' closing the '(' at `open` (the last token when it is never closed). */
function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (isPunct(tokens[k], '(')) depth++;
    else if (isPunct(tokens[k], ')') && --depth === 0) return k;
  }
  return tokens.length - 1;
}

function prevSig(tokens: Token[], i: number): number {
  let k = i - 1;
  while (k >= 0 && isTrivia(tokens[k])) k--;
  return k;
}
