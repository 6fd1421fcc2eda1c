/**
 * The result shape of in-process `engine.execute`: rows as objects keyed by column name, with
 * numbers and booleans typed for display and everything else (dates, timestamps, numerics)
 * kept as PostgreSQL prints it.
 */
import type { StoredResult } from '../engine/text-result';

/** Result of `engine.execute`. */
export interface ExecuteResult {
  rows: Record<string, unknown>[];
  fields: { name: string; typeName: string }[];
}

/** Text values -> display values: numbers and booleans typed, everything else kept as text. */
export function typedRows(result: StoredResult): ExecuteResult {
  const fields = result.columns.map((c) => ({ name: c.name, typeName: c.typeName }));
  const rows = result.rows.map((row) => {
    const out: Record<string, unknown> = {};
    result.columns.forEach((c, k) => {
      out[c.name] = typedValue(row[k], c.typeName);
    });
    return out;
  });
  return { rows, fields };
}

function typedValue(value: string | null, typeName: string): unknown {
  if (value === null) return null;
  switch (typeName) {
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
      return Number(value);
    case 'int8': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case 'bool':
      return value === 't';
    default:
      return value;
  }
}
