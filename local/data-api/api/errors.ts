/**
 * Errors of the Data API emulator.
 *
 * `DataApiError` subclasses are API errors: the HTTP layer turns them into an awsJson1_1 error
 * response (`x-amzn-ErrorType` header + `{"__type","message"}` body) so the unmodified
 * @aws-sdk/client-redshift-data raises the class of the same name. SQL errors are *not* API
 * errors: they end a statement FAILED.
 */

/** Base class of errors returned to the client as an API error. */
export class DataApiError extends Error {
  constructor(
    /** Error code as the SDK matches it (e.g. 'ValidationException'). */
    readonly code: string,
    message: string,
    /** HTTP status; 400 for every deterministic client fault. */
    readonly httpStatus = 400,
    /** Extra members of the error body (e.g. ResourceId). */
    readonly members: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** Invalid input (shape, pattern, length, state). */
export class ValidationException extends DataApiError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

/** Unknown statement id (HTTP 404, with ResourceId). */
export class ResourceNotFoundException extends DataApiError {
  constructor(message: string, resourceId: string) {
    super('ResourceNotFoundException', message, 404, { ResourceId: resourceId });
  }
}

/** Injected throttling (the SDK's retry strategy classifies the code as throttling). */
export class ThrottlingException extends DataApiError {
  constructor() {
    super('ThrottlingException', 'Rate exceeded');
  }
}

/** Unknown X-Amz-Target operation. */
export class UnknownOperationException extends DataApiError {
  constructor(target: string) {
    super('UnknownOperationException', `Unknown operation ${target}`);
  }
}

/** Body that is not valid JSON. */
export class SerializationException extends DataApiError {
  constructor(message: string) {
    super('SerializationException', message);
  }
}

/** Raised inside a running statement when CancelStatement asked it to stop; it ends ABORTED. */
export class StatementCancelledError extends Error {
  constructor() {
    super("Query cancelled on user's request");
    this.name = 'StatementCancelledError';
  }
}

/** Raised when the engine is closed while statements are still queued. */
export class EngineClosedError extends Error {
  constructor() {
    super('Data API engine is closed');
    this.name = 'EngineClosedError';
  }
}

/**
 * The message of anything thrown. PGlite errors come from another realm when PGlite is loaded
 * by Node's own loader (see pglite-loader.ts), so `instanceof Error` is not a safe test.
 */
export function messageOf(error: unknown): string {
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
