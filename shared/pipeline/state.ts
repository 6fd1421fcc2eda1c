import { batchPaths, datasetOfBatchId, stagingTablesOf } from '../batch-id';
import type { Config } from '../config';
import type { DatasetName } from '../datasets';
import { InvalidEventError } from '../errors';

/** The poll loop's own state, carried through the execution (the ASL increments `attempt`). */
export interface PollState {
  attempt: number;
  maxAttempts: number;
  /** Wait before poll n: capped exponential backoff, computed once here (ASL has no pow()). */
  schedule: number[];
  wait: number;
  /**
   * The warehouse is in another region than the state machine: the poll and the cancel go
   * through the pollStatement Lambda, which calls the Data API in the warehouse's region (an
   * aws-sdk task can only call its own region). Set by the Lambda that submitted the statement,
   * which knows where it submitted it (statemachine/ingest.asl.yml, docs/deploy.md "Regions").
   */
  crossRegion: boolean;
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

/** A fresh poll loop for a statement just submitted, from the Lambda's config. */
export function pollState(
  cfg: Pick<Config, 'pollMaxAttempts' | 'pollMaxWaitSeconds' | 'region' | 'redshiftRegion'>,
): PollState {
  const { pollMaxAttempts: maxAttempts, pollMaxWaitSeconds: maxWaitSeconds } = cfg;
  const schedule = Array.from({ length: maxAttempts + 1 }, (_, i) => Math.min(maxWaitSeconds, 2 ** i));
  return { attempt: 0, maxAttempts, schedule, wait: schedule[0], crossRegion: cfg.redshiftRegion !== cfg.region };
}

/** Validates what a task received: the ids in it end up in table names and S3 keys we write. */
export function parseExecutionState(input: unknown): ExecutionState {
  const s = input as Partial<ExecutionState> | null;
  if (!s || typeof s !== 'object') throw new InvalidEventError('execution state must be an object');
  const dataset = datasetOfBatchId(s.batchId);
  if (!dataset) throw new InvalidEventError(`invalid batchId: ${JSON.stringify(s.batchId)}`);
  if (s.dataset !== dataset) {
    throw new InvalidEventError(`dataset ${JSON.stringify(s.dataset)} is not the dataset of batch ${s.batchId}`);
  }
  const batchKey = batchPaths(s.batchId as string).batch;
  if (s.batchKey !== batchKey) {
    throw new InvalidEventError(`batchKey ${JSON.stringify(s.batchKey)} is not ${batchKey}`);
  }
  if (s.force !== undefined && typeof s.force !== 'boolean') {
    throw new InvalidEventError(`force must be a boolean, got ${JSON.stringify(s.force)}`);
  }
  return s as ExecutionState;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * The COPY in flight, for the steps that run after SubmitCopy; InvalidEventError says what is
 * missing. Its staging tables must be the ones the batch id implies (they reach SQL text).
 */
export function requireLoad(state: ExecutionState): LoadState {
  const { load } = state;
  if (!load || typeof load !== 'object') {
    throw new InvalidEventError(`execution state of ${state.batchId} has no "load" (SubmitCopy's output)`);
  }
  const tables = stagingTablesOf(state.batchId);
  if (load.stagingTable !== tables.stagingTable || load.filesTable !== tables.filesTable) {
    throw new InvalidEventError(`load of ${state.batchId} does not name the batch's staging tables`);
  }
  for (const field of ['attempt', 'fileCount', 'quarantined', 'retries', 'skipped'] as const) {
    if (!isCount(load[field])) throw new InvalidEventError(`load.${field} of ${state.batchId} is not a count`);
  }
  return load;
}

/** The COPY statement of the load in flight; InvalidEventError when there is none. */
export function requireLoadStatement(state: ExecutionState): LoadState & { statementId: string } {
  const load = requireLoad(state);
  const { statementId } = load;
  if (typeof statementId !== 'string' || statementId === '') {
    throw new InvalidEventError(`load of ${state.batchId} has no statementId (no COPY was submitted)`);
  }
  return { ...load, statementId };
}
