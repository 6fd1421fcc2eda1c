/**
 * The string matching of IAM policies: `*` and `?` wildcards (IAM User Guide, "IAM JSON policy
 * elements: Action" — case-insensitive; "Resource" — case-sensitive), ARN matching component by
 * component ("Condition operators", ARN condition operators) and policy variables
 * ("IAM policy elements: Variables and tags": `${aws:username}`, defaults `${key, 'value'}`,
 * and the escapes `${*}`, `${?}`, `${$}`).
 */
import type { RequestContext } from './request-context';

// Patterns come from policies (a bounded set), so the compiled forms are kept.
const sensitive = new Map<string, RegExp>();
const insensitive = new Map<string, RegExp>();

/** A glob with `*` (any run, `:` and `/` included) and `?` (one character) as a RegExp. */
function globRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cache = ignoreCase ? insensitive : sensitive;
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : `\\${ch}`));
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    cache.set(pattern, re);
  }
  return re;
}

/** `pattern` (with `*`/`?`) matches `value`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return globRegExp(pattern, ignoreCase).test(value);
}

/** An action pattern (`s3:Get*`) matches an action (`s3:GetObject`): case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

/**
 * ARN matching: the six colon-separated components are compared separately, each may hold
 * wildcards, and the resource part (after the fifth colon) keeps its own colons and slashes.
 * A pattern of `*` matches any ARN.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return wildcardMatch(pattern, arn);
  return p.every((part, i) => wildcardMatch(part, a[i]));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** A policy variable had no value in the request: the element it is in does not match. */
export const UNRESOLVED = Symbol('unresolved policy variable');

/**
 * Replaces `${key}` by the request's value of that key. A key absent from the request (and
 * without a default) makes the whole value unusable: IAM then treats the element as not
 * matching. Multi-valued keys cannot be used as variables; they count as absent.
 */
export function substituteVariables(text: string, context: RequestContext): string | typeof UNRESOLVED {
  if (!text.includes('${')) return text;
  let unresolved = false;
  const out = text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return `\u0000${inner}`;
    const [rawKey, rawDefault] = splitDefault(inner);
    const value = context.get(rawKey);
    if (typeof value === 'string') return value;
    if (rawDefault !== undefined) return rawDefault;
    unresolved = true;
    return '';
  });
  if (unresolved) return UNRESOLVED;
  return out;
}

/** After matching was decided, an escaped `${*}` must stay a literal `*`: see escapeLiterals. */
export function hasEscapes(text: string): boolean {
  return text.includes('\u0000');
}

/** `\0*` (escaped wildcard) becomes a pattern that matches the literal character only. */
export function literalAwareMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!hasEscapes(pattern)) return wildcardMatch(pattern, value, ignoreCase);
  // Split on escapes; the literal pieces are matched exactly, the rest as globs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks an escaped character; policies cannot contain it
  const pieces = pattern.split(/\u0000([*?$])/);
  let re = '^';
  pieces.forEach((piece, i) => {
    if (i % 2 === 1) re += `\\${piece}`;
    else re += piece.replace(/[.+^${}()|[\]\\*?]/g, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : `\\${ch}`));
  });
  return new RegExp(`${re}$`, ignoreCase ? 'is' : 's').test(value);
}

function splitDefault(inner: string): [string, string | undefined] {
  const m = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
  if (!m) return [inner.trim(), undefined];
  return [m[1], m[2]];
}
