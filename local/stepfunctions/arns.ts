/**
 * ARNs as the local stack mints them, shaped exactly like AWS's so that code which parses or
 * logs them behaves the same locally.
 */

/** Region used when neither the caller nor serverless.yml names one. */
export const LOCAL_REGION = 'us-east-1';
/** Account id of the local stack (the documentation account id AWS uses in examples). */
export const LOCAL_ACCOUNT_ID = '123456789012';

/** `arn:aws:lambda:<region>:<account>:function:<name>` */
export function lambdaFunctionArn(name: string, region = LOCAL_REGION, accountId = LOCAL_ACCOUNT_ID): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` */
export function stateMachineArn(name: string, region = LOCAL_REGION, accountId = LOCAL_ACCOUNT_ID): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

/** `arn:aws:states:<region>:<account>:execution:<machineName>:<executionName>` */
export function executionArn(
  machineName: string,
  executionName: string,
  region = LOCAL_REGION,
  accountId = LOCAL_ACCOUNT_ID,
): string {
  return `arn:aws:states:${region}:${accountId}:execution:${machineName}:${executionName}`;
}

/**
 * The function name inside a Lambda reference as Step Functions accepts it: a bare name,
 * `name:qualifier`, a partial ARN (`<account>:function:name`) or a full ARN.
 */
export function functionNameOf(reference: string): string {
  const marker = ':function:';
  const at = reference.indexOf(marker);
  const rest = at >= 0 ? reference.slice(at + marker.length) : reference;
  return rest.split(':')[0];
}
