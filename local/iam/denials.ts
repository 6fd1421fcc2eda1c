/**
 * The errors AWS returns when IAM refuses a request, as each service puts them on the wire:
 * - the message: "User: <principal ARN> is not authorized to perform: <action> on resource:
 *   <resource ARN> because no identity-based policy allows the <action> action", or "... with an
 *   explicit deny in an identity-based / a resource-based policy" (IAM User Guide, "Troubleshoot
 *   access denied error messages"); actions that take no resource ARN omit "on resource:";
 * - S3: HTTP 403, XML `<Error><Code>AccessDenied</Code>`, the resource ARN in double quotes
 *   (Amazon S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors in Amazon S3"),
 *   and 403 `InvalidAccessKeyId` for a key S3 does not know (S3 API Reference, "Error
 *   responses", List of error codes);
 * - JSON protocols (Redshift Data API, Step Functions): HTTP 400 `AccessDeniedException` and,
 *   for an unknown key, `UnrecognizedClientException` "The security token included in the
 *   request is invalid." (Redshift Data API / Step Functions API Reference, "Common Errors").
 */
import type { Decision } from './evaluate';

/**
 * S3 speaks REST-XML; the Data API awsJson1_1; Step Functions and SQS awsJson1_0; Lambda
 * restJson1, where AccessDeniedException is HTTP 403 (Lambda API Reference, "Invoke", Errors).
 */
export type ErrorProtocol = 'rest-xml' | 'json-1.0' | 'json-1.1' | 'rest-json';

/** An error response ready to send. */
export interface AwsErrorResponse {
  status: number;
  code: string;
  message: string;
  contentType: string;
  body: string;
}

export interface DeniedCheck {
  principalArn: string;
  action: string;
  resource: string;
}

/** The IAM message for a denial (implicit or explicit). */
export function denialMessage(check: DeniedCheck, decision: Decision, quoteResource = false): string {
  const resource = quoteResource ? `"${check.resource}"` : check.resource;
  const on = check.resource === '*' ? '' : ` on resource: ${resource}`;
  const head = `User: ${check.principalArn} is not authorized to perform: ${check.action}${on}`;
  if (decision.result === 'ExplicitDeny') {
    const article = decision.policyType === 'identity-based' ? 'an' : 'a';
    return `${head} with an explicit deny in ${article} ${decision.policyType} policy`;
  }
  return `${head} because no identity-based policy allows the ${check.action} action`;
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function s3Error(code: string, message: string, requestId: string, extra = ''): AwsErrorResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${xmlText(message)}</Message>${extra}` +
    `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  return { status: 403, code, message, contentType: 'application/xml', body };
}

function jsonError(protocol: ErrorProtocol, code: string, message: string): AwsErrorResponse {
  return {
    status: protocol === 'rest-json' ? 403 : 400,
    code,
    message,
    contentType: protocol === 'rest-json' ? 'application/json' : `application/x-amz-${protocol}`,
    body: JSON.stringify({ __type: code, message }),
  };
}

/** The AccessDenied error of the service, for a denied check. */
export function accessDenied(
  protocol: ErrorProtocol,
  check: DeniedCheck,
  decision: Decision,
  requestId: string,
  /** S3 quotes the resource ARN in its message; other services do not. */
  quoteResource = false,
) {
  if (protocol === 'rest-xml') return s3Error('AccessDenied', denialMessage(check, decision, quoteResource), requestId);
  return jsonError(protocol, 'AccessDeniedException', denialMessage(check, decision));
}

/** S3's 403 AccessDenied with a given message (e.g. the generic "Access Denied"). */
export function s3AccessDenied(message: string, requestId: string): AwsErrorResponse {
  return s3Error('AccessDenied', message, requestId);
}

/** The error for an access key the service does not know (only with strict IAM). */
export function unknownAccessKey(protocol: ErrorProtocol, accessKeyId: string, requestId: string): AwsErrorResponse {
  if (protocol === 'rest-xml') {
    return s3Error(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      requestId,
      `<AWSAccessKeyId>${xmlText(accessKeyId)}</AWSAccessKeyId>`,
    );
  }
  return jsonError(protocol, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
}
