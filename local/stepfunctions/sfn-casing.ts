/**
 * Step Functions' casing rules for AWS SDK integrations: parameters are written in PascalCase
 * at every level, responses come back PascalCase at every level. SDK v3 input members are
 * PascalCase at the top level but camelCase inside nested structures for Redshift Data
 * (`SqlParameter.name`/`value`), and its responses are camelCase below the top
 * (`Records[0][0].longValue`, `ColumnMetadata[0].name`).
 */

const upperFirst = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const lowerFirst = (s: string): string => (s ? s.charAt(0).toLowerCase() + s.slice(1) : s);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

function mapKeysDeep(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeysDeep(v, rename));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), mapKeysDeep(v, rename)]));
}

/**
 * Task parameters (PascalCase throughout) -> SDK v3 command input for a service whose nested
 * members are camelCase: top-level keys PascalCase, nested keys camelCase.
 */
export function toSdkInput(parameters: unknown): Record<string, unknown> {
  if (!isPlainObject(parameters)) return {};
  return Object.fromEntries(Object.entries(parameters).map(([k, v]) => [upperFirst(k), mapKeysDeep(v, lowerFirst)]));
}

/** Dates become ISO strings, blobs base64, `undefined` members disappear: the output must be JSON. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toJsonValue(v);
    }
    return out;
  }
  return value;
}

/** SDK v3 command output -> Step Functions task result: `$metadata` dropped, keys PascalCase at every level. */
export function toSfnOutput(output: unknown): Record<string, unknown> {
  const { $metadata: _ignored, ...rest } = (isPlainObject(output) ? output : {}) as Record<string, unknown>;
  return mapKeysDeep(toJsonValue(rest), upperFirst) as Record<string, unknown>;
}
