import { createHash } from 'node:crypto';
import type { DatasetName } from './datasets';

/** A data file as the pipeline tracks it: identified by key + ETag. */
export interface DataFile {
  key: string;
  etag: string;
  size: number;
}

/**
 * Deterministic batch id: the same dataset and set of key@etag always give the same id, whatever
 * the order, so a redelivered batch maps to the same Step Functions execution name.
 * Format `<dataset>-<24 hex>`: valid as an execution name and, with '-' -> '_', as a table suffix.
 */
export function batchIdFor(dataset: DatasetName, files: ReadonlyArray<DataFile>, salt = ''): string {
  const hash = createHash('sha256');
  hash.update(`${dataset}\n${salt}\n`);
  for (const id of files.map((f) => `${f.key}@${f.etag}`).sort()) hash.update(`${id}\n`);
  return `${dataset}-${hash.digest('hex').slice(0, 24)}`;
}

const BATCH_ID = /^(log_data|song_data)-[0-9a-f]{24}(-[a-z0-9]{1,12}){0,16}$/;

/** True for ids made by batchIdFor (optionally with retry/split suffixes). */
export function isBatchId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 80 && BATCH_ID.test(id);
}
