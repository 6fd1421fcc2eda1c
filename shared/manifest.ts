import { batchIdFor, type DataFile } from './batch-id';
import { type Compression, type DatasetName, datasetSpec } from './datasets';
import { ManifestEmptyError } from './errors';

/** A group of files of one dataset and compression that one COPY loads. */
export interface Batch {
  batchId: string;
  dataset: DatasetName;
  compression: Compression;
  files: DataFile[];
}

export interface RoutedFile extends DataFile {
  dataset: DatasetName;
  compression: Compression;
  /** S3 event sequencer: orders two versions of one key. */
  sequencer?: string;
}

export interface ManifestCaps {
  maxFiles: number;
  maxBytes: number;
}

/** Compares S3 sequencers: hex strings of varying length, compared as numbers. */
function sequencerAfter(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined) return false;
  if (b === undefined) return true;
  const len = Math.max(a.length, b.length);
  return a.padStart(len, '0') > b.padStart(len, '0');
}

/**
 * Groups files by dataset and compression (a COPY is GZIP or not), keeps one entry per key (the
 * newest version by sequencer: a COPY reads the current object anyway), and cuts each group into
 * batches of at most `maxFiles` files and `maxBytes` bytes, in key order so cuts are stable.
 */
export function planBatches(files: ReadonlyArray<RoutedFile>, caps: ManifestCaps, salt = ''): Batch[] {
  const groups = new Map<string, Map<string, RoutedFile>>();
  for (const file of files) {
    const groupKey = `${file.dataset}/${file.compression}`;
    const group = groups.get(groupKey) ?? new Map<string, RoutedFile>();
    groups.set(groupKey, group);
    const seen = group.get(file.key);
    if (!seen || sequencerAfter(file.sequencer, seen.sequencer)) group.set(file.key, file);
  }
  const batches: Batch[] = [];
  for (const [, group] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const members = [...group.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // A dataset may declare its own caps (`batch` in its dataset.yml).
    const own = datasetSpec(members[0].dataset).caps;
    const maxFiles = own.maxFiles ?? caps.maxFiles;
    const maxBytes = own.maxBytes ?? caps.maxBytes;
    let current: RoutedFile[] = [];
    let bytes = 0;
    const flush = () => {
      if (current.length === 0) return;
      const { dataset, compression } = current[0];
      const batchFiles = current.map(({ key, etag, size }) => ({ key, etag, size }));
      batches.push({ batchId: batchIdFor(dataset, batchFiles, salt), dataset, compression, files: batchFiles });
      current = [];
      bytes = 0;
    };
    for (const file of members) {
      if (current.length >= maxFiles || (current.length > 0 && bytes + file.size > maxBytes)) flush();
      current.push(file);
      bytes += file.size;
    }
    flush();
  }
  return batches;
}

/** Splits a batch's files in two halves (used when a COPY error names no file). */
export function splitInHalves(files: ReadonlyArray<DataFile>): [DataFile[], DataFile[]] {
  const middle = Math.ceil(files.length / 2);
  return [files.slice(0, middle), files.slice(middle)];
}

/**
 * The Redshift COPY manifest for these files: every entry mandatory, so a file that vanished
 * fails the COPY instead of silently loading less; content_length is informational for JSON.
 */
export function buildRedshiftManifest(bucket: string, files: ReadonlyArray<DataFile>): string {
  if (files.length === 0) throw new ManifestEmptyError('a COPY manifest needs at least one file');
  const entries = files.map((f) => ({
    url: `s3://${bucket}/${f.key}`,
    mandatory: true,
    meta: { content_length: f.size },
  }));
  return JSON.stringify({ entries });
}

/** Newline-delimited JSON of the files, COPY'd into the staging file table for the ledger. */
export function buildFilesJsonl(files: ReadonlyArray<DataFile>): string {
  return files.map((f) => JSON.stringify({ key: f.key, etag: f.etag, size: f.size })).join('\n');
}
