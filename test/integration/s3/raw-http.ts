/** Raw HTTP against the local S3 server, for requests the SDK will not send (hostile framing, headers). */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** `<Code>` of an `<Error>` body, if any. */
  code?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  /** Whole body, or a writer for a streamed one (it must end the request). */
  body?: Buffer | string | ((req: http.ClientRequest) => void);
}

/** Sends one request on a fresh connection; resolves with the response or rejects on a socket error. */
export function raw(endpoint: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const { body } = request;
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

/** An aws-chunked PUT/UploadPart header set for a framed body. */
export function chunkedHeaders(
  framed: Buffer | string,
  extra: http.OutgoingHttpHeaders = {},
): http.OutgoingHttpHeaders {
  return {
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    'content-length': Buffer.byteLength(framed),
    ...extra,
  };
}

export function md5Base64(body: Buffer | string): string {
  return createHash('md5').update(body).digest('base64');
}

/** Every file under `dir` with its size: equal snapshots mean nothing was written or left behind. */
export function snapshotFiles(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.statSync(full).size;
    }
  };
  walk(dir);
  return out;
}
