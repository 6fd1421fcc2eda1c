import {
  CancelStatementCommand,
  DescribeStatementCommand,
  type RedshiftDataClient,
  RedshiftDataServiceException,
} from '@aws-sdk/client-redshift-data';
import { type IngestError, RedshiftDataTaskError, TransientDataApiError } from '../errors';
import type { StatementTasks } from '../ports';
import { sdkExceptionName, toSfnOutput } from './sfn-task-shape';

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
    const exception = sdkExceptionName('RedshiftData', err);
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
      return toSfnOutput(await this.client.send(new DescribeStatementCommand({ Id: id })));
    } catch (err) {
      throw redshiftDataTaskError('DescribeStatement', err);
    }
  }

  async cancelStatement(id: string): Promise<Record<string, unknown>> {
    try {
      return toSfnOutput(await this.client.send(new CancelStatementCommand({ Id: id })));
    } catch (err) {
      throw redshiftDataTaskError('CancelStatement', err);
    }
  }
}
