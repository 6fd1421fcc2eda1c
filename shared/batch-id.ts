import { createHash } from 'node:crypto';
import { type DatasetName, isDatasetName } from './datasets';
import { InvalidEventError } from './errors';

/**
 * The batch id and everything named after it. This module is the one owner of the format:
 *
 * - batch id        `<dataset>-<24 hex>`, then one `-a` / `-b` per split (at most 16 levels);
 *                   the dataset names come from the catalog (shared/datasets), read per call:
 *                   the local stack and tests may load another datasets folder at run time
 * - execution name  the batch id, or `<batch id>-r<n>` for the n-th restart of a failed batch
 * - staging tables  `staging.<batch id with '-' as '_'>` and `<that>_files`
 * - S3 documents    `manifests/<dataset>/<batch id>/batch.json`, `copy-<n>.manifest`, `files-<n>.jsonl`
 *
 * Ids end up in table names, S3 keys and execution names: validate with these functions, never
 * with a regex of your own.
 */

/** A data file as the pipeline tracks it: identified by key + ETag. */
export interface DataFile {
  key: string;
  etag: string;
  size: number;
}

const HASH_LENGTH = 24;
const MAX_SPLITS = 16;
/** Step Functions caps execution names at 80 characters; a restart adds `-r<n>`. */
const MAX_BATCH_ID_LENGTH = 75;
const SPLIT_SUFFIXES = ['a', 'b'] as const;
/**
 * A dataset name as dataset.schema.json allows it (lowercase identifier, at most 31 characters);
 * membership in the catalog is checked separately. The name never holds '-', so a batch id's
 * dataset ends at its first '-'; in table names the hash's 24 hex digits after '_' delimit it.
 */
const DATASET_NAME = '[a-z][a-z0-9_]{0,30}?';

/** `<dataset><sep><hash>` then split suffixes: shared by ids (sep '-') and table names (sep '_'). */
const idPattern = (sep: '-' | '_') =>
  `(${DATASET_NAME})${sep}[0-9a-f]{${HASH_LENGTH}}(?:${sep}[${SPLIT_SUFFIXES.join('')}]){0,${MAX_SPLITS}}`;

const BATCH_ID = new RegExp(`^${idPattern('-')}$`);
const EXECUTION_NAME = new RegExp(`^(${idPattern('-')})(?:-r[1-9][0-9]{0,2})?$`);
const STAGING_TABLE = new RegExp(`^(?:staging\\.)?(${idPattern('_')})(_files)?$`);

/**
 * Deterministic batch id: the same dataset and set of key@etag always give the same id, whatever
 * the order, so a redelivered batch maps to the same Step Functions execution name.
 */
export function batchIdFor(dataset: DatasetName, files: ReadonlyArray<DataFile>, salt = ''): string {
  const hash = createHash('sha256');
  hash.update(`${dataset}\n${salt}\n`);
  for (const id of files.map((f) => `${f.key}@${f.etag}`).sort()) hash.update(`${id}\n`);
  return `${dataset}-${hash.digest('hex').slice(0, HASH_LENGTH)}`;
}

/** True for ids made by batchIdFor, optionally with split suffixes. */
export function isBatchId(id: unknown): id is string {
  if (typeof id !== 'string' || id.length > MAX_BATCH_ID_LENGTH) return false;
  const match = BATCH_ID.exec(id);
  return match !== null && isDatasetName(match[1]);
}

/** The dataset a batch id belongs to, or undefined when it is not a batch id. */
export function datasetOfBatchId(id: unknown): DatasetName | undefined {
  if (!isBatchId(id)) return undefined;
  return BATCH_ID.exec(id)?.[1] as DatasetName | undefined;
}

/** The dataset of a batch id we produced; InvalidEventError for anything else. */
function requireDataset(batchId: string): DatasetName {
  const dataset = datasetOfBatchId(batchId);
  if (!dataset) throw new InvalidEventError(`invalid batchId: ${JSON.stringify(batchId)}`);
  return dataset;
}

/** The two child batches of a split (`-a` gets the first half of the files, `-b` the rest). */
export function splitBatchIds(batchId: string): [string, string] {
  requireDataset(batchId);
  const [a, b] = SPLIT_SUFFIXES.map((s) => `${batchId}-${s}`);
  if (!isBatchId(a)) throw new InvalidEventError(`batch ${batchId} cannot be split further`);
  return [a, b];
}

/** The execution name of a batch's n-th start: the batch id itself, then `-r<n>` for restarts. */
export function executionNameOf(batchId: string, restart: number): string {
  requireDataset(batchId);
  return restart === 0 ? batchId : `${batchId}-r${restart}`;
}

/** The batch id an execution name belongs to (restart suffix dropped), or undefined. */
export function batchIdOfExecutionName(name: string): string | undefined {
  const id = EXECUTION_NAME.exec(name)?.[1];
  return isBatchId(id) ? id : undefined;
}

/** The staging tables of a batch: its data and its file list, schema-qualified. */
export function stagingTablesOf(batchId: string): { stagingTable: string; filesTable: string } {
  requireDataset(batchId);
  const base = `staging.${batchId.replace(/-/g, '_')}`;
  return { stagingTable: base, filesTable: `${base}_files` };
}

/**
 * The batch a staging table belongs to (inverse of stagingTablesOf), with or without the
 * `staging.` schema, or undefined for a table that is not one of ours.
 */
export function batchOfStagingTable(table: string): { dataset: DatasetName; batchId: string } | undefined {
  const match = STAGING_TABLE.exec(table);
  if (!match || !isDatasetName(match[2])) return undefined;
  const [, base, dataset] = match;
  const rest = base.slice(dataset.length + 1).replace(/_/g, '-');
  return { dataset: dataset as DatasetName, batchId: `${dataset}-${rest}` };
}

/** True for a schema-qualified staging table of a batch (data or file list). */
export function isStagingTable(table: string): boolean {
  return table.startsWith('staging.') && batchOfStagingTable(table) !== undefined;
}

export interface BatchPaths {
  /** The batch document (batch.json) the batcher writes. */
  batch: string;
  /** The Redshift COPY manifest of load attempt n. */
  manifest: (attempt: number) => string;
  /** The files list (one JSON line per file) of load attempt n. */
  files: (attempt: number) => string;
}

/** Where a batch's documents live in the bucket. */
export function batchPaths(batchId: string): BatchPaths {
  const base = `manifests/${requireDataset(batchId)}/${batchId}`;
  return {
    batch: `${base}/batch.json`,
    manifest: (attempt) => `${base}/copy-${attempt}.manifest`,
    files: (attempt) => `${base}/files-${attempt}.jsonl`,
  };
}
