/**
 * Property-based test of the S3 request router over real HTTP: random methods, paths, query
 * strings, headers and bodies (including aws-chunked framings and XML) against a started server.
 * Every request gets a response: status < 500, or a 501 NotImplemented; every error status
 * carries a well-formed S3 `<Error>` (HEAD aside); never InternalError. Afterwards the server
 * still serves a normal GET. Connections are kept alive, so an error that left a body unread
 * would stall the next request.
 */
import * as http from 'node:http';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { BUCKET, type LocalS3, startLocalS3 } from '../integration/s3/s3-test-kit';
import { fuzzParams, fuzzTimeout } from './fuzz-config';

const RUNS = 150;
const CANARY = 'canary/keep.txt';

let s3: LocalS3;
let agent: http.Agent;

beforeAll(async () => {
  s3 = await startLocalS3();
  agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: CANARY, Body: 'canary' }));
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'seed.txt', Body: 'seed body' }));
});

afterAll(async () => {
  agent.destroy();
  await s3.close();
});

interface Response {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Response> {
  const url = new URL(s3.server.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        // Explicit length: Node's client sends a GET/OPTIONS/DELETE body unframed otherwise.
        headers: { ...headers, 'content-length': String(body.length) },
        agent,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no response to ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const printable = (max: number) => fc.string({ unit: 'grapheme-ascii', maxLength: max });
/** Visible ASCII (legal in a header value). */
const headerValue = fc.oneof(
  printable(40).map((s) => s.replace(/[^\x20-\x7e]/g, 'x')),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '99999999999999999999',
    'aws-chunked',
    'gzip, aws-chunked',
    'bytes=0-1',
    'bytes=-5',
    '*',
  ),
);

const segment = fc.oneof(
  fc.constantFrom(BUCKET, 'seed.txt', 'other-bucket', 'a', '..', '.', '', '%', '%zz', '%2F', '%00', '%C3%A9', '%FF'),
  printable(20).map((s) => encodeURIComponent(s)),
  fc.string({ unit: 'binary', maxLength: 10 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, 'x'))),
);

const pathArb = fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`.replace(/^\/canary/, '/x'));

const queryArb = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'uploads',
        'uploadId',
        'partNumber',
        'delete',
        'list-type',
        'max-keys',
        'continuation-token',
        'prefix',
        'delimiter',
        'encoding-type',
        'start-after',
        'marker',
        'location',
        'acl',
        'versionId',
        'x-id',
        'tagging',
      ),
      fc.option(fc.oneof(fc.constantFrom('1', '2', '0', '-1', '10001', 'url', 'abc', ''), printable(10)), {
        nil: undefined,
      }),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.length === 0
      ? ''
      : `?${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${encodeURIComponent(v)}`)).join('&')}`,
  );

const headerNames = [
  'content-encoding',
  'x-amz-content-sha256',
  'x-amz-decoded-content-length',
  'content-md5',
  'x-amz-checksum-crc32',
  'x-amz-checksum-sha256',
  'x-amz-copy-source',
  'x-amz-copy-source-range',
  'x-amz-metadata-directive',
  'range',
  'if-match',
  'if-none-match',
  'content-type',
  'x-amz-meta-a',
  'origin',
  'host',
];

const headersArb = fc
  .dictionary(fc.constantFrom(...headerNames), headerValue, { maxKeys: 6 })
  .chain((h) =>
    fc.record({
      headers: fc.constant(h),
      chunked: fc.boolean(),
      copyFromSeed: fc.boolean(),
    }),
  )
  .map(({ headers, chunked, copyFromSeed }) => {
    const out: Record<string, string> = { ...headers };
    // Mostly loopback, so that requests get past the guard and reach the router.
    if (out.host !== undefined && !out.host.startsWith('127')) delete out.host;
    if (chunked) {
      out['content-encoding'] = 'aws-chunked';
      out['x-amz-content-sha256'] = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
    }
    if (copyFromSeed) out['x-amz-copy-source'] = `${BUCKET}/seed.txt`;
    return out;
  });

const bodyArb = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
  fc
    .array(fc.constantFrom('0', '3', 'a', 'ZZ', ';', '\r\n', 'abc', 'x-amz-checksum-crc32:AAAAAA==', ':'), {
      maxLength: 20,
    })
    .map((t) => Buffer.from(t.join(''))),
  fc
    .array(
      fc.constantFrom(
        '<Delete>',
        '</Delete>',
        '<Object>',
        '</Object>',
        '<Key>',
        '</Key>',
        'k',
        '&#x110000;',
        '&amp;',
        '<Part>',
        '<PartNumber>1</PartNumber>',
        '<ETag>x</ETag>',
        '</Part>',
        '<CompleteMultipartUpload>',
        '</CompleteMultipartUpload>',
      ),
      { maxLength: 30 },
    )
    .map((t) => Buffer.from(t.join(''))),
);

const methodArb = fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'PROPFIND');

describe('S3 router (property-based, over HTTP)', () => {
  it(
    'answers every request with a 4xx, a success, or a well-formed 501; never an InternalError',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          methodArb,
          pathArb,
          queryArb,
          headersArb,
          bodyArb,
          async (method, path, query, headers, body) => {
            const res = await send(method, path + query, headers, body);
            const where = `${method} ${path}${query} -> ${res.status} ${res.body.slice(0, 300)}`;
            expect({ where, ok: res.status < 500 || res.status === 501 }).toEqual({ where, ok: true });
            if (res.status >= 400 && method !== 'HEAD' && res.status !== 431) {
              expect({ where, ok: /^<\?xml[^>]*>\n<Error><Code>[A-Za-z]+<\/Code><Message>/.test(res.body) }).toEqual({
                where,
                ok: true,
              });
            }
          },
        ),
        fuzzParams(RUNS),
      );
      const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: CANARY }));
      expect(await got.Body?.transformToString()).toBe('canary');
    },
    fuzzTimeout(RUNS, 40),
  );
});
