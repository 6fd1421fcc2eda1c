/**
 * Named errors: every error a handler throws is one of these. Step Functions `Retry`/`Catch`
 * match on `error.name` (Lambda reports it as errorType), so the names are part of the state
 * machine's contract (statemachine/ingest.asl.yml): rename one and the definition must follow.
 * Each name is a string literal, not the class's own name, so minified bundles keep it.
 */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A base class for one named error: `class XError extends named('XError') {}`. */
const named = <N extends string>(name: N) =>
  class extends IngestError {
    override name: N = name;
  };

/** A setting is missing or malformed; the message names the setting. */
export class ConfigError extends named('ConfigError') {}

/** An input (SQS record, execution state, batch document, replay request) cannot be used. */
export class InvalidEventError extends named('InvalidEventError') {}

/** A manifest would have no entries. */
export class ManifestEmptyError extends named('ManifestEmptyError') {}

/** A transform statement kept ending FAILED, past its resubmission cap. */
export class LoadFailedError extends named('LoadFailedError') {}

/** Every file of a batch was quarantined: nothing left to load. */
export class NoCleanFilesError extends named('NoCleanFilesError') {}

/** The Data API throttled or failed in a way worth retrying. */
export class TransientDataApiError extends named('TransientDataApiError') {}

/** S3 or Step Functions throttled or failed server-side (past the SDK's own retries): worth retrying. */
export class TransientServiceError extends named('TransientServiceError') {}

/** Any other error of an AWS service call; the message names the service, call and AWS error. */
export class AwsServiceError extends named('AwsServiceError') {}

/** A statement run by a Lambda ended FAILED or ABORTED. */
export class StatementFailedError extends named('StatementFailedError') {
  constructor(
    message: string,
    readonly statementId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A data quality check found violations after a transform. */
export class DataQualityError extends named('DataQualityError') {}

/** A statement did not finish within the poll cap. */
export class PollTimeoutError extends named('PollTimeoutError') {}

/** A batch's execution could not be started: every restart name is taken by a failed execution. */
export class ExecutionStartError extends named('ExecutionStartError') {}

/** A SQL template or a value for it was refused by the renderer (shared/sql-render.ts). */
export class SqlRenderError extends named('SqlRenderError') {}

/**
 * A Redshift Data API call of the cross-region poll (handlers/poll-statement.ts) failed, named
 * as Step Functions' aws-sdk:redshiftdata integration names the same failure: `RedshiftData.<X>`
 * (`RedshiftData.ResourceNotFoundException`, ..., `RedshiftData.RedshiftDataException` for an
 * error the Data API does not model). The Lambda poll tasks and the SDK tasks of
 * statemachine/ingest.asl.yml then share their Retry/Catch names.
 */
export class RedshiftDataTaskError extends IngestError {
  constructor(
    readonly exception: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = `RedshiftData.${exception}`;
  }
}
