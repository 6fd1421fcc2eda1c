/**
 * readBody (local/http-body.ts), shared by the S3, Data API and Step Functions servers: the byte
 * limit is enforced as data arrives, a refused body is discarded (bounded) and the server's
 * error response still reaches the client.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, DEFAULT_BODY_LIMIT, discardRest, readBody } from '../../../../local/http-body';

interface Started {
  port: number;
  results: Array<string | Error>;
  close(): Promise<void>;
}

/** A server that answers 200 with the body's length, or 413 on BodyTooLargeError. */
async function start(limit?: number): Promise<Started> {
  const results: Array<string | Error> = [];
  const server = http.createServer((req, res) => {
    readBody(req, limit).then(
      (body) => {
        results.push(body);
        res.end(String(body.length));
      },
      (error: Error) => {
        results.push(error);
        res.writeHead(error instanceof BodyTooLargeError ? 413 : 500);
        res.end(error.name);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    results,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends headers and `first`, then keeps the request open; resolves with the response. */
function post(
  port: number,
  headers: http.OutgoingHttpHeaders,
  write: (req: http.ClientRequest) => void,
): Promise<{ status: number; body: string; req: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, req }));
    });
    req.on('error', reject);
    write(req);
  });
}

describe('readBody limit', () => {
  let server: Started;
  afterEach(async () => {
    await server.close();
  });

  it('reads a body within the limit', async () => {
    server = await start(10);
    const res = await post(server.port, {}, (req) => req.end('0123456789'));
    expect(res).toMatchObject({ status: 200, body: '10' });
  });

  it('rejects as soon as the bytes received pass the limit, without waiting for the end of the body', async () => {
    server = await start(1024);
    const res = await post(server.port, { 'transfer-encoding': 'chunked' }, (req) => {
      req.write(Buffer.alloc(2048, 0x61));
      // never ended: the old readBody waited for 'end' and never answered
    });
    res.req.destroy();
    expect(res).toMatchObject({ status: 413, body: 'BodyTooLargeError' });
    expect(server.results[0]).toBeInstanceOf(BodyTooLargeError);
    expect(server.results[0]).toMatchObject({ limit: 1024, status: 413 });
  });

  it('rejects a declared Content-Length over the limit before reading any of the body', async () => {
    server = await start(1024);
    const res = await post(server.port, { 'content-length': 10_000_000 }, (req) => req.write('x'));
    res.req.destroy();
    expect(res.status).toBe(413);
    expect(server.results[0]).toMatchObject({ name: 'BodyTooLargeError', declaredLength: 10_000_000 });
  });

  it('has a default limit: the servers that call readBody(req) get it without changes', async () => {
    server = await start();
    const piece = Buffer.alloc(1024 * 1024, 0x61);
    const res = await post(server.port, { 'transfer-encoding': 'chunked' }, (req) => {
      let sent = 0;
      const more = () => {
        while (sent < DEFAULT_BODY_LIMIT / piece.length + 4) {
          sent++;
          if (!req.write(piece)) {
            req.once('drain', more);
            return;
          }
        }
        req.end();
      };
      more();
    });
    expect(res.status).toBe(413);
    expect(server.results[0]).toMatchObject({ limit: DEFAULT_BODY_LIMIT });
  });

  it('discards the rest of a refused body so the client, still sending, gets the response', async () => {
    server = await start(100);
    const res = await post(server.port, { 'content-length': 3 * 1024 * 1024 }, (req) => {
      // Declared length fits nothing: refused at once; the client still sends it all.
      req.end(Buffer.alloc(3 * 1024 * 1024));
    });
    expect(res.status).toBe(413);
  });

  it('discardRest cuts a client that keeps sending past its byte bound', async () => {
    const server2 = http.createServer((req, res) => {
      discardRest(req, { maxBytes: 1024, maxMs: 5000 });
      req.on('close', () => res.destroy());
    });
    await new Promise<void>((resolve) => server2.listen(0, '127.0.0.1', resolve));
    const port = (server2.address() as AddressInfo).port;
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        headers: { 'transfer-encoding': 'chunked' },
      });
      req.on('error', (e) => resolve(e.message));
      req.on('response', () => resolve('response'));
      const timer = setInterval(() => req.write(Buffer.alloc(4096)), 5);
      req.on('close', () => clearInterval(timer));
    });
    expect(outcome).toMatch(/socket hang up|ECONNRESET|EPIPE/);
    await new Promise<void>((resolve) => {
      server2.close(() => resolve());
      server2.closeAllConnections();
    });
    server = await start();
  });
});
