/**
 * Objects of the local S3 server on a folder, persisted across restarts.
 *
 * Layout: `<root>/<bucket>/objects/<2 hex>/<sha256(key)>` holds the bytes (keys may contain
 * anything S3 allows, so they never become paths), and `<root>/<bucket>/index.jsonl` is an
 * append-only log of puts and deletes with each object's metadata, replayed at open. Bytes are
 * written to a temp file and renamed, then the index line is appended in the same tick, so a
 * reader never sees half an object.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { BucketIndex, type IndexEntry } from './bucket-index';
import { NoSuchBucketError, NoSuchKeyError, S3Error } from './errors';
import { type ListOptions, type ListResult, listKeys } from './list-keys';
import type { ObjectMeta, PutOptions } from './object-meta';
import { type Body, writeHashed } from './write-hashed';

export type { Body } from './write-hashed';

const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export class ObjectStore {
  private readonly buckets = new Map<string, BucketIndex>();
  private readonly tmpDir: string;

  private constructor(readonly rootDir: string) {
    this.tmpDir = path.join(rootDir, '.tmp');
  }

  /** Opens (or creates) a store on `rootDir` and loads every bucket's index. */
  static open(rootDir: string): ObjectStore {
    fs.mkdirSync(rootDir, { recursive: true });
    const store = new ObjectStore(rootDir);
    fs.rmSync(store.tmpDir, { recursive: true, force: true });
    fs.mkdirSync(store.tmpDir, { recursive: true });
    for (const entry of fs.readdirSync(rootDir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        const bucket = BucketIndex.load(path.join(rootDir, entry.name), entry.name);
        if (bucket) store.buckets.set(entry.name, bucket);
      }
    }
    return store;
  }

  /** Creates a bucket; false when it already exists. */
  createBucket(name: string): boolean {
    if (this.buckets.has(name)) return false;
    this.buckets.set(name, BucketIndex.create(path.join(this.rootDir, name), name));
    return true;
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  /** Deletes an empty bucket; false when it holds objects. */
  deleteBucket(name: string): boolean {
    const bucket = this.bucket(name);
    if (bucket.keys.size > 0) return false;
    this.buckets.delete(name);
    bucket.close();
    fs.rmSync(bucket.dir, { recursive: true, force: true });
    return true;
  }

  listBuckets(): Array<{ name: string; created: Date }> {
    return [...this.buckets.values()]
      .map((b) => ({ name: b.name, created: b.created }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Stores an object (replacing any previous version) and returns its metadata. */
  async put(bucketName: string, key: string, body: Body, options: PutOptions = {}): Promise<ObjectMeta> {
    const bucket = this.bucket(bucketName);
    const { file, fullPath: tmp } = bucket.newObjectFile();
    const written = await writeHashed(body, tmp);
    if (options.expectedCrc32) {
      const expected = options.expectedCrc32();
      if (expected !== undefined && expected !== written.crc32Base64) {
        fs.rmSync(tmp, { force: true });
        throw new S3Error('BadDigest', 400, 'The CRC32 you specified did not match the calculated checksum.');
      }
    }
    // The bucket may have been deleted while the body streamed in.
    if (this.buckets.get(bucketName) !== bucket) {
      fs.rmSync(tmp, { force: true });
      throw new NoSuchBucketError(bucketName);
    }
    const entry: IndexEntry = {
      key,
      size: written.size,
      etag: options.etag ?? `"${written.md5Hex}"`,
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000),
      contentType: options.contentType || DEFAULT_CONTENT_TYPE,
      contentEncoding: options.contentEncoding,
      cacheControl: options.cacheControl,
      contentDisposition: options.contentDisposition,
      userMetadata: { ...(options.userMetadata ?? {}) },
      checksumCrc32: written.crc32Base64,
    };
    bucket.commit({ ...entry, file });
    return { ...entry };
  }

  /** Metadata of an object, or undefined. */
  head(bucketName: string, key: string): ObjectMeta | undefined {
    const meta = this.bucket(bucketName).get(key);
    return meta ? { ...meta } : undefined;
  }

  /**
   * Opens an object for reading; `range` is inclusive, already clamped by the caller.
   * The file is opened now, so a concurrent overwrite cannot mix two versions.
   */
  get(bucketName: string, key: string, range?: { start: number; end: number }): { meta: ObjectMeta; body: Readable } {
    const bucket = this.bucket(bucketName);
    const meta = bucket.get(key);
    if (!meta) throw new NoSuchKeyError(key);
    const fd = fs.openSync(bucket.pathOf(meta), 'r');
    if (meta.size === 0 || (range && range.end < range.start)) {
      fs.closeSync(fd);
      return { meta: { ...meta }, body: Readable.from([]) };
    }
    const body = fs.createReadStream('', { fd, start: range?.start ?? 0, end: range?.end ?? meta.size - 1 });
    return { meta: { ...meta }, body };
  }

  /** Reads a whole object into memory (in-process convenience for the local stack). */
  async read(bucketName: string, key: string): Promise<Buffer> {
    const bucket = this.bucket(bucketName);
    const meta = bucket.get(key);
    if (!meta) throw new NoSuchKeyError(key);
    // Open, read and close off the main thread (one call per object while a COPY reads thousands).
    return fs.promises.readFile(bucket.pathOf(meta));
  }

  /** Deletes an object; false when there was none (S3 answers 204 either way). */
  delete(bucketName: string, key: string): boolean {
    return this.bucket(bucketName).remove(key);
  }

  /** Copies an object; metadata is kept unless `replace` gives new attributes. */
  async copy(
    srcBucket: string,
    srcKey: string,
    dstBucket: string,
    dstKey: string,
    replace?: PutOptions,
  ): Promise<ObjectMeta> {
    this.bucket(dstBucket);
    const { meta, body } = this.get(srcBucket, srcKey);
    const options: PutOptions = replace ?? {
      contentType: meta.contentType,
      contentEncoding: meta.contentEncoding,
      cacheControl: meta.cacheControl,
      contentDisposition: meta.contentDisposition,
      userMetadata: meta.userMetadata,
    };
    // A copy keeps the source ETag (S3 keeps the multipart form too).
    return this.put(dstBucket, dstKey, body, { ...options, etag: meta.etag });
  }

  /** One page of keys in UTF-8 order, with optional delimiter roll-up. */
  list(bucketName: string, options: ListOptions = {}): ListResult<ObjectMeta> {
    const bucket = this.bucket(bucketName);
    const { keys, ...page } = listKeys(bucket.keys, options);
    return { ...page, objects: keys.map((k) => ({ ...(bucket.get(k) as ObjectMeta) })) };
  }

  /** Number of objects in a bucket. */
  count(bucketName: string): number {
    return this.bucket(bucketName).keys.size;
  }

  /** Releases open index files (the server calls this on stop). */
  close(): void {
    for (const bucket of this.buckets.values()) bucket.close();
  }

  /** Folder for scratch files on the same filesystem as the objects (for atomic renames). */
  scratchDir(): string {
    return this.tmpDir;
  }

  private bucket(name: string): BucketIndex {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new NoSuchBucketError(name);
    return bucket;
  }
}
