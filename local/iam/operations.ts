/**
 * Each operation the local stack serves, mapped to the IAM action(s) it is authorized as, on
 * which resource ARN(s), with which condition keys. Sources: the Service Authorization
 * Reference pages "Actions, resources, and condition keys for Amazon S3 / Amazon Redshift Data
 * API / Amazon Redshift Serverless / Amazon Redshift / AWS Step Functions / Amazon SQS / AWS
 * Lambda / AWS STS / AWS Secrets Manager" (through the catalogue), the S3 API Reference
 * ("HeadObject", "HeadBucket", "ListObjectsV2", "CopyObject": the permissions each needs) and
 * the Redshift Management Guide ("Authorizing access to the Amazon Redshift Data API": the
 * credential actions each way of connecting implies).
 */
import type { Catalogue, ResourceTypeName, ServedAction } from './catalogue';
import type { ContextValue } from './request-context';

export type S3Operation =
  | 'GetObject'
  | 'HeadObject'
  | 'PutObject'
  | 'CopyObject'
  | 'DeleteObject'
  | 'DeleteObjects'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'UploadPartCopy'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListParts'
  | 'ListMultipartUploads'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'HeadBucket'
  | 'GetBucketLocation'
  | 'ListBuckets'
  | 'CreateBucket'
  | 'GetBucketNotificationConfiguration'
  | 'PutBucketNotificationConfiguration';

export type DataApiOperation =
  | 'ExecuteStatement'
  | 'BatchExecuteStatement'
  | 'DescribeStatement'
  | 'GetStatementResult'
  | 'CancelStatement'
  | 'ListStatements'
  | 'ListDatabases'
  | 'ListSchemas'
  | 'ListTables'
  | 'DescribeTable';

export type SfnOperation =
  | 'StartExecution'
  | 'DescribeExecution'
  | 'StopExecution'
  | 'ListExecutions'
  | 'DescribeStateMachine'
  | 'GetExecutionHistory';

/** One call as a server sees it. */
export type OperationCall =
  | {
      service: 's3';
      operation: S3Operation;
      bucket?: string;
      key?: string;
      /** DeleteObjects: every key of the request. */
      keys?: string[];
      /** CopyObject / UploadPartCopy: the source. */
      source?: { bucket: string; key: string };
      /** ListObjects(V2): the request's parameters (condition keys `s3:prefix`, ...). */
      prefix?: string;
      delimiter?: string;
      maxKeys?: number;
    }
  | {
      service: 'redshift-data';
      operation: DataApiOperation;
      workgroupName?: string;
      clusterIdentifier?: string;
      dbUser?: string;
      secretArn?: string;
      database?: string;
      /** DescribeStatement & co.: the IAM user id of the statement's owner, when known. */
      statementOwnerUserId?: string;
    }
  | { service: 'states'; operation: SfnOperation; stateMachineArn?: string; executionArn?: string }
  | { service: 'sqs'; operation: 'SendMessage'; queueArn: string }
  | { service: 'lambda'; operation: 'Invoke'; functionArn: string }
  | { service: 'sts'; operation: 'AssumeRole'; roleArn: string; roleSessionName?: string };

/** One IAM check a call needs: all of a call's checks must pass. */
export interface ActionCheck {
  action: ServedAction;
  resource: string;
  context: Record<string, ContextValue | undefined>;
}

/** Where ARNs point: the local stack's partition, region and account; workgroup name -> id. */
export interface ArnEnvironment {
  partition: string;
  region: string;
  accountId: string;
  /** Workgroup ARNs use the workgroup's ID, not its name ("redshiftWorkgroupId" in deploy.md). */
  workgroupId(name: string): string;
}

/** The call lacks what its mapping needs (a bucket, a workgroup or cluster, ...). */
export class OperationMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationMappingError';
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new OperationMappingError(`the call names no ${what}`);
  return value;
}

