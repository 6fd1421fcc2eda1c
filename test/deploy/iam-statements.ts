/**
 * Every IAM statement in a CloudFormation template (role policies, managed policies, resource
 * policies), with both branches of each Fn::If, so a statement that only exists under one
 * condition is still checked.
 */
import type { Template } from './package-once';

export interface Statement {
  /** Where it came from: `<LogicalId>` or `<LogicalId>/<PolicyName>`. */
  source: string;
  Effect: string;
  Action: string[];
  Resource: unknown[];
  Condition?: Record<string, unknown>;
  Principal?: unknown;
}

type Json = unknown;

/** Both branches of Fn::If, without AWS::NoValue. */
export function branches(value: Json): Json[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, Json>;
    if ('Fn::If' in obj) {
      const [, whenTrue, whenFalse] = obj['Fn::If'] as Json[];
      return [...branches(whenTrue), ...branches(whenFalse)];
    }
    if (obj.Ref === 'AWS::NoValue') return [];
  }
  return [value];
}

const asList = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function statementsOfDocument(source: string, doc: Json): Statement[] {
  const out: Statement[] = [];
  for (const candidate of branches(doc)) {
    const statements = asList((candidate as { Statement?: Json })?.Statement);
    for (const s of statements.flatMap(branches)) {
      const st = s as Record<string, Json>;
      out.push({
        source,
        Effect: String(st.Effect),
        Action: asList(st.Action).flatMap(branches).map(String),
        Resource: asList(st.Resource).flatMap(branches),
        Condition: st.Condition as Record<string, unknown> | undefined,
        Principal: st.Principal,
      });
    }
  }
  return out;
}

/** All statements, identity and resource policies alike (trust policies included). */
export function allStatements(template: Template): Statement[] {
  const out: Statement[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::IAM::Role':
        out.push(...statementsOfDocument(`${id}/trust`, p.AssumeRolePolicyDocument));
        for (const policy of asList(p.Policies)) {
          const pol = policy as { PolicyName: string; PolicyDocument: Json };
          out.push(...statementsOfDocument(`${id}/${pol.PolicyName}`, pol.PolicyDocument));
        }
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::S3::BucketPolicy':
      case 'AWS::SNS::TopicPolicy':
        out.push(...statementsOfDocument(id, p.PolicyDocument));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The statements of one role's inline policies (trust policy excluded). */
export function roleStatements(template: Template, roleId: string): Statement[] {
  return allStatements(template).filter((s) => s.source.startsWith(`${roleId}/`) && !s.source.endsWith('/trust'));
}
