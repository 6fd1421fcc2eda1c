/**
 * Errors a local Task handler throws so that aws-local-stepfunctions matches `Retry`/`Catch`
 * exactly as AWS does. The library matches `ErrorEquals` against `error.name` and puts
 * `error.message` in the catcher's `Cause`, so the message *is* the AWS cause text.
 */
import { sdkExceptionName } from '../../shared/aws/sfn-task-shape';

/** A Task failure with the AWS error name and cause (e.g. `LoadFailedError`, `RedshiftData.ValidationException`). */
export class TaskFailedError extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

/**
 * A failure of the local stack itself (unsupported resource). Like AWS's `States.Runtime` it
 * can be neither retried nor caught: it must be fixed, not handled.
 */
export class LocalRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

/**
 * The error a Lambda function failure becomes: name = the thrown error's name (Lambda's
 * `errorType`), cause = Lambda's JSON error document `{"errorType","errorMessage"}`.
 */
export function lambdaFailure(err: unknown): TaskFailedError {
  // Duck-typed: errors from another realm (vm contexts, bundles) fail `instanceof Error`.
  const e = err !== null && typeof err === 'object' ? (err as { name?: unknown; message?: unknown }) : {};
  const errorType = typeof e.name === 'string' && e.name ? e.name : 'Error';
  const errorMessage = typeof e.message === 'string' ? e.message : String(err);
  return new TaskFailedError(errorType, JSON.stringify({ errorType, errorMessage }));
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * The error an AWS SDK integration failure becomes, with a cause in the format AWS uses,
 * `<message> (Service: <Service>, Status Code: <n>, Request ID: <id>)`:
 * - an exception the service's model declares: `<Service>.<Name>` ("Learning to use AWS service
 *   SDK integrations in Step Functions": ServiceName.ErrorName, with the Exception suffix added);
 * - one it does not model (throttling on the Redshift Data API, an access denial): the SDK's base
 *   class, `<Service>.<Service>Exception` (e.g. `RedshiftData.RedshiftDataException`). The JS SDK
 *   throws such errors as an instance of `<Service>ServiceException` itself, which is how they are
 *   told apart here.
 * Failures that never reached the service (connection refused) surface as `States.TaskFailed`.
 */
export function sdkFailure(service: string, err: unknown): TaskFailedError {
  const e = (err ?? {}) as SdkErrorShape;
  const message = e.message ?? String(err);
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return new TaskFailedError('States.TaskFailed', `${service}: ${message}`);
  const name = sdkExceptionName(service, err);
  const requestId = e.$metadata?.requestId ?? 'unknown';
  return new TaskFailedError(
    `${service}.${name}`,
    `${message} (Service: ${service}, Status Code: ${status}, Request ID: ${requestId})`,
  );
}
