/**
 * The denial messages, in the forms of the IAM User Guide's "Troubleshoot access denied error
 * messages" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * implicit deny names the missing identity-based allow; explicit denies name the policy type;
 * an action without resource-level permissions names no resource.
 */
import { accessDenied, denialMessage } from '../../../../local/iam/denials';
import type { Decision } from '../../../../local/iam/evaluate';
import type { NormalizedStatement } from '../../../../local/iam/policy';

const statement = { source: 's', effect: 'Deny' } as NormalizedStatement;
const user = 'arn:aws:sts::123456789012:assumed-role/R/s';
const check = { principalArn: user, action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:q' };

test('implicit deny', () => {
  expect(denialMessage(check, { result: 'ImplicitDeny' })).toBe(
    `User: ${user} is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:123456789012:q because no identity-based policy allows the sqs:SendMessage action`,
  );
});

test('explicit deny in an identity-based and in a resource-based policy', () => {
  const identity: Decision = { result: 'ExplicitDeny', policyType: 'identity-based', statement };
  const resource: Decision = { result: 'ExplicitDeny', policyType: 'resource-based', statement };
  expect(denialMessage(check, identity)).toMatch(/q with an explicit deny in an identity-based policy$/);
  expect(denialMessage(check, resource)).toMatch(/q with an explicit deny in a resource-based policy$/);
});

test('an action that takes no resource names none', () => {
  const describe = { principalArn: user, action: 'redshift-data:DescribeStatement', resource: '*' };
  expect(denialMessage(describe, { result: 'ImplicitDeny' })).toBe(
    `User: ${user} is not authorized to perform: redshift-data:DescribeStatement because no identity-based policy allows the redshift-data:DescribeStatement action`,
  );
});

test('XML is escaped in the S3 body; JSON services answer 400 with __type', () => {
  const s3 = accessDenied(
    'rest-xml',
    { ...check, resource: 'arn:aws:s3:::b/a&b<c>' },
    { result: 'ImplicitDeny' },
    'R',
    true,
  );
  expect(s3.body).toContain('on resource: "arn:aws:s3:::b/a&amp;b&lt;c&gt;"');
  const json = accessDenied('json-1.0', check, { result: 'ImplicitDeny' }, 'R');
  expect([json.status, json.contentType, JSON.parse(json.body).__type]).toEqual([
    400,
    'application/x-amz-json-1.0',
    'AccessDeniedException',
  ]);
});
