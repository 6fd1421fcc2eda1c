/**
 * A small SQL tokenizer shared by the dialect translator and the parameter rewriter.
 *
 * Rewrites work on tokens rather than on raw text so that a keyword inside a string literal,
 * a quoted identifier, a comment or a dollar-quoted body is never touched. Joining the `text`
 * of every token gives back the input exactly.
 */

export type TokenKind =
  | 'space'
  | 'comment'
  /** Unquoted identifier or keyword (also `#temp` table names). */
  | 'word'
  /** "Quoted identifier". */
  | 'quoted'
  /** 'string', E'string', $tag$body$tag$. */
  | 'string'
  | 'number'
  /** `:name` placeholder. */
  | 'param'
  /** `::` cast operator. */
  | 'cast'
  | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Split SQL text into tokens; never throws (an unterminated literal runs to the end). */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j])) j++;
      push('space', j);
    } else if (c === '-' && next === '-') {
      const j = sql.indexOf('\n', i);
      push('comment', j < 0 ? n : j);
    } else if (c === '/' && next === '*') {
      push('comment', blockCommentEnd(sql, i));
    } else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) {
      push('string', c === "'" ? quotedEnd(sql, i, "'", false) : quotedEnd(sql, i + 1, "'", true));
    } else if (c === '"') {
      push('quoted', quotedEnd(sql, i, '"', false));
    } else if (c === '$' && dollarTag(sql, i)) {
      const tag = dollarTag(sql, i) as string;
      const close = sql.indexOf(tag, i + tag.length);
      push('string', close < 0 ? n : close + tag.length);
    } else if (c === ':' && next === ':') {
      push('cast', i + 2);
    } else if (c === ':' && next !== undefined && IDENT_START.test(next)) {
      let j = i + 2;
      while (j < n && /[A-Za-z0-9_]/.test(sql[j])) j++;
      push('param', j);
    } else if (c === '#' && next !== undefined && IDENT_START.test(next) && startsOperand(tokens)) {
      // Redshift `#name` temp tables; `a # b` (XOR) keeps '#' as punctuation.
      let j = i + 2;
      while (j < n && IDENT_PART.test(sql[j])) j++;
      push('word', j);
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(sql[j])) j++;
      push('word', j);
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < n && /[0-9.eE]/.test(sql[j])) j++;
      push('number', j);
    } else {
      push('punct', i + 1);
    }
  }
  return tokens;
}

/** Concatenate tokens back into SQL text. */
export function joinTokens(tokens: Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** True for tokens that carry no meaning (whitespace and comments). */
export function isTrivia(t: Token): boolean {
  return t.kind === 'space' || t.kind === 'comment';
}

/** Case-insensitive keyword test for a word token. */
export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t !== undefined && t.kind === 'word' && words.includes(t.text.toUpperCase());
}

/** Split tokens into statements at top-level semicolons (the semicolons are dropped). */
export function splitStatements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') {
      out.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  out.push(current);
  return out.filter((s) => s.some((t) => !isTrivia(t)));
}

/** The first keyword of a statement, upper-cased ('' when there is none). */
export function firstKeyword(tokens: Token[]): string {
  const t = tokens.find((x) => !isTrivia(x));
  return t && t.kind === 'word' ? t.text.toUpperCase() : '';
}

function blockCommentEnd(sql: string, start: number): number {
  // PostgreSQL block comments nest.
  let depth = 0;
  let j = start;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else {
      j++;
    }
  }
  return sql.length;
}

function quotedEnd(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let j = open + 1;
  const escapes = backslashEscapes;
  while (j < sql.length) {
    if (escapes && sql[j] === '\\') {
      j += 2;
    } else if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j++;
    }
  }
  return sql.length;
}

function dollarTag(sql: string, start: number): string | undefined {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start, start + 64));
  return m ? m[0] : undefined;
}

function startsOperand(tokens: Token[]): boolean {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (isTrivia(t)) continue;
    if (t.kind === 'word')
      return isWord(
        t,
        'TABLE',
        'FROM',
        'JOIN',
        'INTO',
        'UPDATE',
        'EXISTS',
        'USING',
        'LOCK',
        'TRUNCATE',
        'ON',
        'AS',
        'SELECT',
        'WHERE',
        'AND',
        'OR',
        'NOT',
      );
    return t.kind === 'punct' && (t.text === ',' || t.text === '(');
  }
  return true;
}

/** Index of the next non-trivia token at or after `from` (tokens.length when none). */
export function nextSignificant(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && isTrivia(tokens[i])) i++;
  return i;
}

/** Index of the `)` closing the `(` at `open` (tokens.length - 1 when unbalanced). */
export function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** True when token `t` is the punctuation `p`. */
export function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === p;
}

/** Build a single token of raw SQL text (used by rewrites). */
export function raw(text: string): Token {
  return { kind: 'punct', text };
}
