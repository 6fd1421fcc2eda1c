/**
 * Property-based tests of the S3 XML request reader: random strings and mutated valid
 * DeleteObjects / CompleteMultipartUpload bodies give a parse result or MalformedXML, never
 * another error; valid bodies round-trip their keys and parts exactly. Work is bounded
 * structurally, not by time: the reader's step counter stays within a constant times the input
 * length (the old regex extraction was quadratic on unclosed tags).
 */
import fc from 'fast-check';
import { S3Error } from '../../local/s3/errors';
import { escapeXml } from '../../local/s3/xml';
import { readXml, XmlReadError, type XmlReadStats } from '../../local/s3/xml-reader';
import { parseCompleteMultipartUpload, parseDeleteObjects } from '../../local/s3/xml-requests';
import { fuzzParams, fuzzTimeout } from './fuzz-config';

const RUNS = 300;
/** Steps allowed per input character (plus a constant): linear, with room for the constant factor. */
const STEPS_PER_CHAR = 8;

const withinLinearBound = (stats: XmlReadStats, length: number) => stats.steps <= STEPS_PER_CHAR * length + 64;

/** Runs a request parser: 'ok', or 'malformed' for S3's MalformedXML; anything else fails the property. */
function outcome(parse: (bytes: Uint8Array, stats: XmlReadStats) => unknown, text: string | Buffer) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const stats: XmlReadStats = { steps: 0 };
  let result: 'ok' | 'malformed';
  try {
    parse(bytes, stats);
    result = 'ok';
  } catch (error) {
    if (!(error instanceof S3Error) || error.code !== 'MalformedXML' || error.status !== 400) throw error;
    result = 'malformed';
  }
  expect(withinLinearBound(stats, bytes.length)).toBe(true);
  return result;
}

/** Strings whose UTF-8 round-trips (no lone surrogates) and without NUL (XML cannot carry it). */
const keyArb = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\t', '\u0001', ';', '#', ' ', '/', 'é', '🎉'),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 40,
  })
  .filter((s) => !s.includes('\u0000') && Buffer.from(s).toString() === s);

const deleteBodyArb = fc.record({
  keys: fc.array(keyArb, { minLength: 1, maxLength: 30 }),
  quiet: fc.option(fc.boolean(), { nil: undefined }),
  namespace: fc.boolean(),
  declaration: fc.boolean(),
  versionIds: fc.boolean(),
});

function deleteBody(d: typeof deleteBodyArb extends fc.Arbitrary<infer T> ? T : never): string {
  const objects = d.keys
    .map((k) => `<Object><Key>${escapeXml(k)}</Key>${d.versionIds ? '<VersionId>null</VersionId>' : ''}</Object>`)
    .join('');
  const quiet = d.quiet === undefined ? '' : `<Quiet>${d.quiet}</Quiet>`;
  const ns = d.namespace ? ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"' : '';
  return `${d.declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<Delete${ns}>${objects}${quiet}</Delete>`;
}

const partsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 10000 }), { minLength: 1, maxLength: 30 })
  .map((numbers) => numbers.sort((a, b) => a - b))
  .chain((numbers) =>
    fc.tuple(
      fc.constant(numbers),
      fc.array(
        fc
          .tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.boolean())
          .map(([md5, quoted]) =>
            quoted ? `"${Buffer.from(md5).toString('hex')}"` : Buffer.from(md5).toString('hex'),
          ),
        { minLength: numbers.length, maxLength: numbers.length },
      ),
    ),
  );

