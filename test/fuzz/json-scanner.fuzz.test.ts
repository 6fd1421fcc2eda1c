/**
 * Property-based tests of the COPY JSON scanner (local/data-api/copy/json-scanner.ts), the
 * reader of every `COPY ... FORMAT JSON` data file: any text, valid or mutated, gives records
 * and/or problems (COPY turns each problem into a load error with its line), never a thrown
 * error; every line it reports lies inside the input; valid newline-delimited records come back
 * one per line, equal to JSON.parse's reading; nesting past the scanner's depth limit is a
 * problem, not a stack overflow.
 */
import fc from 'fast-check';
import { type ScannedRecord, type ScanProblem, scanJsonRecords } from '../../local/data-api/copy/json-scanner';
import { type JsonValue, toJsonText } from '../../local/data-api/copy/json-value';
import { fuzzParams, fuzzTimeout } from './fuzz-config';

const RUNS = 300;

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

const lineCount = (text: string) => text.split('\n').length;

/** The scanner's values (Maps, numbers as source text) as JSON.parse would give them. */
const plain = (value: JsonValue): unknown => JSON.parse(toJsonText(value));

/** One JSON object per line, as Sparkify-like log files are. */
const ndjson = fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), {
  minLength: 1,
  maxLength: 12,
});

/** Edits that break valid text the way truncated, concatenated or corrupted files do. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '\n', '\r\n', '\u0000', 'nul', '1e', '-', '\uFFFF'),
  }),
);

function mutate(text: string, edits: MutationValue[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    if (e.kind === 'cut') out = out.slice(0, at);
    else if (e.kind === 'drop') out = out.slice(0, at) + out.slice(at + e.n);
    else out = out.slice(0, at) + e.text + out.slice(at);
  }
  return out;
}
type MutationValue =
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; n: number }
  | { kind: 'insert'; at: number; text: string };

/** Checks what every scan must satisfy, whatever the input. */
function expectWellFormed(text: string, result: ReturnType<typeof scan>): void {
  const lines = lineCount(text);
  for (const r of result.records) {
    expect(r.lastLine).toBeGreaterThanOrEqual(1);
    expect(r.lastLine).toBeLessThanOrEqual(lines);
  }
  for (const p of result.problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines);
    expect(p.reason).toMatch(/\S/);
  }
  // Text with something other than whitespace yields at least a record or a problem.
  if (/\S/.test(text)) expect(result.records.length + result.problems.length).toBeGreaterThan(0);
}

describe('COPY JSON scanner (property-based)', () => {
  it(
    'reads valid newline-delimited objects one per line, as JSON.parse does',
    () => {
      fc.assert(
        fc.property(ndjson, (objects) => {
          const text = objects.map((o) => JSON.stringify(o)).join('\n');
          const { records, problems } = scan(text);
          expect(problems).toEqual([]);
          expect(records.map((r) => r.lastLine)).toEqual(objects.map((_o, i) => i + 1));
          expect(records.map((r) => plain(r.value))).toEqual(objects.map((o) => JSON.parse(JSON.stringify(o))));
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'gives records or problems with lines inside the input for mutated files, never a thrown error',
    () => {
      fc.assert(
        fc.property(ndjson, fc.array(mutation, { minLength: 1, maxLength: 6 }), (objects, edits) => {
          const text = mutate(objects.map((o) => JSON.stringify(o)).join('\n'), edits);
          expectWellFormed(text, scan(text));
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'gives records or problems for arbitrary text (control characters, lone surrogates, CRLF)',
    () => {
      const anyText = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({
          unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', ' ', '\n', '\r', 'a', '1', '\\'),
          maxLength: 200,
        }),
      );
      fc.assert(
        fc.property(anyText, (text) => {
          expectWellFormed(text, scan(text));
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'reports nesting deeper than the limit as a problem, not a stack overflow',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 513, max: 20_000 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
          const text = `${open.repeat(depth)}1\n{"after":1}`;
          const { records, problems } = scan(text);
          expect(problems.length).toBeGreaterThanOrEqual(1);
          expect(problems[0].line).toBe(1);
          expect(records.map((r) => plain(r.value))).toEqual([{ after: 1 }]);
        }),
        fuzzParams(Math.ceil(RUNS / 10)),
      );
    },
    fuzzTimeout(RUNS),
  );
});
