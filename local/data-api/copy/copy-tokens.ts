import { CopySyntaxError } from './errors';

/** One lexical token of a COPY statement. */
export type CopyToken =
  | { kind: 'word'; text: string; upper: string }
  | { kind: 'string'; text: string }
  | { kind: 'ident'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'punct'; text: string };

/**
 * Split a COPY statement into tokens. Comments are dropped; '' inside a quoted string is one
 * quote. Quoted string values never appear in error messages because they may hold credentials.
 */
export function tokenizeCopy(sql: string): CopyToken[] {
  const tokens: CopyToken[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new CopySyntaxError('unterminated /* comment');
      i = end + 2;
    } else if (c === "'") {
      const [text, next] = readQuoted(sql, i, "'");
      tokens.push({ kind: 'string', text });
      i = next;
    } else if (c === '"') {
      const [text, next] = readQuoted(sql, i, '"');
      tokens.push({ kind: 'ident', text });
      i = next;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j])) j++;
      tokens.push({ kind: 'number', text: sql.slice(i, j) });
      i = j;
    } else if (/[A-Za-z_#]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$#]/.test(sql[j])) j++;
      const text = sql.slice(i, j);
      tokens.push({ kind: 'word', text, upper: text.toUpperCase() });
      i = j;
    } else if ('(),.;='.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw new CopySyntaxError(`syntax error at or near "${c}"`);
    }
  }
  // A trailing semicolon ends the statement; anything after it is not part of this COPY.
  const semi = tokens.findIndex((t) => t.kind === 'punct' && t.text === ';');
  if (semi >= 0) {
    if (semi !== tokens.length - 1) throw new CopySyntaxError('only one statement is allowed in a COPY');
    tokens.pop();
  }
  return tokens;
}

function readQuoted(sql: string, start: number, quote: string): [string, number] {
  let out = '';
  let i = start + 1;
  for (;;) {
    const end = sql.indexOf(quote, i);
    if (end < 0) {
      throw new CopySyntaxError(quote === "'" ? 'unterminated quoted string' : 'unterminated quoted identifier');
    }
    out += sql.slice(i, end);
    if (sql[end + 1] === quote) {
      out += quote;
      i = end + 2;
    } else {
      return [out, end + 1];
    }
  }
}

/** Human text of a token for a syntax error, without ever echoing a quoted value. */
export function describeToken(t: CopyToken | undefined): string {
  if (!t) return 'end of input';
  if (t.kind === 'string') return 'a quoted string';
  return `"${t.text}"`;
}

/** Token reader with the few shapes the COPY grammar needs. */
export class TokenCursor {
  private i = 0;
  constructor(private readonly tokens: CopyToken[]) {}
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  peek(): CopyToken | undefined {
    return this.tokens[this.i];
  }
  next(): CopyToken {
    const t = this.tokens[this.i++];
    if (!t) throw new CopySyntaxError('syntax error at end of input');
    return t;
  }
  peekWord(upper: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.upper === upper;
  }
  peekPunct(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === text;
  }
  expectWord(upper: string): void {
    if (!this.peekWord(upper))
      throw new CopySyntaxError(`syntax error at or near ${describeToken(this.peek())}: expected ${upper}`);
    this.i++;
  }
  expectPunct(text: string): void {
    if (!this.peekPunct(text))
      throw new CopySyntaxError(`syntax error at or near ${describeToken(this.peek())}: expected "${text}"`);
    this.i++;
  }
  optionalAs(): void {
    if (this.peekWord('AS')) this.i++;
  }
  optionalWord(allowed: string[]): void {
    const t = this.peek();
    if (t?.kind === 'word' && allowed.includes(t.upper)) this.i++;
  }
  /** Identifier: unquoted words are lowercased, as Redshift does; quoted ones too (Redshift folds them). */
  identifier(): string {
    const t = this.next();
    if (t.kind === 'word' || t.kind === 'ident') return t.text.toLowerCase();
    throw new CopySyntaxError(`syntax error at or near ${describeToken(t)}: expected an identifier`);
  }
  string(option: string): string {
    const t = this.next();
    if (t.kind !== 'string')
      throw new CopySyntaxError(`syntax error at or near ${describeToken(t)}: ${option} expects a quoted value`);
    return t.text;
  }
  integer(option: string): number {
    const t = this.next();
    const n = t.kind === 'number' || t.kind === 'string' ? Number(t.text) : NaN;
    if (!Number.isInteger(n) || n < 0)
      throw new CopySyntaxError(`${option} expects a non-negative integer, got ${describeToken(t)}`);
    return n;
  }
}
