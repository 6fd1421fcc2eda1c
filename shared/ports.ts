/**
 * What the pipeline needs from the outside world. Domain code in shared/pipeline depends on these
 * interfaces only; shared/aws implements them with the AWS SDK (against AWS or the local stack).
 */

export interface ListedObject {
  key: string;
  etag: string;
  size: number;
  lastModified?: Date;
}

/** The ingest bucket. */
export interface ObjectStorage {
  readonly bucket: string;
  putText(key: string, body: string, contentType?: string): Promise<void>;
  /** null when the object does not exist. */
  getText(key: string): Promise<string | null>;
  /** ETag and size, or null when the object does not exist. */
  head(key: string): Promise<ListedObject | null>;
  /** false when the source does not exist. */
  copy(sourceKey: string, targetKey: string): Promise<boolean>;
  /** Every object under a prefix, in key order, across pages. */
  list(prefix: string): AsyncIterable<ListedObject>;
}

export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

export interface StatementInfo {
  id: string;
  status: StatementStatus;
  error?: string;
  /** Redshift query id (sys_load_error_detail.query_id), when known. */
  queryId?: number;
  /** Run time, once the statement ended. */
  durationSeconds?: number;
  /** False for statements that return no rows (INSERT, DDL): GetStatementResult would refuse them. */
  hasResultSet: boolean;
  subStatements: Array<{ id: string; status: StatementStatus; error?: string; queryId?: number }>;
}

export type Row = Record<string, string | number | boolean | null>;

/** Redshift through the Data API. */
export interface Warehouse {
  /** Submits one statement; returns its id at once. */
  submit(sql: string, params?: Record<string, string>): Promise<string>;
  /** Submits statements that run as one transaction; returns the batch id at once. */
  submitBatch(sqls: string[]): Promise<string>;
  describe(id: string): Promise<StatementInfo>;
  /** Runs one statement to completion and returns all rows (short queries only). */
  query(sql: string, params?: Record<string, string>): Promise<Row[]>;
  /** Runs statements as one transaction to completion. */
  runBatch(sqls: string[]): Promise<void>;
}

export interface ExecutionInput {
  batchId: string;
  dataset: string;
  batchKey: string;
  force?: boolean;
}

export type StartOutcome = 'started' | 'already-running' | 'already-succeeded' | 'restarted';

/** Step Functions. */
export interface Orchestrator {
  /** Starts the execution named after the batch; a repeated batch id starts nothing new. */
  startBatch(input: ExecutionInput): Promise<{ outcome: StartOutcome; executionName: string }>;
}

/**
 * DescribeStatement and CancelStatement exactly as Step Functions' aws-sdk:redshiftdata tasks
 * return them (the response without `$metadata`, keys PascalCase at every level, timestamps as
 * ISO strings) and fail them (`RedshiftData.<Exception>` names): the cross-region poll
 * (handlers/poll-statement.ts) stands in for those tasks, under the same ResultSelector, Retry
 * and Catch.
 */
export interface StatementTasks {
  describeStatement(id: string): Promise<Record<string, unknown>>;
  cancelStatement(id: string): Promise<Record<string, unknown>>;
}
