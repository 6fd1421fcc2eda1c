/**
 * Helpers for rewrites of function calls: the argument list of a call split at its top-level
 * commas, and text of token runs.
 */
import { isPunct, isTrivia, joinTokens, raw, type Token } from './sql-tokenizer';

/** Split the tokens between a call's parentheses into arguments at top-level commas. */
export function splitArgs(inner: Token[]): Token[][] {
  const args: Token[][] = [[]];
  let depth = 0;
  for (const t of inner) {
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    if (isPunct(t, ')') || isPunct(t, ']')) depth--;
    if (depth === 0 && isPunct(t, ',')) args.push([]);
    else args[args.length - 1].push(t);
  }
  return args.length === 1 && args[0].every(isTrivia) ? [] : args;
}

/** The SQL text of a token run, trimmed. */
export function text(tokens: Token[]): string {
  return joinTokens(tokens).trim();
}

/** Significant (non-trivia) tokens of a run. */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => !isTrivia(t));
}

/** The literal value of a single-quoted string token, or the lower-cased word, else undefined. */
export function wordOrString(tokens: Token[]): string | undefined {
  const sig = significant(tokens);
  if (sig.length !== 1) return undefined;
  const t = sig[0];
  if (t.kind === 'word') return t.text;
  if (t.kind === 'string' && t.text.startsWith("'")) return t.text.slice(1, -1).replace(/''/g, "'");
  return undefined;
}

/** One raw token holding `sql`. */
export function sqlToken(sql: string): Token {
  return raw(sql);
}