export class OperationMap {
  private readonly checkedKeys = new Set<string>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly env: ArnEnvironment,
  ) {}

  private arn(type: ResourceTypeName, values: Record<string, string>): string {
    const { partition: Partition, region: Region, accountId: Account } = this.env;
    return this.catalogue.arn(type, { Partition, Region, Account, ...values });
  }

  private check(action: ServedAction, resource: string, context: ActionCheck['context'] = {}): ActionCheck {
    for (const key of Object.keys(context)) {
      // Checked once per action and key: the catalogue's global key lookup is a linear scan.
      const pair = `${action} ${key}`;
      if (this.checkedKeys.has(pair)) continue;
      this.checkedKeys.add(pair);
      if (!this.catalogue.supportsConditionKey(action, key)) {
        throw new OperationMappingError(`${action} has no condition key ${key}`);
      }
    }
    return { action, resource, context };
  }

  /** The IAM checks of one call, in the order AWS reports the first failing one. */
  checksFor(call: OperationCall): ActionCheck[] {
    switch (call.service) {
      case 's3':
        return this.s3(call);
      case 'redshift-data':
        return this.dataApi(call);
      case 'states':
        return this.states(call);
      case 'sqs':
        return [this.check('sqs:SendMessage', call.queueArn)];
      case 'lambda':
        return [this.check('lambda:InvokeFunction', call.functionArn)];
      case 'sts':
        return [this.check('sts:AssumeRole', call.roleArn, { 'sts:RoleSessionName': call.roleSessionName })];
    }
  }

  private object(bucket: string, key: string): string {
    return this.arn('s3:object', { BucketName: bucket, ObjectName: key });
  }

  private s3(call: Extract<OperationCall, { service: 's3' }>): ActionCheck[] {
    if (call.operation === 'ListBuckets') return [this.check('s3:ListAllMyBuckets', '*')];
    const bucket = need(call.bucket, 'bucket');
    const bucketArn = this.arn('s3:bucket', { BucketName: bucket });
    const objectArn = (): string => this.object(bucket, need(call.key, 'key'));
    switch (call.operation) {
      // HeadObject is authorized as s3:GetObject (S3 API Reference, "HeadObject").
      case 'GetObject':
      case 'HeadObject':
        return [this.check('s3:GetObject', objectArn())];
      case 'PutObject':
      case 'CreateMultipartUpload':
      case 'UploadPart':
      case 'CompleteMultipartUpload':
        return [this.check('s3:PutObject', objectArn())];
      // A copy reads the source and writes the target ("CopyObject", "UploadPartCopy").
      case 'CopyObject':
      case 'UploadPartCopy': {
        const source = need(call.source, 'copy source');
        return [
          this.check('s3:GetObject', this.object(source.bucket, source.key)),
          this.check('s3:PutObject', objectArn(), { 's3:x-amz-copy-source': `${source.bucket}/${source.key}` }),
        ];
      }
      case 'DeleteObject':
        return [this.check('s3:DeleteObject', objectArn())];
      // DeleteObjects is authorized per key as s3:DeleteObject ("DeleteObjects").
      case 'DeleteObjects':
        return (call.keys ?? []).map((key) => this.check('s3:DeleteObject', this.object(bucket, key)));
      case 'AbortMultipartUpload':
        return [this.check('s3:AbortMultipartUpload', objectArn())];
      case 'ListParts':
        return [this.check('s3:ListMultipartUploadParts', objectArn())];
      case 'ListMultipartUploads':
        return [this.check('s3:ListBucketMultipartUploads', bucketArn)];
      case 'ListObjects':
      case 'ListObjectsV2':
        return [
          this.check('s3:ListBucket', bucketArn, {
            's3:prefix': call.prefix,
            's3:delimiter': call.delimiter,
            's3:max-keys': call.maxKeys === undefined ? undefined : String(call.maxKeys),
          }),
        ];
      // HeadBucket needs s3:ListBucket ("HeadBucket": "you must have permissions to perform the s3:ListBucket action").
      case 'HeadBucket':
        return [this.check('s3:ListBucket', bucketArn)];
      case 'GetBucketLocation':
        return [this.check('s3:GetBucketLocation', bucketArn)];
      case 'CreateBucket':
        return [this.check('s3:CreateBucket', bucketArn)];
      case 'GetBucketNotificationConfiguration':
        return [this.check('s3:GetBucketNotification', bucketArn)];
      case 'PutBucketNotificationConfiguration':
        return [this.check('s3:PutBucketNotification', bucketArn)];
    }
  }

  /** The warehouse ARN a Data API call names (the resource of the redshift-data: action). */
  private warehouse(call: Extract<OperationCall, { service: 'redshift-data' }>): string {
    if (call.workgroupName)
      return this.arn('redshift-serverless:workgroup', { WorkgroupId: this.env.workgroupId(call.workgroupName) });
    return this.arn('redshift:cluster', {
      ClusterName: need(call.clusterIdentifier, 'WorkgroupName or ClusterIdentifier'),
    });
  }

  /**
   * The credential action a connection implies ("Authorizing access to the Amazon Redshift Data
   * API"): a secret -> secretsmanager:GetSecretValue; a workgroup with IAM identity ->
   * redshift-serverless:GetCredentials; a cluster with DbUser -> redshift:GetClusterCredentials on
   * the dbuser; a cluster without -> redshift:GetClusterCredentialsWithIAM on the dbname.
   */
  private credentials(call: Extract<OperationCall, { service: 'redshift-data' }>): ActionCheck {
    if (call.secretArn) return this.check('secretsmanager:GetSecretValue', call.secretArn);
    if (call.workgroupName) return this.check('redshift-serverless:GetCredentials', this.warehouse(call));
    const cluster = need(call.clusterIdentifier, 'WorkgroupName or ClusterIdentifier');
    const database = need(call.database, 'Database');
    if (call.dbUser) {
      return this.check(
        'redshift:GetClusterCredentials',
        this.arn('redshift:dbuser', { ClusterName: cluster, DbUser: call.dbUser }),
        {
          'redshift:DbUser': call.dbUser,
          'redshift:DbName': database,
        },
      );
    }
    return this.check(
      'redshift:GetClusterCredentialsWithIAM',
      this.arn('redshift:dbname', { ClusterName: cluster, DbName: database }),
      {
        'redshift:DbName': database,
      },
    );
  }

  private dataApi(call: Extract<OperationCall, { service: 'redshift-data' }>): ActionCheck[] {
    const action = `redshift-data:${call.operation}` as ServedAction;
    switch (call.operation) {
      case 'ExecuteStatement':
      case 'BatchExecuteStatement':
      case 'ListDatabases':
      case 'ListSchemas':
      case 'ListTables':
      case 'DescribeTable':
        return [this.check(action, this.warehouse(call)), this.credentials(call)];
      // No resource-level permission: Resource "*" (Service Authorization Reference, Redshift Data API).
      case 'DescribeStatement':
      case 'GetStatementResult':
      case 'CancelStatement':
      case 'ListStatements':
        return [this.check(action, '*', { 'redshift-data:statement-owner-iam-userid': call.statementOwnerUserId })];
    }
  }

  private states(call: Extract<OperationCall, { service: 'states' }>): ActionCheck[] {
    const action = `states:${call.operation}` as ServedAction;
    switch (call.operation) {
      case 'StartExecution':
      case 'ListExecutions':
      case 'DescribeStateMachine':
        return [this.check(action, need(call.stateMachineArn, 'stateMachineArn'))];
      case 'DescribeExecution':
      case 'StopExecution':
      case 'GetExecutionHistory':
        return [this.check(action, need(call.executionArn, 'executionArn'))];
    }
  }
}
