import { CopySourceError } from './errors';
import { FieldConversionError } from './field-error';
import { scanJsonRecords } from './json-scanner';
import type { JsonObject, JsonValue } from './json-value';

/** One step of a JSONPath: an object member or an array index. */
export type PathStep = string | number;

/** A compiled JSONPaths file: one path per target column, or a fallback to 'auto'. */
export type JsonPathsSpec = { kind: 'paths'; paths: PathStep[][] } | { kind: 'auto' };

const fail = (url: string, why: string): CopySourceError =>
  new CopySourceError(`Invalid JSONPath format: ${why} (file '${url}')`);

/**
 * Validate and compile a JSONPaths file. Exactly one object; `{"jsonpaths": [...]}` with string
 * elements; a different top-level key falls back to 'auto' (documented Redshift behaviour).
 * @throws CopySourceError: MAXERROR never applies to the JSONPaths file
 */
export function parseJsonPathsFile(text: string, url: string): JsonPathsSpec {
  const values: JsonValue[] = [];
  let problem: string | undefined;
  scanJsonRecords(
    text,
    (r) => values.push(r.value),
    (p) => (problem ??= p.reason),
  );
  if (problem) throw fail(url, `malformed JSONPaths file: ${problem}`);
  if (values.length !== 1 || !(values[0] instanceof Map))
    throw fail(url, 'the JSONPaths file must hold exactly one JSON object');
  const root = values[0] as JsonObject;
  if (!root.has('jsonpaths')) return { kind: 'auto' };
  const list = root.get('jsonpaths');
  if (!Array.isArray(list)) throw fail(url, '"jsonpaths" must be an array');
  let notation: 'dot' | 'bracket' | undefined;
  const paths = list.map((expr) => {
    if (typeof expr !== 'string' || expr === '') throw fail(url, 'every JSONPath must be a non-empty string');
    const { steps, uses } = compileJsonPath(expr, url);
    if (uses) {
      if (notation && notation !== uses) throw fail(url, `dot and bracket notation cannot be mixed: ${expr}`);
      notation = uses;
    }
    return steps;
  });
  return { kind: 'paths', paths };
}

/** Compile `$.a.b[0]` or `$['a']['b'][0]`; reports which member notation it used. */
export function compileJsonPath(expr: string, url = ''): { steps: PathStep[]; uses?: 'dot' | 'bracket' } {
  if (expr[0] !== '$') throw fail(url, `a JSONPath must start with '$': ${expr}`);
  const steps: PathStep[] = [];
  let uses: 'dot' | 'bracket' | undefined;
  const note = (n: 'dot' | 'bracket'): void => {
    if (uses && uses !== n) throw fail(url, `dot and bracket notation cannot be mixed: ${expr}`);
    uses = n;
  };
  let i = 1;
  while (i < expr.length) {
    const rest = expr.slice(i);
    const dot = /^\.([^.'[\]]+)/.exec(rest);
    const bracket = dot ? null : /^\['([^']*)'\]/.exec(rest);
    const index = dot || bracket ? null : /^\[(\d+)\]/.exec(rest);
    if (dot) {
      if (/[*?@()]/.test(dot[1])) throw fail(url, `wildcards and filters are not supported: ${expr}`);
      note('dot');
      steps.push(dot[1]);
      i += dot[0].length;
    } else if (bracket) {
      note('bracket');
      steps.push(bracket[1]);
      i += bracket[0].length;
    } else if (index) {
      steps.push(Number(index[1]));
      i += index[0].length;
    } else {
      throw fail(url, `unsupported JSONPath expression: ${expr}`);
    }
  }
  if (steps.length === 0) throw fail(url, `a JSONPath must name a member or index: ${expr}`);
  return { steps, uses };
}

/**
 * Evaluate a compiled path on a record. A missing member gives null (NULL); a missing array index
 * or an index into a non-array is a row error, as in Redshift.
 */
export function evaluateJsonPath(root: JsonValue, steps: PathStep[]): JsonValue {
  let v: JsonValue = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(v) || step >= v.length) {
        throw new FieldConversionError(1216, 'Invalid JSONPath format: Not an array or index out of range.', 0);
      }
      v = v[step];
    } else {
      if (!(v instanceof Map)) return null;
      const next = v.get(step);
      if (next === undefined) return null;
      v = next;
    }
  }
  return v;
}
