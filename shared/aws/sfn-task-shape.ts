/**
 * What Step Functions' AWS SDK integrations make of an SDK call, for the two places that play
 * such a task: the local Step Functions runner (local/stepfunctions) and the cross-region poll
 * Lambda, which must answer exactly as the aws-sdk:redshiftdata task it stands in for.
 * Responses come back PascalCase at every level (SDK v3 responses are camelCase below the top,
 * e.g. `Records[0][0].longValue`); failures are named `<Service>.<Name>Exception`.
 */

export const upperFirst = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

export function mapKeysDeep(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeysDeep(v, rename));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), mapKeysDeep(v, rename)]));
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

/**
 * The `<Name>Exception` of a failure the service answered, as the SDK integration names it after
 * `<Service>.` ("Learning to use AWS service SDK integrations in Step Functions"): an exception
 * the service's model declares keeps its name (the Exception suffix added); one it does not model
 * (throttling on the Redshift Data API, an access denial) is the SDK's base class,
 * `<Service>Exception`. The JS SDK throws those as `<Service>ServiceException` itself, which is
 * how they are told apart (by name: errors may come from another bundle's copy of the SDK).
 */
export function sdkExceptionName(service: string, err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name;
  const modeled = err !== null && typeof err === 'object' && err.constructor?.name !== `${service}ServiceException`;
  const base = modeled && typeof name === 'string' && name && name !== 'Error' ? name : service;
  return base.endsWith('Exception') ? base : `${base}Exception`;
}
