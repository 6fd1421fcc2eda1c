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

/**
 * A database the warehouse does not have, in a catalog operation (ListSchemas, ListTables,
 * DescribeTable, ListDatabases connect synchronously; the service models this as a server fault).
 */
export class DatabaseConnectionException extends DataApiError {
  constructor(message: string) {
    super('DatabaseConnectionException', message, 500);
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
