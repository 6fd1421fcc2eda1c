/**
 * Errors of the local Step Functions API, named exactly as AWS names them so that
 * @aws-sdk/client-sfn raises its modeled exceptions (`ExecutionAlreadyExists`,
 * `ExecutionDoesNotExist`, ...) with `err.name` set accordingly.
 */

/** An API error: `code` goes to `x-amzn-ErrorType` and `__type`; `status` is the HTTP status. */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const stateMachineDoesNotExist = (arn: string): SfnApiError =>
  new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);

export const executionDoesNotExist = (arn: string): SfnApiError =>
  new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

export const executionAlreadyExists = (arn: string): SfnApiError =>
  new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);

export const invalidExecutionInput = (reason: string): SfnApiError =>
  new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${reason}'`);

export const invalidName = (name: string): SfnApiError => new SfnApiError('InvalidName', `Invalid Name: '${name}'`);

export const invalidArn = (arn: unknown): SfnApiError => new SfnApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);

export const invalidToken = (token: string): SfnApiError =>
  new SfnApiError('InvalidToken', `Invalid Token: '${token}'`);

/** Execution names: 1-80 characters, none of the characters AWS rejects. */
export function assertValidExecutionName(name: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: AWS rejects control characters in execution names; the class lists them on purpose
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw invalidName(name);
  }
}
