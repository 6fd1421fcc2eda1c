/**
 * One bucket on disk: one file per object version (a fresh name per put, so a put is written in
 * place and no reader ever sees half of it), plus an append-only `index.jsonl` of puts and
 * deletes that is replayed into memory at start and says which file holds each key.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ObjectMeta } from './object-meta';
import { SortedKeys } from './sorted-keys';

/** One object's metadata as kept in memory, with the file that holds its bytes. */
export type IndexEntry = ObjectMeta & {
  /** Relative to the bucket folder; absent in indexes written before versioned files. */
  file?: string;
};

type IndexLine =
  | { op: 'put'; entry: Omit<IndexEntry, 'lastModified'> & { lastModified: string } }
  | { op: 'del'; key: string };

const MARKER_FILE = 'bucket.json';
const INDEX_FILE = 'index.jsonl';

export class BucketIndex {
  readonly keys = new SortedKeys();
  private readonly entries = new Map<string, IndexEntry>();
  private readonly shards = new Set<string>();
  private readonly indexPath: string;
  /** Kept open: one write per put instead of open/write/close. */
  private indexFd?: number;

  private constructor(
    readonly dir: string,
    readonly name: string,
    readonly created: Date,
  ) {
    this.indexPath = path.join(dir, INDEX_FILE);
  }

  static create(dir: string, name: string): BucketIndex {
    fs.mkdirSync(path.join(dir, 'objects'), { recursive: true });
    const created = new Date();
    fs.writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify({ name, created: created.toISOString() }));
    fs.writeFileSync(path.join(dir, INDEX_FILE), '');
    return new BucketIndex(dir, name, created);
  }

  /** Loads a bucket folder; undefined when the folder is not a bucket. */
  static load(dir: string, name: string): BucketIndex | undefined {
    const markerPath = path.join(dir, MARKER_FILE);
    if (!fs.existsSync(markerPath)) return undefined;
    const marker = JSON.parse(fs.readFileSync(markerPath, 'utf8')) as { created: string };
    const bucket = new BucketIndex(dir, name, new Date(marker.created));
    const text = fs.existsSync(bucket.indexPath) ? fs.readFileSync(bucket.indexPath, 'utf8') : '';
    if (text.length > 0 && !text.endsWith('\n')) {
      // A crash tore the last append; drop it so the next append starts on a fresh line.
      fs.truncateSync(bucket.indexPath, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    }
    let lines = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let parsed: IndexLine;
      try {
        parsed = JSON.parse(line) as IndexLine;
      } catch {
        continue; // a torn last line after a crash: its object was never acknowledged
      }
      lines += 1;
      if (parsed.op === 'put') {
        const entry = { ...parsed.entry, lastModified: new Date(parsed.entry.lastModified) };
        bucket.entries.set(entry.key, entry);
        bucket.keys.add(entry.key);
      } else {
        bucket.entries.delete(parsed.key);
        bucket.keys.remove(parsed.key);
      }
    }
    // Overwrites and deletes leave dead lines; rewrite when they dominate.
    if (lines > 2 * bucket.entries.size + 1000) bucket.compact();
    bucket.orphansRemoved = bucket.removeOrphanFiles();
    return bucket;
  }

  /** Object files {@link removeOrphanFiles} deleted when this bucket was loaded. */
  orphansRemoved = 0;

  /**
   * Deletes object files no index entry references: bytes of a put that crashed before its index
   * line, or old versions whose background removal a crash cut short. Run at load, before any
   * reader can hold one open. Returns how many were removed.
   */
  removeOrphanFiles(): number {
    const objectsDir = path.join(this.dir, 'objects');
    if (!fs.existsSync(objectsDir)) return 0;
    const live = new Set([...this.entries.values()].map((e) => this.pathOf(e)));
    let removed = 0;
    for (const shard of fs.readdirSync(objectsDir, { withFileTypes: true })) {
      if (!shard.isDirectory()) continue;
      for (const name of fs.readdirSync(path.join(objectsDir, shard.name))) {
        const full = path.join(objectsDir, shard.name, name);
        if (live.has(full)) continue;
        fs.rmSync(full, { force: true, recursive: true });
        removed += 1;
      }
    }
    return removed;
  }

  get(key: string): IndexEntry | undefined {
    return this.entries.get(key);
  }

  /** Path of the file holding an object's bytes. */
  pathOf(entry: IndexEntry): string {
    if (entry.file) return path.join(this.dir, entry.file);
    // Indexes from before versioned files named the file by the key's hash.
    const hash = createHash('sha256').update(entry.key, 'utf8').digest('hex');
    return path.join(this.dir, 'objects', hash.slice(0, 2), hash);
  }

  /** A fresh file for the next version of some object (its folder exists). */
  newObjectFile(): { file: string; fullPath: string } {
    const id = randomUUID();
    const shard = path.join('objects', id.slice(0, 2));
    if (!this.shards.has(shard)) {
      fs.mkdirSync(path.join(this.dir, shard), { recursive: true });
      this.shards.add(shard);
    }
    const file = path.join(shard, id);
    return { file, fullPath: path.join(this.dir, file) };
  }

  /**
   * Records a fully written file as the key's current version; synchronous, so readers see the
   * old version or the new one. The replaced version's file goes in the background (a reader that
   * already opened it keeps reading it).
   */
  commit(entry: IndexEntry): void {
    const previous = this.entries.get(entry.key);
    this.appendLine(toLine(entry));
    this.entries.set(entry.key, entry);
    this.keys.add(entry.key);
    if (previous && this.pathOf(previous) !== this.pathOf(entry))
      fs.rm(this.pathOf(previous), { force: true }, () => undefined);
  }

  /** Removes a key; false when absent. */
  remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    fs.rmSync(this.pathOf(entry), { force: true });
    this.appendLine({ op: 'del', key });
    this.entries.delete(key);
    this.keys.remove(key);
    return true;
  }

  /** Closes the index file (the bucket stays usable; the next write reopens it). */
  close(): void {
    if (this.indexFd !== undefined) fs.closeSync(this.indexFd);
    this.indexFd = undefined;
  }

  private appendLine(line: IndexLine): void {
    this.indexFd ??= fs.openSync(this.indexPath, 'a');
    fs.writeSync(this.indexFd, `${JSON.stringify(line)}\n`);
  }

  private compact(): void {
    const tmp = `${this.indexPath}.${process.pid}.tmp`;
    const body = [...this.entries.values()].map((e) => `${JSON.stringify(toLine(e))}\n`).join('');
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, this.indexPath);
  }
}

function toLine(entry: IndexEntry): IndexLine {
  return { op: 'put', entry: { ...entry, lastModified: entry.lastModified.toISOString() } };
}
