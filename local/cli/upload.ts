import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { STACK_ADMIN_KEY } from '../stack-iam';

/**
 * Every file under `dir`, as bucket keys (paths relative to dir, '/'-separated), sorted. Folders
 * are read concurrently: song data is thousands of small folders.
 */
export async function listFiles(dir: string): Promise<Array<{ path: string; key: string }>> {
  const out: Array<{ path: string; key: string }> = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    const subdirs: Promise<void>[] = [];
    for (const entry of entries) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) subdirs.push(walk(full));
      else if (entry.isFile()) out.push({ path: full, key: relative(dir, full).split(sep).join('/') });
    }
    await Promise.all(subdirs);
  };
  await walk(dir);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Deterministic Fisher-Yates with a seeded LCG, so `--shuffle SEED` reproduces an order. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface UploadedFile {
  key: string;
  etag: string;
}

export interface UploadOptions {
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** A SigV4-shaped header naming the stack's administrator key (signatures are not verified locally). */
const ADMIN_AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=${STACK_ADMIN_KEY}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`;

/**
 * The upload loop, run in a worker thread so it does not compete with the stack's main thread.
 * Each file is one S3 PutObject (`PUT /<bucket>/<key>`, path style) on keep-alive connections.
 * Unsigned: the local server ignores auth, and the SDK's per-request work (signing, checksums,
 * endpoint rules) cost more than the server itself. Plain JavaScript evaluated in the worker, so
 * it runs the same from sources, jest and the bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const http = require('node:http');
const url = new URL(workerData.endpoint);
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
const encodeKey = (key) => key.split('/').map(encodeURIComponent).join('/');
function put(file) {
  const body = readFileSync(file.path);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, agent, method: 'PUT',
      path: '/' + encodeURIComponent(workerData.bucket) + '/' + encodeKey(file.key),
      // Signed by the stack's administrator (local/stack-iam.ts): the local S3 server reads the key only.
      headers: { 'content-length': body.length, 'content-type': 'application/octet-stream', authorization: workerData.authorization },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => res.statusCode === 200
        ? resolve(String(res.headers.etag || '').replace(/"/g, ''))
        : reject(new Error('PUT ' + file.key + ': HTTP ' + res.statusCode + ' ' + Buffer.concat(chunks).toString())));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const files = workerData.files;
const results = new Array(files.length);
let next = 0, done = 0;
async function worker() {
  while (next < files.length) {
    const i = next++;
    results[i] = { key: files[i].key, etag: await put(files[i]) };
    if (++done % 100 === 0 || done === files.length) parentPort.postMessage({ progress: done });
  }
}
Promise.all(Array.from({ length: Math.min(workerData.concurrency, files.length) }, worker)).then(
  () => { agent.destroy(); parentPort.postMessage({ results }); },
  (err) => parentPort.postMessage({ error: String((err && err.stack) || err) }),
);
`;

/** PUTs the files into the local S3 server at `endpoint`, from a worker thread. */
export function uploadFiles(
  endpoint: string,
  bucket: string,
  files: ReadonlyArray<{ path: string; key: string }>,
  opts: UploadOptions = {},
): Promise<UploadedFile[]> {
  if (files.length === 0) return Promise.resolve([]);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { endpoint, bucket, files, concurrency: opts.concurrency ?? 16, authorization: ADMIN_AUTHORIZATION },
  });
  return new Promise<UploadedFile[]>((resolve, reject) => {
    worker.on('message', (m: { progress?: number; results?: UploadedFile[]; error?: string }) => {
      if (m.progress !== undefined) opts.onProgress?.(m.progress, files.length);
      if (m.results) resolve(m.results);
      if (m.error) reject(new Error(`upload failed: ${m.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`upload worker exited with code ${code}`)));
  }).finally(() => void worker.terminate());
}
