/**
 * Writes many small files quickly: each folder is created once (parents
 * before children), then files are written with a bounded number of writes in
 * flight. 15k song files would otherwise spend most of their time in
 * redundant recursive mkdir calls or exhaust file descriptors.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** A file to write, `rel` relative to the output folder with "/" separators. */
export interface OutputFile {
  rel: string;
  data: string;
}

/** Runs `fn` over `items` with at most `limit` calls pending, in item order. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, Math.min(limit, items.length)); i++) workers.push(worker());
  await Promise.all(workers);
}

/** Every folder the files need, including intermediate ones, shallowest first. */
function foldersOf(files: readonly OutputFile[]): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    let d = path.posix.dirname(f.rel);
    while (d !== '.' && d !== '/' && !dirs.has(d)) {
      dirs.add(d);
      d = path.posix.dirname(d);
    }
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
}

/**
 * Writes `files` under `root` (created if missing); returns the bytes written.
 * Files are issued in sorted order; the output does not depend on timing.
 */
export async function writeAll(root: string, files: OutputFile[], concurrency: number): Promise<number> {
  await mkdir(root, { recursive: true });
  const dirs = foldersOf(files);
  // Group by depth so a folder's parent always exists before it is created.
  const byDepth = new Map<number, string[]>();
  for (const d of dirs) {
    const depth = d.split('/').length;
    const list = byDepth.get(depth);
    if (list) list.push(d);
    else byDepth.set(depth, [d]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await forEachBounded(byDepth.get(depth) as string[], concurrency, async (d) => {
      // recursive: true only to tolerate folders left by an earlier run.
      await mkdir(path.join(root, d), { recursive: true });
    });
  }
  const sorted = files.slice().sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  let bytes = 0;
  await forEachBounded(sorted, concurrency, async (f) => {
    const buf = Buffer.from(f.data, 'utf8');
    bytes += buf.length;
    await writeFile(path.join(root, f.rel), buf);
  });
  return bytes;
}