function completeBody([numbers, etags]: [number[], string[]]): string {
  const parts = numbers.map((n, i) => `<Part><ETag>${escapeXml(etags[i])}</ETag><PartNumber>${n}</PartNumber></Part>`);
  return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</CompleteMultipartUpload>`;
}

/** Character-level mutations: delete, insert (XML-significant tokens or any text), duplicate a slice. */
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '</',
        '/>',
        '&',
        ';',
        '&#x110000;',
        '&#0;',
        '&amp',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '<?xml?>',
        '<!DOCTYPE x>',
        '"',
        "'",
        '=',
        '<Object>',
        '</Object>',
        '<Key>',
        '</Key>',
        '\u0000',
        ' xmlns="x"',
        '<Part>',
      ),
      fc.string({ maxLength: 6 }),
    ),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
    times: fc.integer({ min: 1, max: 50 }),
  }),
);

function mutate(text: string, mutations: (typeof mutationArb extends fc.Arbitrary<infer T> ? T : never)[]): string {
  let t = text;
  for (const m of mutations) {
    const at = m.at % (t.length + 1);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.length);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else t = t.slice(0, at) + t.slice(at, at + m.length).repeat(m.times) + t.slice(at);
  }
  return t;
}

const xmlishArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '</',
        '/>',
        '<?',
        '?>',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '&',
        ';',
        '&#x',
        '&#',
        '"',
        "'",
        '=',
        ' ',
        '\n',
        '\r',
        'Delete',
        'Object',
        'Key',
        'Quiet',
        'a:',
        'xmlns',
        'CompleteMultipartUpload',
        'Part',
        'PartNumber',
        'ETag',
        '1',
        'true',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 120 },
  )
  .map((tokens) => tokens.join(''));

describe('XML request reader (property-based)', () => {
  it(
    'valid DeleteObjects bodies round-trip their keys and Quiet flag exactly',
    () => {
      fc.assert(
        fc.property(deleteBodyArb, (d) => {
          const parsed = parseDeleteObjects(Buffer.from(deleteBody(d)));
          expect(parsed).toEqual({ keys: d.keys, quiet: d.quiet === true });
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'valid CompleteMultipartUpload bodies round-trip their parts exactly',
    () => {
      fc.assert(
        fc.property(partsArb, (parts) => {
          const [numbers, etags] = parts;
          expect(parseCompleteMultipartUpload(Buffer.from(completeBody(parts)))).toEqual(
            numbers.map((partNumber, i) => ({ partNumber, etag: etags[i] })),
          );
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'mutated DeleteObjects and CompleteMultipartUpload bodies parse or answer MalformedXML, in linear work',
    () => {
      fc.assert(
        fc.property(
          deleteBodyArb,
          partsArb,
          fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
          (d, parts, mutations) => {
            outcome(parseDeleteObjects, mutate(deleteBody(d), mutations));
            outcome(parseCompleteMultipartUpload, mutate(completeBody(parts), mutations));
          },
        ),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'random strings and bytes parse or answer MalformedXML, in linear work',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(xmlishArb, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
          fc.uint8Array({ maxLength: 300 }),
          (text, bytes) => {
            outcome(parseDeleteObjects, text);
            outcome(parseCompleteMultipartUpload, text);
            outcome(parseDeleteObjects, Buffer.from(bytes));
            // The generic reader throws only XmlReadError.
            try {
              readXml(text, { maxDepth: 8, maxElements: 100 });
            } catch (error) {
              if (!(error instanceof XmlReadError)) throw error;
            }
          },
        ),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it('inputs that made the regex extraction quadratic stay within the linear bound', () => {
    for (const n of [1_000, 10_000, 50_000]) {
      for (const body of [
        `<Delete>${'<Object>'.repeat(n)}`,
        `<Delete><Object><Key>${'&'.repeat(n)}`,
        `<Delete>${'<Object><Key>a</Key>'.repeat(n)}`,
        `<Delete><Object><Key a${' '.repeat(n)}`,
        `<Delete>${'<!--'.repeat(n)}`,
        `<Delete>${'<'.repeat(n)}`,
        `<CompleteMultipartUpload>${'<Part><PartNumber>1</PartNumber>'.repeat(n)}`,
      ]) {
        expect(outcome(parseDeleteObjects, body)).toBe('malformed');
      }
    }
  });
});
