import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { RedshiftTarget } from '../config';
import { AwsServiceError, PollTimeoutError, StatementFailedError, TransientDataApiError } from '../errors';
import type { Row, StatementInfo, StatementStatus, Warehouse } from '../ports';
import { awsError } from './aws-errors';

/** Connection members of every Data API call, from the configured target. */
function targetMembers(t: RedshiftTarget) {
  return t.kind === 'workgroup'
    ? { WorkgroupName: t.workgroupName, Database: t.database, SecretArn: t.secretArn }
    : { ClusterIdentifier: t.clusterIdentifier, Database: t.database, DbUser: t.dbUser, SecretArn: t.secretArn };
}

/** Statement errors that say nothing about the SQL: lost connections, serialization conflicts, restarts. */
const TRANSIENT_STATEMENT_ERROR =
  /connection (reset|refused|closed|lost)|could not complete query|serializable isolation violation|\b1023\b|terminating connection|cluster is (restarting|unavailable)|timed? ?out/i;

const THROTTLING = new Set(['ThrottlingException', 'ActiveStatementsExceededException', 'InternalServerException']);

/**
 * The SDK already retried; what is still throttled becomes a named error the state machine
 * retries, anything else an AwsServiceError naming the call.
 */
async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const name = (err as Error)?.name;
    if (THROTTLING.has(name)) throw new TransientDataApiError(`Data API: ${name}`, { cause: err });
    throw awsError(`Data API ${operation}`, err);
  }
}

/** The statement id of a submit response (always set by the Data API). */
function idOf(out: { Id?: string }, operation: string): string {
  if (!out.Id) throw new AwsServiceError(`Data API ${operation}: no statement id in the response`);
  return out.Id;
}

/** The value of a Data API `Field` (a union with exactly one member set). */
export const fieldValue = (f: Field): string | number | boolean | null => {
  if (f.isNull) return null;
  if (f.stringValue !== undefined) return f.stringValue;
  if (f.longValue !== undefined) return f.longValue;
  if (f.doubleValue !== undefined) return f.doubleValue;
  if (f.booleanValue !== undefined) return f.booleanValue;
  return null;
};

export interface PollOptions {
  /** First wait between DescribeStatement calls (ms); doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up (PollTimeoutError) after this long. */
  timeoutMs?: number;
}

/** Warehouse over the Redshift Data API. */
export class DataApiWarehouse implements Warehouse {
  constructor(
    private readonly client: RedshiftDataClient,
    private readonly target: RedshiftTarget,
    private readonly poll: PollOptions = {},
  ) {}

  async submit(sql: string, params?: Record<string, string>): Promise<string> {
    const Parameters =
      params && Object.keys(params).length > 0
        ? Object.entries(params).map(([name, value]) => ({ name, value }))
        : undefined;
    const out = await call('ExecuteStatement', () =>
      this.client.send(new ExecuteStatementCommand({ ...targetMembers(this.target), Sql: sql, Parameters })),
    );
    return idOf(out, 'ExecuteStatement');
  }

  async submitBatch(sqls: string[]): Promise<string> {
    const out = await call('BatchExecuteStatement', () =>
      this.client.send(new BatchExecuteStatementCommand({ ...targetMembers(this.target), Sqls: sqls })),
    );
    return idOf(out, 'BatchExecuteStatement');
  }

  async describe(id: string): Promise<StatementInfo> {
    const d = await call('DescribeStatement', () => this.client.send(new DescribeStatementCommand({ Id: id })));
    return {
      id,
      status: d.Status as StatementStatus,
      error: d.Error,
      queryId: d.RedshiftQueryId && d.RedshiftQueryId > 0 ? d.RedshiftQueryId : undefined,
      hasResultSet: d.HasResultSet === true,
      durationSeconds: d.Duration !== undefined && d.Duration >= 0 ? d.Duration / 1e9 : undefined,
      subStatements: (d.SubStatements ?? []).map((s, i) => ({
        id: s.Id ?? `${id}:${i + 1}`,
        status: s.Status as StatementStatus,
        error: s.Error,
        queryId: s.RedshiftQueryId && s.RedshiftQueryId > 0 ? s.RedshiftQueryId : undefined,
      })),
    };
  }

  /** Polls until the statement ends; FAILED/ABORTED become StatementFailedError. */
  async waitFor(id: string): Promise<StatementInfo> {
    const { initialDelayMs = 25, maxDelayMs = 1000, timeoutMs = 10 * 60_000 } = this.poll;
    const deadline = Date.now() + timeoutMs;
    let delay = initialDelayMs;
    for (;;) {
      const info = await this.describe(id);
      if (info.status === 'FINISHED') return info;
      if (info.status === 'FAILED' || info.status === 'ABORTED') {
        const message = info.error ?? `statement ${info.status}`;
        // Failures of the connection, not of the SQL: the state machine retries these.
        if (TRANSIENT_STATEMENT_ERROR.test(message)) throw new TransientDataApiError(message);
        throw new StatementFailedError(message, id);
      }
      if (Date.now() > deadline)
        throw new PollTimeoutError(`statement ${id} still ${info.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }

  async query(sql: string, params?: Record<string, string>): Promise<Row[]> {
    const id = await this.submit(sql, params);
    const info = await this.waitFor(id);
    const rows: Row[] = [];
    if (!info.hasResultSet) return rows;
    let token: string | undefined;
    do {
      const page = await call('GetStatementResult', () =>
        this.client.send(new GetStatementResultCommand({ Id: id, NextToken: token })),
      );
      const names = (page.ColumnMetadata ?? []).map((c) => c.name ?? c.label ?? '');
      for (const record of page.Records ?? []) {
        const row: Row = {};
        for (const [i, f] of record.entries()) row[names[i]] = fieldValue(f);
        rows.push(row);
      }
      token = page.NextToken || undefined;
    } while (token);
    return rows;
  }

  async runBatch(sqls: string[]): Promise<void> {
    await this.waitFor(await this.submitBatch(sqls));
  }
}
