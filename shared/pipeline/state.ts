import { isBatchId } from '../batch-id';
import type { DatasetName } from '../datasets';
import { isDatasetName } from '../datasets';
import { InvalidEventError } from '../errors';

/** The poll loop's own state, carried through the execution (the ASL increments `attempt`). */
export interface PollState {
  attempt: number;
  maxAttempts: number;
  /** Wait before poll n: capped exponential backoff, computed once here (ASL has no pow()). */
  schedule: number[];
  wait: number;
}

/** The COPY in flight. */
export interface LoadState {
  attempt: number;
  statementId?: string;
  stagingTable: string;
  filesTable: string;
  fileCount: number;
  /** Files quarantined so far in this execution. */
  quarantined: number;
  /** COPY retries for failures that named no file. */
  retries: number;
  /** Files skipped because the ledger already had them. */
  skipped: number;
  /** How long the COPY that finished ran (for the CopySeconds metric). */
  copySeconds?: number;
}

/** The execution's state document (input, then what each task adds). */
export interface ExecutionState {
  batchId: string;
  dataset: DatasetName;
  batchKey: string;
  force?: boolean;
  load?: LoadState;
  poll?: PollState;
  transform?: { attempt: number; statementId?: string };
  statement?: { Status: string };
  outcome?: 'resubmitted' | 'retried' | 'split';
  quality?: { checks: number; violations: number };
  error?: { Error: string; Cause: string };
}

export function pollState(maxAttempts: number, maxWaitSeconds: number): PollState {
  const schedule = Array.from({ length: maxAttempts + 1 }, (_, i) => Math.min(maxWaitSeconds, 2 ** i));
  return { attempt: 0, maxAttempts, schedule, wait: schedule[0] };
}

/** Validates what a task received: the ids in it end up in table names and S3 keys we write. */
export function parseExecutionState(input: unknown): ExecutionState {
  const s = input as Partial<ExecutionState> | null;
  if (!s || typeof s !== 'object') throw new InvalidEventError('execution state must be an object');
  if (!isBatchId(s.batchId)) throw new InvalidEventError(`invalid batchId: ${JSON.stringify(s.batchId)}`);
  if (!isDatasetName(s.dataset)) throw new InvalidEventError(`invalid dataset: ${JSON.stringify(s.dataset)}`);
  if (typeof s.batchKey !== 'string' || !s.batchKey.startsWith(`manifests/${s.dataset}/`)) {
    throw new InvalidEventError(`invalid batchKey: ${JSON.stringify(s.batchKey)}`);
  }
  return s as ExecutionState;
}

/** Staging table names for a batch: `staging.<batch id with '-' as '_'>` and its file list. */
export function stagingTables(batchId: string): { stagingTable: string; filesTable: string } {
  const base = `staging.${batchId.replace(/-/g, '_')}`;
  return { stagingTable: base, filesTable: `${base}_files` };
}
