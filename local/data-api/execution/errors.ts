/**
 * Errors of statement execution. SQL errors are not API errors: a Data API statement that
 * raises one ends FAILED with its Redshift-style text (see errorText); an in-process
 * `execute` throws it as a SqlExecutionError.
 */
import { messageOf } from '../engine/errors';

/** Raised inside a running statement when CancelStatement asked it to stop; it ends ABORTED. */
export class StatementCancelledError extends Error {
  constructor() {
    super("Query cancelled on user's request");
    this.name = 'StatementCancelledError';
  }
}

/** SQL failure of an in-process `engine.execute`; `message` is Redshift-style ('ERROR: ...'). */
export class SqlExecutionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqlExecutionError';
  }
}

/** Redshift-style error text ('ERROR: ...'), as DescribeStatement.Error shows it. */
export function errorText(error: unknown): string {
  const message = messageOf(error);
  return message.startsWith('ERROR:') ? message : `ERROR: ${message}`;
}
