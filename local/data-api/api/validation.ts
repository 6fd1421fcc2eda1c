/**
 * Input validation of Data API requests, per the service model's constraints (patterns,
 * lengths, required members). Every failure is a ValidationException, as the service returns.
 */
import { bindParameters, type SqlParameter, UnknownParameterError } from '../dialect/parameters';
import { ValidationException } from './errors';
import type { ConnectionInfo } from './statement-store';

/** Statement id, optionally `:n` for a batch sub-statement. */
export const STATEMENT_ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d+)?$/;
const CLUSTER_ID_PATTERN = /^[a-z]([a-z0-9]|-[a-z0-9])*$/;
const PARAMETER_NAME_PATTERN = /^[0-9a-zA-Z_]+$/;
/** Redshift's limit on statement text. */
const MAX_SQL_BYTES = 100 * 1024;

type Input = Record<string, unknown>;

function optionalString(input: Input, key: string, min: number, max: number): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationException(`${key} must be a string.`);
  if (value.length < min || value.length > max) {
    throw new ValidationException(`${key} must have length between ${min} and ${max}.`);
  }
  return value;
}

/** A statement id (Describe, GetStatementResult, Cancel). */
export function validateId(input: Input): string {
  const id = input.Id;
  if (typeof id !== 'string' || !STATEMENT_ID_PATTERN.test(id)) {
    throw new ValidationException(`id must satisfy regex pattern: ${STATEMENT_ID_PATTERN.source}`);
  }
  return id;
}

/** WaitTimeSeconds for long polling: 0 (or absent) = answer at once, at most 30. */
export function validateWait(input: Input): number {
  const wait = input.WaitTimeSeconds;
  if (wait === undefined || wait === null) return 0;
  if (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0 || wait > 30) {
    throw new ValidationException('WaitTimeSeconds must be an integer between 1 and 30.');
  }
  return wait;
}

/** Connection members: one of WorkgroupName / ClusterIdentifier / SecretArn, and Database. */
export function validateConnection(input: Input): ConnectionInfo {
  const connection: ConnectionInfo = {
    ClusterIdentifier: optionalString(input, 'ClusterIdentifier', 1, 63),
    WorkgroupName: optionalString(input, 'WorkgroupName', 3, 128),
    SecretArn: optionalString(input, 'SecretArn', 1, 2048),
    DbUser: optionalString(input, 'DbUser', 1, 128),
    Database: optionalString(input, 'Database', 1, 127),
  };
  if (connection.ClusterIdentifier && !CLUSTER_ID_PATTERN.test(connection.ClusterIdentifier)) {
    throw new ValidationException(`clusterIdentifier must satisfy regex pattern: ${CLUSTER_ID_PATTERN.source}`);
  }
  if (input.SessionId !== undefined && input.SessionId !== null) return {};
  if (!connection.WorkgroupName && !connection.ClusterIdentifier && !connection.SecretArn) {
    throw new ValidationException('Either WorkgroupName, ClusterIdentifier or SecretArn must be specified.');
  }
  if (connection.WorkgroupName && connection.ClusterIdentifier) {
    throw new ValidationException('Specify either WorkgroupName or ClusterIdentifier, not both.');
  }
  if (!connection.Database && !input.SessionId) throw new ValidationException('Database must be specified.');
  return connection;
}

/** Members that name a connection, which a call with SessionId must not repeat. */
const CONNECTION_MEMBERS = ['Database', 'WorkgroupName', 'ClusterIdentifier', 'SecretArn', 'DbUser'] as const;

/**
 * SessionId and SessionKeepAliveSeconds (0..86400: "The maximum time a session can keep alive
 * is 24 hours"). A call in an existing session takes its connection from the session: naming
 * one as well is refused.
 */
