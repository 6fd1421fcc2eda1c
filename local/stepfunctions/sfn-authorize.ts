/**
 * IAM for Step Functions: API requests are authorized as their signer (`states:StartExecution`
 * on the state machine ARN, `states:DescribeExecution` on the execution ARN, ...: Service
 * Authorization Reference, "AWS Step Functions"), answered on denial with Step Functions'
 * `AccessDeniedException` (awsJson1_0, HTTP 400). SDK tasks sign as the state machine's role,
 * or as the role a Task's `Credentials.RoleArn` names once the machine's role may assume it
 * (Step Functions Developer Guide, "Credentials field in Task states").
 */
import type { IncomingMessage } from 'node:http';
import type { Authorizer, AwsErrorResponse, OperationCall } from '../iam';
import { accessKeyFromRequest } from '../iam';

type SfnCall = Extract<OperationCall, { service: 'states' }>;

const BY_MACHINE = new Set(['StartExecution', 'ListExecutions', 'DescribeStateMachine']);
const BY_EXECUTION = new Set(['DescribeExecution', 'StopExecution', 'GetExecutionHistory']);

/** The IAM view of a request; undefined for operations without a resource-level check here. */
export function sfnCallOf(operation: string, input: Record<string, unknown>): SfnCall | undefined {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  if (BY_MACHINE.has(operation) && text(input.stateMachineArn)) {
    return {
      service: 'states',
      operation: operation as SfnCall['operation'],
      stateMachineArn: text(input.stateMachineArn),
    };
  }
  if (BY_EXECUTION.has(operation) && text(input.executionArn)) {
    return { service: 'states', operation: operation as SfnCall['operation'], executionArn: text(input.executionArn) };
  }
  return undefined;
}

/** The denial to answer, or undefined when the request may proceed. */
export function authorizeSfnRequest(
  authorizer: Authorizer | undefined,
  req: IncomingMessage,
  operation: string,
  input: Record<string, unknown>,
): AwsErrorResponse | undefined {
  if (!authorizer?.enabled) return undefined;
  const call = sfnCallOf(operation, input);
  if (!call) return undefined;
  const result = authorizer.authorize({ accessKeyId: accessKeyFromRequest(req.headers), call });
  return result.allowed ? undefined : result.error;
}

/** Keys an SDK task signs with. */
export interface TaskCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Who a state machine's tasks are. `sdkCredentials` returns the keys of the machine's role, or
 * of the Task's `Credentials` role after the assume-role check; it throws the task's failure when
 * that role may not be assumed.
 */
export interface TaskIdentity {
  sdkCredentials(stateMachineName: string, credentialsField: unknown): TaskCredentials | undefined;
}
