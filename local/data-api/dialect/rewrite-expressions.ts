/**
 * Word-level Redshift -> PostgreSQL rewrites that apply inside any statement: identifier case
 * folding, `#temp` names, SYSDATE, NVL, VARCHAR(MAX), NVARCHAR/NCHAR and the date-part argument
 * of DATEADD / DATEDIFF / DATE_PART.
 */
import { isPunct, isWord, matchingParen, nextSignificant, raw, type Token } from './sql-tokenizer';

/** Word-level rewrites valid in any statement: identifiers, types, functions. */
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
    else if ((word === 'VARCHAR' || word === 'NVARCHAR') && call && isMax(out, next)) replaceMax(out, i, next);
    else if (word === 'CHARACTER' && isWord(out[next], 'VARYING')) {
      const paren = nextSignificant(out, next + 1);
      if (isPunct(out[paren], '(') && isMax(out, paren)) replaceMax(out, i, paren);
    } else if (word === 'NVARCHAR') out[i] = raw('varchar');
    else if (word === 'NCHAR') out[i] = raw('char');
    else if ((word === 'DATEADD' || word === 'DATEDIFF' || word === 'DATE_PART') && call) {
      // Redshift takes the date part as a bare word (`DATEADD(day, 1, ts)`); the shims take text.
      const arg = nextSignificant(out, next + 1);
      if (out[arg]?.kind === 'word') out[arg] = raw(`'${out[arg].text.toLowerCase()}'`);
    }
  }
  return out;
}

function isMax(tokens: Token[], open: number): boolean {
  const inner = nextSignificant(tokens, open + 1);
  return isWord(tokens[inner], 'MAX') && isPunct(tokens[nextSignificant(tokens, inner + 1)], ')');
}

function replaceMax(tokens: Token[], from: number, open: number): void {
  const close = matchingParen(tokens, open);
  for (let k = from; k <= close; k++) tokens[k] = raw('');
  tokens[from] = raw('varchar(65535)');
}
