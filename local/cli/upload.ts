import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Every file under `dir`, as bucket keys (paths relative to dir, '/'-separated), sorted. */
export function listFiles(dir: string): Array<{ path: string; key: string }> {
  const out: Array<{ path: string; key: string }> = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: full, key: relative(dir, full).split(sep).join('/') });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Deterministic Fisher-Yates with a seeded LCG, so `--shuffle SEED` reproduces an order. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = (seed >>> 0) || 1;
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

/**
 * The upload loop, run in a worker thread: the SDK's per-request work (signing, checksums,
 * middleware) then runs on the second core while this thread serves S3 and the pipeline. Plain
 * JavaScript evaluated in the worker, so it runs the same from sources, jest and the bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { S3Client, PutObjectCommand } = require(workerData.sdkPath);
const s3 = new S3Client({
  region: 'us-east-1', endpoint: workerData.endpoint, forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const files = workerData.files;
const results = new Array(files.length);
let next = 0, done = 0;
async function worker() {
  while (next < files.length) {
    const i = next++;
    const out = await s3.send(new PutObjectCommand({ Bucket: workerData.bucket, Key: files[i].key, Body: readFileSync(files[i].path) }));
    results[i] = { key: files[i].key, etag: String(out.ETag || '').replace(/"/g, '') };
    if (++done % 100 === 0 || done === files.length) parentPort.postMessage({ progress: done });
  }
}
Promise.all(Array.from({ length: Math.min(workerData.concurrency, files.length) }, worker)).then(
  () => parentPort.postMessage({ results }),
  (err) => parentPort.postMessage({ error: String((err && err.stack) || err) }),
);
`;

/** PUTs the files through the S3 API at `endpoint` (any S3 server), from a worker thread. */
export function uploadFiles(
  endpoint: string,
  bucket: string,
  files: ReadonlyArray<{ path: string; key: string }>,
  opts: UploadOptions = {},
): Promise<UploadedFile[]> {
  if (files.length === 0) return Promise.resolve([]);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sdkPath: require.resolve('@aws-sdk/client-s3'), endpoint, bucket, files, concurrency: opts.concurrency ?? 32 },
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