export function validateSession(input: Input): { sessionId?: string; keepAliveSeconds?: number } {
  const keep = input.SessionKeepAliveSeconds;
  if (keep !== undefined && keep !== null) {
    if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < 0 || keep > 86400) {
      throw new ValidationException('SessionKeepAliveSeconds must be an integer between 0 and 86400.');
    }
  }
  const sessionId = input.SessionId;
  if (sessionId === undefined || sessionId === null) return { keepAliveSeconds: keep as number | undefined };
  if (typeof sessionId !== 'string' || !STATEMENT_ID_PATTERN.test(sessionId)) {
    throw new ValidationException(`sessionId must satisfy regex pattern: ${STATEMENT_ID_PATTERN.source}`);
  }
  const named = CONNECTION_MEMBERS.filter((key) => input[key] !== undefined && input[key] !== null);
  if (named.length > 0) {
    throw new ValidationException(
      `SessionId cannot be specified together with ${named.join(', ')}: the session already has a connection.`,
    );
  }
  return { sessionId, keepAliveSeconds: keep as number | undefined };
}

function validateSqlText(sql: unknown, key: string): string {
  if (typeof sql !== 'string' || sql.trim().length === 0)
    throw new ValidationException(`${key} must be a non-empty string.`);
  if (Buffer.byteLength(sql) > MAX_SQL_BYTES)
    throw new ValidationException(`${key} exceeds the maximum length of 100 KB.`);
  return sql;
}

/** Sql of ExecuteStatement. */
export function validateSql(input: Input): string {
  return validateSqlText(input.Sql, 'Sql');
}

/** Sqls of BatchExecuteStatement: 1..40 statements. */
export function validateSqls(input: Input): string[] {
  const sqls = input.Sqls;
  if (!Array.isArray(sqls) || sqls.length < 1 || sqls.length > 40) {
    throw new ValidationException('Sqls must contain between 1 and 40 SQL statements.');
  }
  return sqls.map((s, k) => validateSqlText(s, `Sqls[${k}]`));
}

/** Parameters: at least one when present; names match the pattern; values non-empty strings. */
export function validateParameters(input: Input): SqlParameter[] | undefined {
  const params = input.Parameters;
  if (params === undefined || params === null) return undefined;
  if (!Array.isArray(params) || params.length === 0)
    throw new ValidationException('Parameters must contain at least 1 item.');
  return params.map((p: Input) => {
    if (typeof p?.name !== 'string' || !PARAMETER_NAME_PATTERN.test(p.name)) {
      throw new ValidationException(`parameter name must satisfy regex pattern: ${PARAMETER_NAME_PATTERN.source}`);
    }
    if (typeof p.value !== 'string' || p.value.length < 1) {
      throw new ValidationException(`Value of parameter ${p.name} must be a string of length at least 1.`);
    }
    return { name: p.name, value: p.value };
  });
}

/** Every `:name` placeholder of `sqls` has a parameter: checked before anything is queued. */
export function validateParameterUse(sqls: string[], parameters: SqlParameter[] | undefined): void {
  try {
    for (const sql of sqls) bindParameters(sql, parameters);
  } catch (error) {
    if (error instanceof UnknownParameterError) throw new ValidationException(error.message);
    throw error;
  }
}

/** Members shared by ExecuteStatement and BatchExecuteStatement other than the SQL. */
export function validateStatementOptions(input: Input) {
  const resultFormat = optionalString(input, 'ResultFormat', 1, 10);
  if (resultFormat && resultFormat !== 'JSON' && resultFormat !== 'CSV') {
    throw new ValidationException('ResultFormat must be JSON or CSV.');
  }
  const executionMode = optionalString(input, 'ExecutionMode', 1, 20);
  if (executionMode && executionMode !== 'TRANSACTION' && executionMode !== 'AUTO_COMMIT') {
    throw new ValidationException('ExecutionMode must be TRANSACTION or AUTO_COMMIT.');
  }
  return {
    statementName: optionalString(input, 'StatementName', 0, 500),
    clientToken: optionalString(input, 'ClientToken', 1, 64),
    resultFormat: resultFormat as 'JSON' | 'CSV' | undefined,
    executionMode: executionMode as 'TRANSACTION' | 'AUTO_COMMIT' | undefined,
    wait: validateWait(input),
  };
}

/** MaxResults of a List operation. */
export function validateMaxResults(input: Input, max: number, fallback: number): number {
  const value = input.MaxResults;
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ValidationException(`MaxResults must be between 0 and ${max}.`);
  }
  return value;
}
