/**
 * Named errors. Step Functions `Retry`/`Catch` match on `error.name` (Lambda reports it as
 * errorType), so these names (spelled out, so minified bundles keep them) are part of the state machine's contract: rename one and the
 * state machine definition must follow.
 */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A setting is missing or malformed; the message names the setting. */
export class ConfigError extends IngestError {
  override name = 'ConfigError';
}

/** An input event (SQS record, S3 record, replay request) cannot be used. */
export class InvalidEventError extends IngestError {
  override name = 'InvalidEventError';
}

/** A manifest would have no entries. */
export class ManifestEmptyError extends IngestError {
  override name = 'ManifestEmptyError';
}

/** A COPY or transform statement ended FAILED for reasons in the data. */
export class LoadFailedError extends IngestError {
  override name = 'LoadFailedError';
}

/** Every file of a batch was quarantined: nothing left to load. */
export class NoCleanFilesError extends IngestError {
  override name = 'NoCleanFilesError';
}

/** The Data API throttled or failed in a way worth retrying. */
export class TransientDataApiError extends IngestError {
  override name = 'TransientDataApiError';
}

/** A statement run by a Lambda ended FAILED or ABORTED. */
export class StatementFailedError extends IngestError {
  override name = 'StatementFailedError';
  constructor(
    message: string,
    readonly statementId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A data quality check found violations after a transform. */
export class DataQualityError extends IngestError {
  override name = 'DataQualityError';
}

/** A statement did not finish within the poll cap. */
export class PollTimeoutError extends IngestError {
  override name = 'PollTimeoutError';
}
