/**
 * The keys of one bucket in S3 listing order (UTF-8 byte order), kept in memory so that a
 * ListObjectsV2 page costs a binary search plus the page, not a directory scan.
 *
 * Inserts go to a pending buffer and are merged in on the next read: uploading 100k objects
 * then costs one sort, not 100k array splices.
 */

/**
 * Compares two strings in UTF-8 byte order (= code point order). JavaScript's `<` compares
 * UTF-16 code units, which disagrees for surrogate pairs versus U+E000..U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above the rest of the BMP so that code unit order becomes code point order. */
function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

export class SortedKeys {
  private sorted: string[] = [];
  private pending: string[] = [];
  private readonly live = new Set<string>();
  /** Removed keys still present in `sorted`. */
  private stale = 0;

  get size(): number {
    return this.live.size;
  }

  has(key: string): boolean {
    return this.live.has(key);
  }

  add(key: string): void {
    if (this.live.has(key)) return;
    this.live.add(key);
    this.pending.push(key);
  }

  remove(key: string): void {
    if (this.live.delete(key)) this.stale += 1;
  }

  /** Index of the first key >= `from` (or > `from` when `exclusive`). */
  lowerBound(from: string, exclusive = false): number {
    const keys = this.view();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareUtf8(keys[mid], from);
      if (c < 0 || (exclusive && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first key that is greater than `prefix` and does not start with it. */
  afterPrefix(prefix: string): number {
    const keys = this.view();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k.startsWith(prefix) || compareUtf8(k, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The merged, sorted key array (do not mutate). */
  view(): readonly string[] {
    if (this.pending.length > 0 || this.stale > 0) this.merge();
    return this.sorted;
  }

  private merge(): void {
    const incoming = this.pending.sort(compareUtf8);
    const out: string[] = [];
    let i = 0;
    let j = 0;
    const push = (k: string) => {
      if (this.live.has(k) && (out.length === 0 || out[out.length - 1] !== k)) out.push(k);
    };
    while (i < this.sorted.length || j < incoming.length) {
      if (j >= incoming.length) push(this.sorted[i++]);
      else if (i >= this.sorted.length) push(incoming[j++]);
      else if (compareUtf8(this.sorted[i], incoming[j]) <= 0) push(this.sorted[i++]);
      else push(incoming[j++]);
    }
    this.sorted = out;
    this.pending = [];
    this.stale = 0;
  }
}
