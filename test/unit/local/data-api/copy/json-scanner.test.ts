import { type ScannedRecord, type ScanProblem, scanJsonRecords } from '../../../../../local/data-api/copy/json-scanner';
import { type JsonNumber, toJsonText } from '../../../../../local/data-api/copy/json-value';

function scan(text: string): { records: ScannedRecord[]; problems: ScanProblem[] } {
  const records: ScannedRecord[] = [];
  const problems: ScanProblem[] = [];
  scanJsonRecords(
    text,
    (r) => records.push(r),
    (p) => problems.push(p),
  );
  return { records, problems };
}

describe('scanJsonRecords', () => {
  test('newline-delimited records report their own line', () => {
    const { records, problems } = scan('{"a":1}\n{"a":2}\r\n\n{"a":3}');
    expect(problems).toEqual([]);
    expect(records.map((r) => r.lastLine)).toEqual([1, 2, 4]);
  });

  test('concatenated objects on one line and pretty-printed objects (last line reported)', () => {
    const { records } = scan('{"a":1}{"a":2} {"a":3}\n{\n  "a": 4,\n  "b": [1,\n 2]\n}\n');
    expect(records.map((r) => r.lastLine)).toEqual([1, 1, 1, 6]);
    expect(toJsonText(records[3].value)).toBe('{"a":4,"b":[1,2]}');
  });

  test('root arrays are records too', () => {
    const { records } = scan('[1,"x",null]\n');
    expect(Array.isArray(records[0].value)).toBe(true);
  });

  test('garbage between objects: one problem per occurrence, resync at the next line', () => {
    const { records, problems } = scan('{"a":1},\n{"a":2}\nnot json\n{"a":3} trailing\n{"a":4}');
    expect(records.map((r) => r.lastLine)).toEqual([1, 2, 4, 5]);
    expect(problems.map((p) => [p.line, p.raw])).toEqual([
      [1, ','],
      [3, 'not json'],
      [4, 'trailing'],
    ]);
  });

  test('a truncated record costs one problem and the next line still loads', () => {
    const { records, problems } = scan('{"a":1}\n{"a":"tru\n{"a":3}\n{"a":\n');
    expect(records.map((r) => r.lastLine)).toEqual([1, 3]);
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    expect(problems[0].reason).toMatch(/^Invalid JSON/);
  });

  test('a record cut between tokens does not swallow the next line', () => {
    const cut = scan('{"artist":"J.J. Cale","auth":"Logged In"\n{"a":2}\n{"a":"x","b":\n{"a":4}\n');
    expect(cut.problems.map((p) => [p.line, p.raw])).toEqual([
      [1, '{"artist":"J.J. Cale","auth":"Logged In"'],
      [3, '{"a":"x","b":'],
    ]);
    expect(cut.records.map((r) => r.lastLine)).toEqual([2, 4]);
  });

  test('a broken pretty-printed object is one problem, not one per line', () => {
    const { records, problems } = scan('{\n "a": 1,\n "b" 2,\n "c": 3\n}\n{"a":9}');
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(3);
    expect(records.map((r) => r.lastLine)).toEqual([6]);
  });

  test('escapes: \\u with surrogate pairs, \\/, control characters, mojibake kept as decoded', () => {
    const { records } = scan(
      String.raw`{"s":"Beyonc\u00c3\u0083\u00c2\u00a9 \ud83c\udfb5 a\/b Theo\u0019s \"q\" \t\\"}`,
    );
    const s = (records[0].value as Map<string, unknown>).get('s');
    expect(s).toBe('BeyoncÃ\u0083Â© 🎵 a/b Theo\u0019s "q" \t\\');
  });

  test('numbers keep their source text', () => {
    const { records } = scan('{"r":1540919166796.0,"big":123456789012345678901234,"e":-1.5E+3}');
    const v = records[0].value as Map<string, JsonNumber>;
    expect([v.get('r')?.text, v.get('big')?.text, v.get('e')?.text]).toEqual([
      '1540919166796.0',
      '123456789012345678901234',
      '-1.5E+3',
    ]);
  });

  test('duplicate keys: the last one wins; literals parse', () => {
    const { records } = scan('{"a":1,"a":true,"b":false,"c":null}');
    expect(toJsonText(records[0].value)).toBe('{"a":true,"b":false,"c":null}');
  });

  test('scalars at the root are garbage; consecutive garbage lines are one occurrence', () => {
    const { records, problems } = scan('42\n"x"\n{"ok":1}\n"y"');
    expect(problems.map((p) => p.line)).toEqual([1, 4]);
    expect(records).toHaveLength(1);
  });
});
