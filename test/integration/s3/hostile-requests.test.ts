/**
 * The local S3 server survives hostile requests: broken aws-chunked framing, quadratic-parser
 * XML, oversized bodies, foreign Host/Origin, missing integrity headers, over-long keys and
 * invalid character references. Each answers S3's 4xx `<Error>`, stores nothing, and the server
 * keeps serving.
 */

import type * as http from 'node:http';
import { crc32 } from 'node:zlib';
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { startS3Server } from '../../../local/s3/server';
import { chunkedHeaders, md5Base64, type RawResponse, raw, snapshotFiles } from './raw-http';
import { BUCKET, type LocalS3, startLocalS3, tempDir } from './s3-test-kit';

let s3: LocalS3;

beforeAll(async () => {
  s3 = await startLocalS3();
});

afterAll(async () => {
  await s3.close();
});

/** The server still serves: a PUT and a GET of a small object through the SDK. */
async function expectAlive(): Promise<void> {
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'alive.txt', Body: 'still here' }));
  const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'alive.txt' }));
  expect(await got.Body?.transformToString()).toBe('still here');
}

function expectError(res: RawResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.code }).toEqual({ status, code });
  expect(res.body).toMatch(/^<\?xml[^>]*>\n<Error><Code>/);
}

async function sdkError(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return { name: error.name, status: error.$metadata.httpStatusCode };
    throw error;
  }
  throw new Error('expected the call to fail');
}

const put = (key: string, framed: string, extra = {}) =>
  raw(s3.server.endpoint, {
    method: 'PUT',
    path: `/${BUCKET}/${key}`,
    headers: chunkedHeaders(framed, extra),
    body: framed,
  });

