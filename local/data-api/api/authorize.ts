/**
 * IAM on the Data API: each operation is authorized as the identity that signed it, with the
 * action on the workgroup/cluster ARN plus the credential action the connection implies
 * ("Authorizing access to the Amazon Redshift Data API", Redshift Management Guide), before the
 * operation runs. A denial is the Data API's `AccessDeniedException` (HTTP 400, awsJson1_1).
 */
import type { Authorizer, OperationCall } from '../../iam';
import { DataApiError } from './errors';

type DataApiCall = Extract<OperationCall, { service: 'redshift-data' }>;

const OPERATIONS = new Set<string>([
  'ExecuteStatement',
  'BatchExecuteStatement',
  'DescribeStatement',
  'GetStatementResult',
  'CancelStatement',
  'ListStatements',
  'ListDatabases',
  'ListSchemas',
  'ListTables',
  'DescribeTable',
]);

/** An IAM denial, with the text and code the authorizer built. */
export class DataApiAccessDenied extends DataApiError {
  constructor(code: string, message: string) {
    super(code, message, 400);
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The IAM view of one request. */
export function dataApiCallOf(operation: string, input: Record<string, unknown>): DataApiCall | undefined {
  if (!OPERATIONS.has(operation)) return undefined;
  return {
    service: 'redshift-data',
    operation: operation as DataApiCall['operation'],
    workgroupName: text(input.WorkgroupName),
    clusterIdentifier: text(input.ClusterIdentifier),
    dbUser: text(input.DbUser),
    secretArn: text(input.SecretArn),
    database: text(input.Database),
  };
}

/** A hook for the transport: throws the Data API's AccessDeniedException when denied. */
export function dataApiAuthorization(authorizer: Authorizer) {
  return (operation: string, input: Record<string, unknown>, accessKeyId: string | undefined): void => {
    if (!authorizer.enabled) return;
    const call = dataApiCallOf(operation, input);
    // Calls naming no warehouse are refused by validation, as the service's own checks do first.
    if (!call) return;
    const needsWarehouse = !['DescribeStatement', 'GetStatementResult', 'CancelStatement', 'ListStatements'].includes(
      operation,
    );
    if (needsWarehouse && !call.workgroupName && !call.clusterIdentifier) return;
    const result = authorizer.authorize({ accessKeyId, call });
    if (!result.allowed) throw new DataApiAccessDenied(result.error.code, result.error.message);
  };
}
