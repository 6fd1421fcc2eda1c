/**
 * JSON values as the COPY reader produces them. Numbers keep their source text so that
 * 1540919166796.0 reaches a BIGINT column as written, and large integers lose no digits.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonObject = Map<string, JsonValue>;
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** Compact JSON text of a value (used when an object or array loads into a text column). */
export function toJsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  const parts: string[] = [];
  for (const [k, val] of v) parts.push(`${JSON.stringify(k)}:${toJsonText(val)}`);
  return `{${parts.join(',')}}`;
}

/**
 * The text a scalar contributes to a column: strings as decoded, numbers as written,
 * booleans as true/false, objects and arrays as JSON text; null stays null.
 */
export function fieldText(v: JsonValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (v instanceof JsonNumber) return v.text;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return toJsonText(v);
}

/** Case-insensitive lookup table for `'auto ignorecase'` (first key wins on ties, like a scan would). */
export function lowerCaseKeys(obj: JsonObject): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const [k, v] of obj) {
    const lk = k.toLowerCase();
    if (!out.has(lk)) out.set(lk, v);
  }
  return out;
}