describe('aws-chunked bodies with broken framing', () => {
  const cases: Array<[string, string, string]> = [
    ['a chunk size that is not hex', 'ZZ\r\nabc\r\n0\r\n\r\n', 'InvalidRequest'],
    ['chunk data not followed by CRLF', '3\r\nabcX\r\n0\r\n\r\n', 'InvalidRequest'],
    ['a chunk-size line that never ends', `3${'f'.repeat(5000)}`, 'InvalidRequest'],
    ['a body that ends mid-chunk', 'a\r\nabc', 'IncompleteBody'],
    ['a body that ends before the last chunk', '3\r\nabc\r\n', 'IncompleteBody'],
  ];

  it.each(cases)(
    'PutObject with %s answers 400 %s, stores nothing, and the server keeps serving',
    async (_what, framed, code) => {
      const before = snapshotFiles(s3.rootDir);
      expectError(await put('hostile/put.bin', framed), 400, code);
      expect(s3.server.store.head(BUCKET, 'hostile/put.bin')).toBeUndefined();
      expect(snapshotFiles(s3.rootDir)).toEqual(before);
      await expectAlive();
    },
  );

  it('PutObject whose decoded length differs from x-amz-decoded-content-length answers 400 IncompleteBody', async () => {
    const res = await put('hostile/short.bin', '3\r\nabc\r\n0\r\n\r\n', { 'x-amz-decoded-content-length': '10' });
    expectError(res, 400, 'IncompleteBody');
    expect(s3.server.store.head(BUCKET, 'hostile/short.bin')).toBeUndefined();
  });

  it('PutObject with bad framing to a missing bucket answers NoSuchBucket (the body is never read)', async () => {
    const framed = 'ZZ\r\nabc\r\n0\r\n\r\n';
    const res = await raw(s3.server.endpoint, {
      method: 'PUT',
      path: '/no-such-bucket/k',
      headers: chunkedHeaders(framed),
      body: framed,
    });
    expectError(res, 404, 'NoSuchBucket');
    await expectAlive();
  });

  it('UploadPart with bad framing answers 400, leaves no part behind, and the upload still completes', async () => {
    const key = 'hostile/multipart.bin';
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const before = snapshotFiles(s3.rootDir);
    for (const framed of ['ZZ\r\nabc\r\n0\r\n\r\n', '5\r\nab']) {
      const res = await raw(s3.server.endpoint, {
        method: 'PUT',
        path: `/${BUCKET}/${key}?partNumber=1&uploadId=${UploadId}`,
        headers: chunkedHeaders(framed),
        body: framed,
      });
      expect(res.status).toBe(400);
      expect(['InvalidRequest', 'IncompleteBody']).toContain(res.code);
    }
    expect(snapshotFiles(s3.rootDir)).toEqual(before);
    const complete = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>`;
    const res = await raw(s3.server.endpoint, {
      method: 'POST',
      path: `/${BUCKET}/${key}?uploadId=${UploadId}`,
      body: complete,
    });
    expectError(res, 400, 'InvalidPart');
    await expectAlive();
  });

  it('a client that disconnects mid-body leaves nothing behind', async () => {
    const before = snapshotFiles(s3.rootDir);
    await new Promise<void>((resolve) => {
      raw(s3.server.endpoint, {
        method: 'PUT',
        path: `/${BUCKET}/hostile/aborted.bin`,
        headers: chunkedHeaders('x'.repeat(1000)),
        body: (req) => {
          req.write('3e8\r\nabc');
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 50);
        },
      }).catch(() => undefined);
    });
    await expectAlive();
    const after = snapshotFiles(s3.rootDir);
    const added = Object.keys(after).filter((f) => !(f in before) && !f.includes('objects'));
    expect(added).toEqual([]);
    expect(s3.server.store.head(BUCKET, 'hostile/aborted.bin')).toBeUndefined();
  });
});

const deleteRequest = (body: Buffer | string, headers: Record<string, string | number> = {}) =>
  raw(s3.server.endpoint, {
    method: 'POST',
    path: `/${BUCKET}?delete`,
    headers: { 'content-md5': md5Base64(body), ...headers },
    body,
  });

describe('XML request bodies', () => {
  it('a 400 KB DeleteObjects body of unclosed <Object> tags answers 400 MalformedXML (linear-time reader)', async () => {
    const body = `<Delete>${'<Object>'.repeat(50_000)}`;
    expectError(await deleteRequest(body), 400, 'MalformedXML');
    await expectAlive();
  });

  it('a DeleteObjects body that is not XML answers 400 MalformedXML', async () => {
    expectError(await deleteRequest('this is not xml'), 400, 'MalformedXML');
    expectError(await deleteRequest(''), 400, 'MalformedXML');
    expectError(await deleteRequest('<Delete><Object><Key>a</Key></Object>'), 400, 'MalformedXML');
    expectError(await deleteRequest(Buffer.from([0x3c, 0x44, 0xff, 0xfe])), 400, 'MalformedXML');
  });

  it('more than 1000 keys answers 400 MalformedXML', async () => {
    const body = `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`;
    expectError(await deleteRequest(body), 400, 'MalformedXML');
  });

  it.each(['&#x110000;', '&#0;', '&#xD800;', '&bogus;', '&#xZZ;', '& '])(
    'an invalid reference %s in a key answers 400 MalformedXML, not 500',
    async (ref) => {
      const body = `<Delete><Object><Key>a${ref}b</Key></Object></Delete>`;
      expectError(await deleteRequest(body), 400, 'MalformedXML');
    },
  );

  it('an invalid reference in CompleteMultipartUpload answers 400 MalformedXML', async () => {
    const key = 'hostile/complete-ref.bin';
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    for (const body of [
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&#x110000;</ETag></Part></CompleteMultipartUpload>',
      `<CompleteMultipartUpload>${'<Part>'.repeat(50_000)}`,
      'not xml at all',
      '<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
    ]) {
      const res = await raw(s3.server.endpoint, {
        method: 'POST',
        path: `/${BUCKET}/${key}?uploadId=${UploadId}`,
        body,
      });
      expectError(res, 400, 'MalformedXML');
    }
  });

  it('the SDK still deletes keys with XML-special, control and non-ASCII characters', async () => {
    const keys = ['a&b<c>"d\'.txt', 'line\r\nbreak\rcr.txt', 'ctrl\u0001\u001f.txt', 'été 日本 🎉.txt', 'tab\tkey '];
    for (const Key of keys) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }));
    const out = await s3.client.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
    );
    expect(out.Deleted?.map((d) => d.Key).sort()).toEqual([...keys].sort());
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const left = (listed.Contents ?? []).map((c) => c.Key);
    for (const key of keys) expect(left).not.toContain(key);
  });
});

describe('request body limits', () => {
  it('a DeleteObjects body over 8 MiB, streamed without Content-Length, answers 400 MaxMessageLengthExceeded', async () => {
    const res = await raw(s3.server.endpoint, {
      method: 'POST',
      path: `/${BUCKET}?delete`,
      headers: { 'content-md5': md5Base64('x'), 'transfer-encoding': 'chunked' },
      body: (req) => {
        const piece = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 12) {
            sent++;
            if (!req.write(piece)) {
              req.once('drain', more);
              return;
            }
          }
          req.end();
        };
        more();
      },
    });
    expectError(res, 400, 'MaxMessageLengthExceeded');
    await expectAlive();
  });

  it('a declared Content-Length over the limit is refused before the body is read', async () => {
    let held: http.ClientRequest | undefined;
    const res = await raw(s3.server.endpoint, {
      method: 'POST',
      path: `/${BUCKET}?delete`,
      headers: { 'content-md5': md5Base64('x'), 'content-length': 64 * 1024 * 1024 },
      // Send a little and never the rest: the answer must not wait for it.
      body: (req) => {
        req.write('<Delete>');
        held = req;
      },
    });
    held?.destroy();
    expectError(res, 400, 'MaxMessageLengthExceeded');
    await expectAlive();
  });
});

describe('declared sizes over S3 limits', () => {
  it('a PutObject or UploadPart declaring more than 5 GiB answers 400 EntityTooLarge before reading the body', async () => {
    const { UploadId } = await s3.client.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'hostile/huge-part.bin' }),
    );
    for (const path of [
      `/${BUCKET}/hostile/huge.bin`,
      `/${BUCKET}/hostile/huge-part.bin?partNumber=1&uploadId=${UploadId}`,
    ]) {
      let held: http.ClientRequest | undefined;
      const res = await raw(s3.server.endpoint, {
        method: 'PUT',
        path,
        headers: { 'content-length': 6 * 1024 ** 3 },
        body: (req) => {
          req.write('x');
          held = req;
        },
      });
      held?.destroy();
      expectError(res, 400, 'EntityTooLarge');
    }
    const framed = '1\r\nx\r\n0\r\n\r\n';
    const res = await put('hostile/huge-chunked.bin', framed, {
      'x-amz-decoded-content-length': String(6 * 1024 ** 3),
    });
    expectError(res, 400, 'EntityTooLarge');
    expect(s3.server.store.head(BUCKET, 'hostile/huge.bin')).toBeUndefined();
    await expectAlive();
  });
});

describe('Host and Origin guard', () => {
  const get = (headers: Record<string, string>) =>
    raw(s3.server.endpoint, { method: 'GET', path: `/${BUCKET}?list-type=2`, headers });

  it.each(['evil.example', 'evil.example:80', '10.0.0.1', '[::2]:9000', 'localhost.evil.example', '127.0.0.1.nip.io'])(
    'refuses Host %s (DNS rebinding) with 403 AccessDenied',
    async (host) => {
      expectError(await get({ host }), 403, 'AccessDenied');
    },
  );

  it.each(['localhost', 'localhost:4566', '127.0.0.1', '127.1.2.3:80', '[::1]:9000', 'LOCALHOST:1'])(
    'serves Host %s',
    async (host) => {
      expect((await get({ host })).status).toBe(200);
    },
  );

  it('refuses a browser Origin with 403 AccessForbidden unless configured', async () => {
    expectError(await get({ origin: 'https://evil.example' }), 403, 'AccessForbidden');
    expectError(await get({ origin: 'null' }), 403, 'AccessForbidden');
    const other = await startS3Server({
      rootDir: tempDir(),
      buckets: [BUCKET],
      allowedOrigins: ['http://localhost:3000'],
    });
    try {
      const ok = await raw(other.endpoint, {
        method: 'GET',
        path: `/${BUCKET}?list-type=2`,
        headers: { origin: 'http://localhost:3000' },
      });
      expect(ok.status).toBe(200);
      expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      const preflight = await raw(other.endpoint, {
        method: 'OPTIONS',
        path: `/${BUCKET}/k`,
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PUT' },
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
      const refused = await raw(other.endpoint, {
        method: 'GET',
        path: `/${BUCKET}?list-type=2`,
        headers: { origin: 'http://localhost:3001' },
      });
      expectError(refused, 403, 'AccessForbidden');
    } finally {
      await other.stop();
    }
  });
});

describe('DeleteObjects integrity headers', () => {
  const body = '<Delete><Object><Key>nothing-here</Key></Object><Quiet>true</Quiet></Delete>';
  const crc32Base64 = (text: string) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc32(text) >>> 0);
    return b.toString('base64');
  };
  const post = (headers: Record<string, string>) =>
    raw(s3.server.endpoint, { method: 'POST', path: `/${BUCKET}?delete`, headers, body });

  it('without Content-MD5 or x-amz-checksum-* answers 400 InvalidRequest', async () => {
    const res = await post({});
    expectError(res, 400, 'InvalidRequest');
    expect(res.body).toContain('Missing required header for this request: Content-MD5');
  });

  it('verifies Content-MD5 and x-amz-checksum-* when present (400 BadDigest on mismatch)', async () => {
    expectError(await post({ 'content-md5': md5Base64('other') }), 400, 'BadDigest');
    expectError(await post({ 'content-md5': 'not-an-md5' }), 400, 'InvalidDigest');
    expectError(await post({ 'x-amz-checksum-crc32': crc32Base64('other') }), 400, 'BadDigest');
    expect((await post({ 'content-md5': md5Base64(body) })).status).toBe(200);
    expect((await post({ 'x-amz-checksum-crc32': crc32Base64(body) })).status).toBe(200);
  });

  it('the SDK sends a checksum DeleteObjects accepts', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sdk-delete.txt', Body: 'x' }));
    const out = await s3.client.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'sdk-delete.txt' }] } }),
    );
    expect(out.Deleted?.[0]?.Key).toBe('sdk-delete.txt');
  });
});

describe('keys over 1024 bytes', () => {
  const long = 'k'.repeat(1025);
  const longUtf8 = 'é'.repeat(513); // 1026 bytes, 513 characters

  it('PutObject answers 400 KeyTooLongError (UTF-8 bytes count) and stores nothing', async () => {
    for (const Key of [long, longUtf8]) {
      expect(await sdkError(s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' })))).toEqual({
        name: 'KeyTooLongError',
        status: 400,
      });
      expect(s3.server.store.head(BUCKET, Key)).toBeUndefined();
    }
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k'.repeat(1024), Body: 'x' }));
  });

  it('CopyObject to a long key and CreateMultipartUpload of one answer 400 KeyTooLongError', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'copy-source.txt', Body: 'x' }));
    expect(
      await sdkError(
        s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: long, CopySource: `${BUCKET}/copy-source.txt` })),
      ),
    ).toEqual({ name: 'KeyTooLongError', status: 400 });
    expect(await sdkError(s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: longUtf8 })))).toEqual(
      { name: 'KeyTooLongError', status: 400 },
    );
    await expectAlive();
  });
});
