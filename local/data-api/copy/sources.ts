import type { CopyCommand } from './copy-command';
import { decompress } from './decompress';
import { CopySourceError } from './errors';
import type { CopyContext, LoadErrorRow } from './types';

/** One data file a COPY will read, in load order. */
export interface SourceFile {
  url: string;
  bucket: string;
  key: string;
  mandatory: boolean;
}

/** Split s3://bucket/key; null when the URL is not of that shape. */
export function parseS3Url(url: string): { bucket: string; key: string } | null {
  // `[\s\S]`, not `.`: S3 keys may hold newlines (any valid UTF-8), and `.` stops at them.
  const m = /^s3:\/\/([^/]+)\/?([\s\S]*)$/.exec(url);
  return m ? { bucket: m[1], key: m[2] } : null;
}

/** Load error 8001 for a manifest entry that does not name one object. */
export function notFullPathError(url: string): LoadErrorRow {
  return {
    fileName: url,
    lineNumber: 0,
    columnName: '',
    columnType: '',
    columnLength: '0',
    position: 0,
    rawLine: '',
    rawFieldValue: url,
    errorCode: 8001,
    errorMessage: 'COPY with MANIFEST parameter requires full path of an S3 object',
  };
}

/**
 * The files of a COPY: without MANIFEST every key under the FROM prefix (key order, "folder"
 * placeholders skipped); with MANIFEST the manifest entries in manifest order (duplicates load
 * twice). Entries that are not an object path come back as 8001 load errors.
 * @throws CopySourceError for an empty prefix or a missing/malformed manifest
 */
export async function resolveSourceFiles(
  cmd: CopyCommand,
  ctx: CopyContext,
): Promise<{ files: SourceFile[]; entryErrors: LoadErrorRow[] }> {
  const from = parseS3Url(cmd.from);
  if (!from?.bucket) throw new CopySourceError(`Invalid S3 location '${cmd.from}'`);
  if (!cmd.manifest) {
    const keys = (await ctx.listObjects(from.bucket, from.key))
      .filter((o) => !(o.size === 0 && o.key.endsWith('/')))
      .map((o) => o.key)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) throw new CopySourceError(`The specified S3 prefix '${from.key}' does not exist`);
    const files = keys.map((key) => ({ url: `s3://${from.bucket}/${key}`, bucket: from.bucket, key, mandatory: true }));
    return { files, entryErrors: [] };
  }
  const body = await ctx.getObject(from.bucket, from.key);
  if (body === null)
    throw new CopySourceError(`Problem reading manifest file - the manifest '${cmd.from}' does not exist`);
  const entries = parseManifest(body, cmd.from);
  const files: SourceFile[] = [];
  const entryErrors: LoadErrorRow[] = [];
  for (const e of entries) {
    const loc = parseS3Url(e.url);
    if (!loc?.bucket || loc.key === '' || loc.key.endsWith('/')) entryErrors.push(notFullPathError(e.url));
    else files.push({ url: e.url, bucket: loc.bucket, key: loc.key, mandatory: e.mandatory });
  }
  return { files, entryErrors };
}

function parseManifest(body: Buffer, url: string): Array<{ url: string; mandatory: boolean }> {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CopySourceError(`Manifest file is not in correct json format ('${url}')`);
  }
  const entries = (doc as { entries?: unknown })?.entries;
  if (!Array.isArray(entries))
    throw new CopySourceError(`Manifest file is not in correct json format ('${url}'): "entries" must be an array`);
  return entries.map((e: unknown) => {
    const entry = e as { url?: unknown; mandatory?: unknown };
    if (typeof entry?.url !== 'string')
      throw new CopySourceError(`Manifest file is not in correct json format ('${url}'): every entry needs a "url"`);
    if (entry.mandatory !== undefined && typeof entry.mandatory !== 'boolean') {
      throw new CopySourceError(
        `Manifest file is not in correct json format ('${url}'): "mandatory" must be true or false`,
      );
    }
    return { url: entry.url, mandatory: entry.mandatory === true };
  });
}

/** Read one data file and undo its compression; null when the object does not exist. */
export async function fetchDataFile(file: SourceFile, cmd: CopyCommand, ctx: CopyContext): Promise<Buffer | null> {
  const body = await ctx.getObject(file.bucket, file.key);
  return body === null ? null : decompress(body, cmd.compression, file.url);
}

/**
 * Fetch up to `concurrency` files ahead but hand them to `visit` strictly in list order, so
 * loading (and error attribution) is deterministic while S3 latency overlaps.
 */
export async function forEachInOrder<T, R>(
  items: T[],
  fetch: (item: T) => Promise<R>,
  concurrency: number,
  visit: (item: T, result: R) => Promise<void> | void,
): Promise<void> {
  const pending = new Map<number, Promise<R>>();
  const start = (i: number): void => {
    if (i >= items.length) return;
    const p = fetch(items[i]);
    p.catch(() => undefined); // awaited below in order; avoid an unhandled-rejection warning meanwhile
    pending.set(i, p);
  };
  for (let i = 0; i < Math.min(concurrency, items.length); i++) start(i);
  for (let i = 0; i < items.length; i++) {
    const result = await (pending.get(i) as Promise<R>);
    pending.delete(i);
    start(i + concurrency);
    await visit(items[i], result);
  }
}
