/**
 * The identities a deployment defines, read from its CloudFormation template: every role with
 * its inline policies, the customer managed policies and AWS::IAM::Policy resources attached
 * to it, and its trust policy; which role each Lambda function and each state machine runs
 * as; and the resource-based policies of buckets and queues. Resources whose Condition is
 * false do not exist, and statements inside `Fn::If` keep only the chosen branch, so what is
 * evaluated is what this deployment's parameters would really grant.
 */
import type { CfnResolver, CfnTemplate } from './cfn-resolve';
import type { PolicyDocument, SourcedPolicy } from './policy';

export interface RoleIdentity {
  logicalId?: string;
  name: string;
  arn: string;
  /** Identity-based policies (inline and attached). */
  policies: SourcedPolicy[];
  /** The role's trust policy (the resource-based policy sts:AssumeRole is checked against). */
  trust?: PolicyDocument;
  /** AWS managed policies attached by ARN: their contents are not known locally. */
  unknownManagedPolicies: string[];
}

export interface ResourcePolicy {
  /** `s3` bucket name or `sqs` queue ARN the policy is attached to. */
  service: 's3' | 'sqs';
  target: string;
  policy: SourcedPolicy;
}

export interface DeployedIdentities {
  partition: string;
  region: string;
  accountId: string;
  /** Role ARN -> role. */
  roles: Map<string, RoleIdentity>;
  /** Lambda physical function name -> { role ARN, function ARN }. */
  functions: Map<string, { roleArn: string; functionArn: string; logicalId: string }>;
  /** State machine name -> role ARN. */
  stateMachines: Map<string, { roleArn: string; arn: string }>;
  resourcePolicies: ResourcePolicy[];
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A queue URL (what `Ref` of a queue gives, and what QueuePolicy names) as its ARN. */
function queueUrlToArn(url: string, partition: string): string {
  const m = /^https?:\/\/sqs\.([^.]+)\.[^/]+\/(\d{12})\/([^/]+)$/.exec(url);
  return m ? `arn:${partition}:sqs:${m[1]}:${m[2]}:${m[3]}` : url;
}

/** Reads the identities of a template (intrinsics resolved with `resolver`'s environment). */
export function identitiesFromTemplate(template: CfnTemplate, resolver: CfnResolver): DeployedIdentities {
  const { partition, region, accountId } = resolver.env;
  const ids: DeployedIdentities = {
    partition,
    region,
    accountId,
    roles: new Map(),
    functions: new Map(),
    stateMachines: new Map(),
    resourcePolicies: [],
  };
  const byLogicalId = new Map<string, RoleIdentity>();
  const resources = Object.entries(template.Resources).filter(([id]) => resolver.exists(id));
  const resolvedProps = (props: unknown): Record<string, unknown> =>
    (resolver.resolve(props ?? {}) ?? {}) as Record<string, unknown>;

  for (const [id, r] of resources) {
    if (r.Type !== 'AWS::IAM::Role') continue;
    const p = resolvedProps(r.Properties);
    const { Ref: name, Arn: arn } = {
      Ref: String(resolver.resolve({ Ref: id })),
      Arn: String(resolver.resolve({ 'Fn::GetAtt': [id, 'Arn'] })),
    };
    const role: RoleIdentity = {
      logicalId: id,
      name,
      arn,
      trust: p.AssumeRolePolicyDocument as PolicyDocument | undefined,
      policies: asList(p.Policies).map((pol) => {
        const { PolicyName, PolicyDocument: doc } = pol as { PolicyName: string; PolicyDocument: PolicyDocument };
        return { source: `${id}/${PolicyName}`, document: doc };
      }),
      unknownManagedPolicies: [],
    };
    for (const managed of asList(p.ManagedPolicyArns).map(String)) {
      const local = resources.find(
        ([mid, m]) => m.Type === 'AWS::IAM::ManagedPolicy' && resolver.resolve({ Ref: mid }) === managed,
      );
      if (local)
        role.policies.push({
          source: local[0],
          document: resolvedProps(local[1].Properties).PolicyDocument as PolicyDocument,
        });
      else role.unknownManagedPolicies.push(managed);
    }
    ids.roles.set(arn, role);
    byLogicalId.set(name, role);
  }

  for (const [id, r] of resources) {
    const p = () => resolvedProps(r.Properties);
    switch (r.Type) {
      // Policies that name the roles they attach to (Roles: [!Ref Role]).
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const props = p();
        for (const roleName of asList(props.Roles).map(String)) {
          byLogicalId.get(roleName)?.policies.push({ source: id, document: props.PolicyDocument as PolicyDocument });
        }
        break;
      }
      case 'AWS::Lambda::Function': {
        const name = String(resolver.resolve({ Ref: id }));
        const roleArn = String(resolver.resolve(r.Properties?.Role));
        ids.functions.set(name, {
          roleArn,
          functionArn: String(resolver.resolve({ 'Fn::GetAtt': [id, 'Arn'] })),
          logicalId: id,
        });
        break;
      }
      case 'AWS::StepFunctions::StateMachine': {
        const name = String(resolver.resolve({ 'Fn::GetAtt': [id, 'Name'] }));
        const roleArn = String(resolver.resolve(r.Properties?.RoleArn));
        ids.stateMachines.set(name, { roleArn, arn: String(resolver.resolve({ Ref: id })) });
        break;
      }
      case 'AWS::S3::BucketPolicy': {
        const props = p();
        const document = props.PolicyDocument as PolicyDocument;
        ids.resourcePolicies.push({ service: 's3', target: String(props.Bucket), policy: { source: id, document } });
        break;
      }
      case 'AWS::SQS::QueuePolicy': {
        const props = p();
        const document = props.PolicyDocument as PolicyDocument;
        for (const url of asList(props.Queues).map(String)) {
          ids.resourcePolicies.push({
            service: 'sqs',
            target: queueUrlToArn(url, partition),
            policy: { source: id, document },
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return ids;
}
