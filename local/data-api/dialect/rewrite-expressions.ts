/**
 * Word-level Redshift -> PostgreSQL rewrites that apply inside any statement: identifier case
 * folding, `#temp` names, SYSDATE and NVL. Types are rewritten by rewrite-types.ts, function
 * calls by rewrite-functions.ts, select lists by select-lists.ts.
 */
import { isPunct, nextSignificant, raw, type Token } from './sql-tokenizer';

/** Word-level rewrites valid in any statement: identifiers and argument-free functions. */
export function rewriteExpressions(tokens: Token[]): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.kind === 'quoted') {
      // Redshift folds even quoted identifiers to lower case (enable_case_sensitive_identifier off).
      out[i] = { kind: 'quoted', text: t.text.toLowerCase() };
      continue;
    }
    if (t.kind !== 'word') continue;
    if (t.text.startsWith('#')) {
      out[i] = { kind: 'quoted', text: `"${t.text.toLowerCase()}"` };
      continue;
    }
    const next = nextSignificant(out, i + 1);
    const word = t.text.toUpperCase();
    const call = isPunct(out[next], '(');
    const qualified = i > 0 && isPunct(out[i - 1], '.');
    if (qualified) continue;
    if (word === 'SYSDATE' && !call) out[i] = raw('localtimestamp');
    else if (word === 'NVL' && call) out[i] = raw('coalesce');
  }
  return out;
}
