/**
 * Resolves the CloudFormation intrinsics of a template to what they would be in the local
 * account: `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::If` (with the template's
 * Conditions), `Fn::Select`, `Fn::Split`, `AWS::NoValue` (CloudFormation User Guide, "Intrinsic
 * function reference" and "Pseudo parameters reference"). Physical names follow CloudFormation:
 * the name property when set, else one generated from the stack and logical id (CloudFormation
 * appends a random suffix; locally the name stays deterministic and without it).
 */

export interface CfnResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  Conditions?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
}

export interface CfnEnvironment {
  partition: string;
  region: string;
  accountId: string;
  stackName: string;
  /** The ARN of a Lambda function from its physical name (the local runner's convention). */
  functionArn(functionName: string): string;
}

/** The template uses an intrinsic or reference this resolver cannot give a local value. */
export class TemplateResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateResolutionError';
  }
}

/** `{ Ref: 'AWS::NoValue' }`: the property or list item is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

export class CfnResolver {
  private readonly physical = new Map<string, Record<string, string>>();
  private readonly conditions = new Map<string, boolean>();

  constructor(
    readonly template: CfnTemplate,
    readonly env: CfnEnvironment,
  ) {}

  private pseudo(name: string): string | typeof NO_VALUE | undefined {
    const e = this.env;
    const values: Record<string, string> = {
      'AWS::AccountId': e.accountId,
      'AWS::Region': e.region,
      'AWS::Partition': e.partition,
      'AWS::StackName': e.stackName,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackId': `arn:${e.partition}:cloudformation:${e.region}:${e.accountId}:stack/${e.stackName}/local`,
    };
    if (name === 'AWS::NoValue') return NO_VALUE;
    return values[name];
  }

  /** Whether a named condition of the template holds. */
  condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const expr = this.template.Conditions?.[name];
    if (expr === undefined) throw new TemplateResolutionError(`unknown condition ${name}`);
    const value = this.truth(expr);
    this.conditions.set(name, value);
    return value;
  }

  private truth(expr: unknown): boolean {
    const [fn, arg] = Object.entries(expr as Record<string, unknown>)[0] ?? [];
    const args = arg as unknown[];
    switch (fn) {
      case 'Condition':
        return this.condition(String(arg));
      case 'Fn::Equals':
        return String(this.resolve(args[0])) === String(this.resolve(args[1]));
      case 'Fn::Not':
        return !this.truth(args[0]);
      case 'Fn::And':
        return args.every((a) => this.truth(a));
      case 'Fn::Or':
        return args.some((a) => this.truth(a));
      default:
        throw new TemplateResolutionError(`unsupported condition function ${String(fn)}`);
    }
  }

  /** The resource exists in this deployment (its Condition, if any, holds). */
  exists(logicalId: string): boolean {
    const r = this.template.Resources[logicalId];
    return r !== undefined && (r.Condition === undefined || this.condition(r.Condition));
  }

  private attributes(logicalId: string): Record<string, string> {
    const cached = this.physical.get(logicalId);
    if (cached) return cached;
    const r = this.template.Resources[logicalId];
    if (!r) throw new TemplateResolutionError(`no resource ${logicalId}`);
    // Only the name properties are resolved: the rest may use intrinsics with no local value.
    const props = (key: string): unknown => this.resolve(r.Properties?.[key]);
    const generated = `${this.env.stackName}-${logicalId}`;
    const attrs = (ATTRIBUTES[r.Type] ?? (() => ({ Ref: logicalId })))(generated, props, this.env);
    this.physical.set(logicalId, attrs);
    return attrs;
  }

  private ref(name: string): string | typeof NO_VALUE {
    const pseudo = this.pseudo(name);
    if (pseudo !== undefined) return pseudo;
    return this.attributes(name).Ref;
  }

  private getAtt(logicalId: string, attr: string): string {
    const value = this.attributes(logicalId)[attr];
    if (value === undefined) throw new TemplateResolutionError(`${logicalId} has no local value for ${attr}`);
    return value;
  }

  private sub(text: string, vars: Record<string, unknown>): string {
    return text.replace(/\$\{(!?)([^}]+)\}/g, (_m, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (name in vars) return String(vars[name]);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return this.getAtt(name.slice(0, dot), name.slice(dot + 1));
      return String(this.ref(name));
    });
  }

  /** A copy of `value` with every intrinsic resolved; NO_VALUE where AWS::NoValue was chosen. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      const args = arg as unknown[];
      switch (fn) {
        case 'Ref':
          return this.ref(String(arg));
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
          return this.getAtt(id, attr);
        }
        case 'Fn::Sub':
          if (typeof arg === 'string') return this.sub(arg, {});
          if (!Array.isArray(arg)) throw new TemplateResolutionError('Fn::Sub takes a string or [string, variables]');
          return this.sub(String(args[0]), (this.resolve(args[1] ?? {}) ?? {}) as Record<string, unknown>);
        case 'Fn::Join':
          return (this.resolve(args[1]) as unknown[]).map(String).join(String(args[0]));
        case 'Fn::If':
          return this.resolve(this.condition(String(args[0])) ? args[1] : args[2]);
        case 'Fn::Select':
          return (this.resolve(args[1]) as unknown[])[Number(this.resolve(args[0]))];
        case 'Fn::Split':
          return String(this.resolve(args[1])).split(String(args[0]));
        case 'Fn::ImportValue':
        case 'Fn::FindInMap':
        case 'Fn::GetAZs':
          throw new TemplateResolutionError(`${fn} has no local value`);
        default:
          break;
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const resolved = this.resolve(v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }
}

type Props = (key: string) => unknown;

const named = (props: Props, key: string, generated: string): string => {
  const value = props(key);
  return typeof value === 'string' ? value : generated;
};

const ATTRIBUTES: Record<string, (generated: string, p: Props, e: CfnEnvironment) => Record<string, string>> = {
  'AWS::IAM::Role': (g, p, e) => {
    const name = named(p, 'RoleName', g);
    const path = typeof p('Path') === 'string' ? String(p('Path')) : '/';
    return { Ref: name, Arn: `arn:${e.partition}:iam::${e.accountId}:role${path}${name}`, RoleId: `AROALOCAL${name}` };
  },
  'AWS::SQS::Queue': (g, p, e) => {
    const name = named(p, 'QueueName', g);
    const arn = `arn:${e.partition}:sqs:${e.region}:${e.accountId}:${name}`;
    return {
      Ref: `https://sqs.${e.region}.amazonaws.com/${e.accountId}/${name}`,
      Arn: arn,
      QueueName: name,
      QueueUrl: '',
    };
  },
  'AWS::S3::Bucket': (g, p, e) => {
    const name = named(p, 'BucketName', g.toLowerCase());
    return { Ref: name, Arn: `arn:${e.partition}:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com` };
  },
  'AWS::Lambda::Function': (g, p, e) => {
    const name = named(p, 'FunctionName', g);
    return { Ref: name, Arn: e.functionArn(name) };
  },
  'AWS::Logs::LogGroup': (g, p, e) => {
    const name = named(p, 'LogGroupName', g);
    return { Ref: name, Arn: `arn:${e.partition}:logs:${e.region}:${e.accountId}:log-group:${name}:*` };
  },
  'AWS::StepFunctions::StateMachine': (g, p, e) => {
    const name = named(p, 'StateMachineName', g);
    const arn = `arn:${e.partition}:states:${e.region}:${e.accountId}:stateMachine:${name}`;
    return { Ref: arn, Arn: arn, Name: name };
  },
  'AWS::SNS::Topic': (g, p, e) => {
    const name = named(p, 'TopicName', g);
    const arn = `arn:${e.partition}:sns:${e.region}:${e.accountId}:${name}`;
    return { Ref: arn, TopicArn: arn, TopicName: name };
  },
  'AWS::IAM::ManagedPolicy': (g, p, e) => {
    const name = named(p, 'ManagedPolicyName', g);
    return {
      Ref: `arn:${e.partition}:iam::${e.accountId}:policy/${name}`,
      PolicyArn: `arn:${e.partition}:iam::${e.accountId}:policy/${name}`,
    };
  },
};
