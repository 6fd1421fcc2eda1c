/**
 * Data API SQL parameters: `:name` placeholders become PostgreSQL `$n` and the values are bound
 * as untyped text, so PostgreSQL converts them implicitly as Redshift does ("values are always
 * strings and Amazon Redshift implicitly converts to the proper data type").
 */
import { joinTokens, tokenize } from './sql-tokenizer';

/** One SqlParameter of a request. */
export interface SqlParameter {
  name: string;
  value: string;
}

/** The SQL names a parameter the request does not carry (the API reports it as a ValidationException). */
export class UnknownParameterError extends Error {
  constructor(readonly parameter: string) {
    super(`Parameter ${parameter} is not specified in the parameter list.`);
    this.name = 'UnknownParameterError';
  }
}

export interface BoundSql {
  sql: string;
  values: string[];
}

/**
 * Replace `:name` placeholders (outside literals, quoted identifiers, comments and `::` casts)
 * with `$1..$n`, in order of first use.
 * @throws UnknownParameterError when the SQL names a parameter the request does not carry.
 */
export function bindParameters(sql: string, parameters: SqlParameter[] | undefined): BoundSql {
  if (!parameters || parameters.length === 0) return { sql, values: [] };
  const byName = new Map(parameters.map((p) => [p.name, p.value]));
  const order: string[] = [];
  const tokens = tokenize(sql).map((t) => {
    if (t.kind !== 'param') return t;
    const name = t.text.slice(1);
    if (!byName.has(name)) throw new UnknownParameterError(name);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return { kind: t.kind, text: `$${index + 1}` };
  });
  return { sql: joinTokens(tokens), values: order.map((n) => byName.get(n) as string) };
}
