import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CopySourceError } from '../../../../../local/data-api/copy/errors';
import { FieldConversionError } from '../../../../../local/data-api/copy/field-error';
import { scanJsonRecords } from '../../../../../local/data-api/copy/json-scanner';
import { JsonNumber, type JsonValue } from '../../../../../local/data-api/copy/json-value';
import { compileJsonPath, evaluateJsonPath, parseJsonPathsFile } from '../../../../../local/data-api/copy/jsonpaths';

const url = 's3://b/paths.json';
const record = (text: string): JsonValue => {
  let v: JsonValue = null;
  scanJsonRecords(
    text,
    (r) => (v = r.value),
    () => undefined,
  );
  return v;
};

describe('JSONPaths', () => {
  test('the Sparkify log_json_path.json compiles to 18 bracket paths', () => {
    const text = readFileSync(resolve(__dirname, '../../../../../samples/sparkify/log_json_path.json'), 'utf8');
    const spec = parseJsonPathsFile(text, url);
    expect(spec.kind).toBe('paths');
    if (spec.kind === 'paths') {
      expect(spec.paths).toHaveLength(18);
      expect(spec.paths[2]).toEqual(['firstName']);
    }
  });

  test('dot and bracket notation with indexes', () => {
    expect(compileJsonPath('$.a.b[0]').steps).toEqual(['a', 'b', 0]);
    expect(compileJsonPath("$['a.b']['c'][2]").steps).toEqual(['a.b', 'c', 2]);
    expect(compileJsonPath('$[1]').steps).toEqual([1]);
  });

  test.each([
    ['{"jsonpaths": ["$.a", "$[\'b\']"]}', 'dot and bracket notation cannot be mixed'],
    ['{"jsonpaths": ["$.a[\'b\']"]}', 'dot and bracket notation cannot be mixed'],
    ['{"jsonpaths": ["$.a", ""]}', 'non-empty string'],
    ['{"jsonpaths": ["$.a", 3]}', 'non-empty string'],
    ['{"jsonpaths": ["a.b"]}', "must start with '$'"],
    ['{"jsonpaths": ["$.a[*]"]}', 'unsupported JSONPath expression'],
    ['{"jsonpaths": ["$..a"]}', 'unsupported JSONPath expression'],
    ['{"jsonpaths": ["$.a"]} {"jsonpaths": []}', 'exactly one JSON object'],
    ['{"jsonpaths": ["$.a"]', 'malformed JSONPaths file'],
    ['{"jsonpaths": "$.a"}', 'must be an array'],
  ])('%s fails the COPY: %s', (text, message) => {
    expect(() => parseJsonPathsFile(text, url)).toThrow(CopySourceError);
    expect(() => parseJsonPathsFile(text, url)).toThrow(message);
  });

  test('another top-level key falls back to auto', () => {
    expect(parseJsonPathsFile('{"paths": ["$.a"]}', url)).toEqual({ kind: 'auto' });
  });

  test('evaluation: missing member -> null, objects as values, missing index -> row error', () => {
    const v = record('{"a":{"b":[10,{"c":"x"}]},"s":"str"}');
    expect(evaluateJsonPath(v, ['a', 'b', 0])).toEqual(new JsonNumber('10'));
    expect(evaluateJsonPath(v, ['a', 'b', 1, 'c'])).toBe('x');
    expect(evaluateJsonPath(v, ['nope', 'x'])).toBeNull();
    expect(evaluateJsonPath(v, ['s', 'x'])).toBeNull();
    expect(() => evaluateJsonPath(v, ['a', 'b', 5])).toThrow(FieldConversionError);
    expect(() => evaluateJsonPath(v, ['s', 0])).toThrow('Invalid JSONPath format: Not an array or index out of range.');
  });
});
