import {
  CancelStatementCommand,
  DescribeStatementCommand,
  type RedshiftDataClient,
  RedshiftDataServiceException,
} from '@aws-sdk/client-redshift-data';
import { type IngestError, RedshiftDataTaskError, TransientDataApiError } from '../errors';
import type { StatementTasks } from '../ports';

const upperFirst = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/**
 * A response as a Step Functions SDK task result: JSON only (dates ISO strings, blobs base64,
 * undefined members gone) and member names PascalCase at every level (the SDK's nested members
 * are camelCase, e.g. `QueryParameters[].name`; Step Functions capitalises them all).
 */
function asTaskResult(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(asTaskResult);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[upperFirst(k)] = asTaskResult(v);
    return out;
  }
  return value;
}

function taskResult(output: { $metadata?: unknown }): Record<string, unknown> {
  const { $metadata: _dropped, ...rest } = output;
  return asTaskResult(rest) as Record<string, unknown>;
}

/**
 * A Data API failure named as the aws-sdk:redshiftdata integration names it (Step Functions
 * Developer Guide, "Learning to use AWS service SDK integrations in Step Functions"):
 * - an exception the operation models: `RedshiftData.<Name>` (`Exception` suffix kept or added);
 * - an error the service returned but does not model (throttling, an access denial): the
 *   client's base exception, `RedshiftData.RedshiftDataException`; the JS SDK throws those as
 *   the base class itself, which is how they are told apart.
 * A call that got no answer at all (network, time-out; past the SDK's own retries) is a
 * TransientDataApiError, which the Lambda poll tasks retry.
 */
export function redshiftDataTaskError(operation: string, err: unknown): IngestError {
  if (err instanceof RedshiftDataServiceException) {
    const modeled = err.constructor !== RedshiftDataServiceException && err.name && err.name !== 'Error';
    const base = modeled ? err.name : 'RedshiftData';
    const exception = base.endsWith('Exception') ? base : `${base}Exception`;
    const status = err.$metadata?.httpStatusCode ?? 'unknown';
    const requestId = err.$metadata?.requestId ?? 'unknown';
    return new RedshiftDataTaskError(
      exception,
      `${err.message} (Service: RedshiftData, Operation: ${operation}, Status Code: ${status}, Request ID: ${requestId})`,
      { cause: err },
    );
  }
  const e = (err ?? {}) as { name?: string; message?: string };
  return new TransientDataApiError(
    `Data API ${operation}: no answer: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`,
    {
      cause: err,
    },
  );
}

/** {@link StatementTasks} over the Data API client, which targets the warehouse's region. */
export class DataApiStatementTasks implements StatementTasks {
  constructor(private readonly client: RedshiftDataClient) {}

  async describeStatement(id: string): Promise<Record<string, unknown>> {
    try {
      return taskResult(await this.client.send(new DescribeStatementCommand({ Id: id })));
    } catch (err) {
      throw redshiftDataTaskError('DescribeStatement', err);
    }
  }

  async cancelStatement(id: string): Promise<Record<string, unknown>> {
    try {
      return taskResult(await this.client.send(new CancelStatementCommand({ Id: id })));
    } catch (err) {
      throw redshiftDataTaskError('CancelStatement', err);
    }
  }
}
