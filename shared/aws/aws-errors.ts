import { AwsServiceError, type IngestError, TransientServiceError } from '../errors';

/** AWS error names that mean "slow down or try again", whatever the service. */
const TRANSIENT_NAMES = new Set([
  'SlowDown',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
]);

interface SdkError {
  name?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/**
 * An AWS SDK error as a named error the state machine can match: throttling and server-side
 * failures (left after the SDK's own retries) become TransientServiceError, which the tasks'
 * Retry matches; anything else AwsServiceError, naming the call and the AWS error.
 */
export function awsError(call: string, err: unknown): IngestError {
  const e = (err ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode ?? 0;
  const message = `${call}: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  const transient = TRANSIENT_NAMES.has(e.name ?? '') || e.$retryable !== undefined || status === 429 || status >= 500;
  return transient ? new TransientServiceError(message, { cause: err }) : new AwsServiceError(message, { cause: err });
}
