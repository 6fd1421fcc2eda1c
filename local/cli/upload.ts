import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';

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

/**
 * PUTs the files through the S3 API (the local server or any S3 endpoint), `concurrency` at a
 * time, reporting progress; returns key + ETag of each PUT.
 */
export async function uploadFiles(
  s3: S3Client,
  bucket: string,
  files: ReadonlyArray<{ path: string; key: string }>,
  opts: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<UploadedFile[]> {
  const results: UploadedFile[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const body = readFileSync(files[i].path);
      const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: files[i].key, Body: body }));
      const etag = (out.ETag ?? createHash('md5').update(body).digest('hex')).replace(/"/g, '');
      results[i] = { key: files[i].key, etag };
      opts.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 16, files.length) }, worker));
  return results;
}
