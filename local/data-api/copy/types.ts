/**
 * Contract between statement execution (local/data-api/execution) and the COPY implementation
 * (local/data-api/copy). Execution detects a COPY statement, hands it to `runCopy` inside the
 * statement's transaction, and persists the returned load errors *after* that transaction ends
 * (commit or rollback), as Redshift keeps stl_load_errors rows of a failed COPY.
 */

/** One row of stl_load_errors / sys_load_error_detail. */
export interface LoadErrorRow {
  /** s3://bucket/key of the data file. */
  fileName: string;
  /** 1-based line number in the (decompressed) file; for JSON, the last line of the offending object. */
  lineNumber: number;
  /** Target column ('' when the error is not about one column). */
  columnName: string;
  /** Column type as Redshift prints it, e.g. 'int4', 'varchar', 'timestamp'. */
  columnType: string;
  /** Column length text (e.g. '256' for varchar(256), '0' otherwise). */
  columnLength: string;
  /** Position of the field in the line (0 when unknown). */
  position: number;
  /** First 1024 characters of the raw input line(s). */
  rawLine: string;
  /** First 1024 characters of the raw field value. */
  rawFieldValue: string;
  /** Redshift load error code, e.g. 1207, 1204, 1216. */
  errorCode: number;
  /** Redshift's reason text, e.g. "Invalid digit, Value 'a', Pos 0, Type: Integer". */
  errorMessage: string;
}

/** What `runCopy` needs from statement execution (execution/copy-context.ts builds it). */
export interface CopyContext {
  /** Run SQL with $n parameters in the statement's transaction. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Bulk-load CSV text into a table in the same transaction (PGlite COPY FROM '/dev/blob'). */
  copyCsv(table: string, columns: string[], csv: string): Promise<number>;
  /** Read an object from the local S3 server; null when it does not exist. Throws on other errors. */
  getObject(bucket: string, key: string): Promise<Buffer | null>;
  /** List keys under a prefix (COPY FROM 's3://bucket/prefix' without MANIFEST). */
  listObjects(bucket: string, prefix: string): Promise<Array<{ key: string; size: number }>>;
  /** Redshift query id of this statement (sys_load_error_detail.query_id). */
  queryId: number;
}

export interface CopyResult {
  /** Rows inserted into the target table (DescribeStatement ResultRows). */
  rowsLoaded: number;
  /** Row errors under MAXERROR (the COPY succeeded; rows skipped). */
  loadErrors: LoadErrorRow[];
}

/**
 * Thrown when the COPY fails. `message` is exactly what Redshift reports (execution puts it in
 * DescribeStatement.Error), e.g. "Load into table 'staging_events' failed.  Check 'stl_load_errors'
 * system table for details." `loadErrors` are persisted even though the transaction rolls back.
 */
export class CopyFailedError extends Error {
  constructor(
    message: string,
    readonly loadErrors: LoadErrorRow[] = [],
  ) {
    super(message);
    this.name = 'CopyFailedError';
  }
}
