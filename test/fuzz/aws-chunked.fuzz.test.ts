/**
 * Property-based tests of the aws-chunked decoder: a valid framing round-trips its payload and
 * trailers exactly however the bytes are split; random and mutated framings end in the payload
 * or an AwsChunkedFramingError, never another error and never an unhandled one.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { AwsChunkedDecoder, AwsChunkedFramingError } from '../../local/s3/aws-chunked';
import { fuzzParams, fuzzTimeout } from './fuzz-config';

const RUNS = 300;

interface Decoded {
  payload: Buffer;
  trailers: Record<string, string>;
}

/** Feeds `bytes` to a decoder in pieces cut at `cuts`; resolves with the payload or rejects with its error. */
function decode(bytes: Buffer, cuts: number[], decodedLength?: number): Promise<Decoded> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    if (p > last) pieces.push(bytes.subarray(last, p));
    last = Math.max(last, p);
  }
  const decoder = new AwsChunkedDecoder({ decodedLength });
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    decoder.on('data', (c: Buffer) => out.push(c));
    decoder.on('error', reject);
    decoder.on('end', () => resolve({ payload: Buffer.concat(out), trailers: decoder.trailers }));
    Readable.from(pieces).pipe(decoder);
  });
}

/** Outcome of decoding that must be either a payload or a framing error. */
async function outcome(bytes: Buffer, cuts: number[], decodedLength?: number): Promise<'ok' | 'framing'> {
  try {
    await decode(bytes, cuts, decodedLength);
    return 'ok';
  } catch (error) {
    if (error instanceof AwsChunkedFramingError) return 'framing';
    throw error;
  }
}

const trailerArb = fc.dictionary(
  fc.stringMatching(/^x-amz-[a-z0-9-]{1,20}$/),
  fc.stringMatching(/^[A-Za-z0-9+/=]{0,40}$/),
  { maxKeys: 3 },
);

const framingArb = fc.record({
  payload: fc.uint8Array({ maxLength: 3000 }),
  chunkSizes: fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }),
  signed: fc.boolean(),
  upperHex: fc.boolean(),
  trailers: trailerArb,
  finalCrlf: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
});

type Framing = typeof framingArb extends fc.Arbitrary<infer T> ? T : never;

/** The framed body for a generated case. */
function encode(f: Framing): Buffer {
  const ext = f.signed ? `;chunk-signature=${'a'.repeat(64)}` : '';
  const parts: Buffer[] = [];
  let offset = 0;
  let i = 0;
  while (offset < f.payload.length) {
    const size = Math.min(f.chunkSizes[i++ % f.chunkSizes.length], f.payload.length - offset);
    const hex = size.toString(16);
    parts.push(Buffer.from(`${f.upperHex ? hex.toUpperCase() : hex}${ext}\r\n`));
    parts.push(Buffer.from(f.payload.subarray(offset, offset + size)));
    parts.push(Buffer.from('\r\n'));
    offset += size;
  }
  parts.push(Buffer.from(`0${ext}\r\n`));
  for (const [name, value] of Object.entries(f.trailers)) parts.push(Buffer.from(`${name}:${value}\r\n`));
  if (f.finalCrlf) parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.constantFrom(
      ...['\r\n', '\r', '\n', ';', 'ZZ', 'ffffffffffffffff', '0\r\n\r\n', ':'].map((s) => Buffer.from(s)),
    ),
  }),
);

type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let b = bytes;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    else if (m.kind === 'replace' && at < b.length) {
      b = Buffer.from(b);
      b[at] = m.byte;
    } else if (m.kind === 'truncate') b = b.subarray(0, at);
  }
  return b;
}

describe('aws-chunked decoder (property-based)', () => {
  it(
    'a valid framing round-trips the payload and trailers exactly, however the bytes are split',
    async () => {
      await fc.assert(
        fc.asyncProperty(framingArb, fc.boolean(), async (f, declare) => {
          const decoded = await decode(encode(f), f.cuts, declare ? f.payload.length : undefined);
          expect(decoded.payload.equals(Buffer.from(f.payload))).toBe(true);
          expect(decoded.trailers).toEqual(f.trailers);
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'a mutated framing yields a payload or an AwsChunkedFramingError, nothing else',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          framingArb,
          fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
          fc.option(fc.nat({ max: 4000 }), { nil: undefined }),
          async (f, mutations, decodedLength) => {
            await outcome(mutate(encode(f), mutations), f.cuts, decodedLength);
          },
        ),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it(
    'random bytes yield a payload or an AwsChunkedFramingError, nothing else',
    async () => {
      const bytesArb = fc.oneof(
        fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
        fc
          .array(
            fc.constantFrom(
              '0',
              '1',
              'a',
              'F',
              'Z',
              ';',
              '=',
              ':',
              '\r',
              '\n',
              '\r\n',
              'x-amz-c',
              ' ',
              'chunk-signature',
            ),
            {
              maxLength: 200,
            },
          )
          .map((tokens) => Buffer.from(tokens.join(''))),
      );
      await fc.assert(
        fc.asyncProperty(bytesArb, fc.array(fc.nat(), { maxLength: 6 }), async (bytes, cuts) => {
          await outcome(bytes, cuts);
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS),
  );

  it('a framing error is an AwsChunkedFramingError with a kind the server maps to a 400 code', async () => {
    await expect(decode(Buffer.from('ZZ\r\n'), [])).rejects.toMatchObject({ kind: 'malformed' });
    await expect(decode(Buffer.from('5\r\nab'), [])).rejects.toMatchObject({ kind: 'truncated' });
    await expect(decode(Buffer.from('2\r\nab\r\n0\r\n\r\n'), [], 3)).rejects.toMatchObject({ kind: 'truncated' });
    await expect(decode(Buffer.from(`${'f'.repeat(20)}\r\n`), [])).rejects.toMatchObject({ kind: 'malformed' });
  });
});
