/**
 * Response shapes of the statement operations (DescribeStatement, ListStatements,
 * GetStatementResult[V2]), built from StatementRecords. Members follow the service model;
 * timestamps are epoch seconds, -1 means "not applicable".
 */
import { columnMetadata, resultPage, toCsv, toField } from './results';
import { isTerminal, type StatementRecord } from './statement-store';

const orUndefined = <T>(v: T | undefined | null): T | undefined => (v === null ? undefined : v);

function common(record: StatementRecord, pid: number) {
  const started = record.status !== 'SUBMITTED' && record.status !== 'PICKED';
  return {
    Id: record.id,
    Status: record.status,
    CreatedAt: record.createdAt,
    UpdatedAt: record.updatedAt,
    Duration: isTerminal(record.status) ? Math.max(record.durationNs, 0) : -1,
    Error: orUndefined(record.error),
    HasResultSet: record.hasResultSet,
    ResultRows: record.resultRows,
    ResultSize: record.resultSize,
    RedshiftQueryId: record.redshiftQueryId,
    RedshiftPid: started ? pid : 0,
  };
}

/** DescribeStatement output. */
export function describeStatement(record: StatementRecord, pid: number): Record<string, unknown> {
  const batch = record.subs.length > 0;
  return {
    ...common(record, pid),
    ...record.connection,
    QueryString: batch ? undefined : record.queryString,
    QueryParameters: record.parameters,
    ResultFormat: record.resultFormat,
    ExecutionMode: record.executionMode,
    SubStatements: batch
      ? record.subs.map((s) => ({ ...common(s, pid), RedshiftPid: undefined, QueryString: s.queryString }))
      : undefined,
  };
}

/** One StatementData of ListStatements. */
export function statementData(record: StatementRecord): Record<string, unknown> {
  const batch = record.subs.length > 0;
  return {
    Id: record.id,
    Status: record.status,
    StatementName: record.statementName,
    CreatedAt: record.createdAt,
    UpdatedAt: record.updatedAt,
    QueryString: batch ? undefined : record.queryString,
    QueryStrings: batch ? record.subs.map((s) => s.queryString) : undefined,
    QueryParameters: record.parameters,
    SecretArn: record.connection.SecretArn,
    IsBatchStatement: batch,
    ResultFormat: record.resultFormat,
  };
}

/** GetStatementResult output for one page (JSON Field records). */
export function jsonResultPage(record: StatementRecord, offset: number, pageSize: number): Record<string, unknown> {
  const result = record.result ?? { columns: [], rows: [] };
  const page = resultPage(record.id, result.rows, offset, pageSize);
  return {
    Records: page.rows.map((row) => row.map((v, k) => toField(v, result.columns[k].typeName))),
    ColumnMetadata: result.columns.map(columnMetadata),
    TotalNumRows: result.rows.length,
    NextToken: page.NextToken,
  };
}

/** GetStatementResultV2 output for one page (one CSVRecords string per page, no header). */
export function csvResultPage(record: StatementRecord, offset: number, pageSize: number): Record<string, unknown> {
  const result = record.result ?? { columns: [], rows: [] };
  const page = resultPage(record.id, result.rows, offset, pageSize);
  return {
    Records: [{ CSVRecords: toCsv(page.rows) }],
    ColumnMetadata: result.columns.map(columnMetadata),
    TotalNumRows: result.rows.length,
    ResultFormat: 'CSV',
    NextToken: page.NextToken,
  };
}
