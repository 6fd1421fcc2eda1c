/**
 * The Data API operations on top of the engine and the statement store: submission (with
 * ClientToken idempotency and the SUBMITTED delay), describe, results, cancel, list.
 */
import type { Counters } from '../../counters';
import type { Faults } from '../../faults';
import type { DataApiEngine } from '../execution/data-api-engine';
import { errorText } from '../execution/errors';
import { ValidationException } from './errors';
import { csvResultPage, describeStatement, jsonResultPage, statementData } from './responses';
import { decodePageToken, encodePageToken } from './results';
import { runStatement } from './statement-lifecycle';
import { isTerminal, type NewStatement, type StatementRecord, StatementStore } from './statement-store';
import * as v from './validation';

type Input = Record<string, unknown>;

export interface ServiceOptions {
  engine: DataApiEngine;
  faults: Faults;
  counters: Counters;
  /** How long a statement stays SUBMITTED before it may run (exercises client polling). */
  statementDelayMs: number;
  /** Rows per GetStatementResult page. */
  pageSize: number;
}

const STATUSES = new Set(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'ABORTED', 'FAILED', 'ALL']);

export class DataApiService {
  readonly store = new StatementStore();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: ServiceOptions) {}

  /** Operation handlers by X-Amz-Target operation name. */
  handlers(): Record<string, (input: Input) => Promise<unknown>> {
    return {
      ExecuteStatement: (i) => this.execute(i, false),
      BatchExecuteStatement: (i) => this.execute(i, true),
      DescribeStatement: (i) => this.describe(i),
      GetStatementResult: (i) => this.result(i, 'JSON'),
      GetStatementResultV2: (i) => this.result(i, 'CSV'),
      CancelStatement: (i) => this.cancel(i),
      ListStatements: (i) => this.list(i),
    };
  }

  private async execute(input: Input, batch: boolean): Promise<unknown> {
    const sqls = batch ? v.validateSqls(input) : [v.validateSql(input)];
    const connection = v.validateConnection(input);
    const parameters = v.validateParameters(input);
    // A placeholder without a parameter is an API error, raised before anything is queued.
    v.validateParameterUse(sqls, parameters);
    const options = v.validateStatementOptions(input);
    const request: NewStatement = {
      sqls,
      batch,
      connection,
      parameters,
      statementName: options.statementName,
      resultFormat: options.resultFormat,
      executionMode: batch ? options.executionMode : undefined,
    };
    const fingerprint = JSON.stringify(request);
    const previous = this.store.replay(options.clientToken, fingerprint);
    const record = previous ? this.store.get(previous) : this.store.create(request);
    if (!previous) {
      this.store.rememberToken(options.clientToken, fingerprint, record.id);
      this.schedule(record);
    }
    await this.store.waitTerminal(record, options.wait);
    return {
      Id: record.id,
      CreatedAt: record.createdAt,
      ...record.connection,
      ...(options.wait
        ? { Status: record.status, RedshiftPid: this.opts.engine.pid, HasResultSet: record.hasResultSet }
        : {}),
    };
  }

  private async describe(input: Input): Promise<unknown> {
    const record = this.store.get(v.validateId(input));
    await this.store.waitTerminal(record, v.validateWait(input));
    return describeStatement(record, this.opts.engine.pid);
  }

  private async result(input: Input, format: 'JSON' | 'CSV'): Promise<unknown> {
    const id = v.validateId(input);
    const record = this.store.get(id);
    if (record.subs.length > 0) {
      throw new ValidationException('BatchExecuteStatement result can only be retrieved with sub-statement id.');
    }
    await this.store.waitTerminal(record, v.validateWait(input));
    if (record.status !== 'FINISHED') {
      throw new ValidationException(`Query has not finished. Current status is ${record.status}.`);
    }
    if (!record.hasResultSet) {
      throw new ValidationException('Query does not have result. Please check query status with DescribeStatement.');
    }
    const root = record.parent ?? record;
    if (root.resultFormat !== format) {
      throw new ValidationException(
        format === 'JSON'
          ? 'The statement ran with ResultFormat CSV: use GetStatementResultV2.'
          : 'The statement ran with ResultFormat JSON: use GetStatementResult.',
      );
    }
    const offset = decodePageToken(input.NextToken as string | undefined, id);
    const page = format === 'JSON' ? jsonResultPage : csvResultPage;
    return page(record, offset, this.opts.pageSize);
  }

  private async cancel(input: Input): Promise<unknown> {
    const id = v.validateId(input);
    const record = this.store.get(id).parent ?? this.store.get(id);
    if (isTerminal(record.status)) {
      throw new ValidationException(
        `Could not cancel a query that is already in ${record.status} state with ID: ${id}`,
      );
    }
    if (record.status === 'SUBMITTED') {
      // Not picked up yet: it never runs (the queued job sees the status and skips it).
      for (const sub of record.subs) this.store.setStatus(sub, 'ABORTED');
      this.store.setStatus(record, 'ABORTED');
    } else {
      // Running: it stops at its next checkpoint (next SQL statement, next COPY call) and rolls back.
      record.cancelRequested = true;
      record.cancelSignal.abort();
    }
    return { Status: true };
  }

  private async list(input: Input): Promise<unknown> {
    const max = v.validateMaxResults(input, 100, 100);
    const status = (input.Status as string | undefined) ?? 'FINISHED';
    if (!STATUSES.has(status)) throw new ValidationException(`Status must be one of ${[...STATUSES].join(', ')}.`);
    const prefix = (input.StatementName as string | undefined) ?? '';
    const matches = this.store.topLevel().filter((r) => {
      if (status !== 'ALL' && r.status !== status) return false;
      if (prefix && !(r.statementName ?? '').startsWith(prefix)) return false;
      for (const key of ['Database', 'ClusterIdentifier', 'WorkgroupName'] as const) {
        if (input[key] && r.connection[key] !== input[key]) return false;
      }
      return true;
    });
    const offset = decodePageToken(input.NextToken as string | undefined, 'ListStatements');
    const page = matches.slice(offset, offset + max);
    const more = offset + max < matches.length;
    return {
      Statements: page.map(statementData),
      NextToken: more ? encodePageToken({ id: 'ListStatements', offset: offset + max }) : undefined,
    };
  }

  /** Queue the statement on the engine once its SUBMITTED delay has passed. */
  private schedule(record: StatementRecord): void {
    const enqueue = () => {
      const deps = {
        engine: this.opts.engine,
        store: this.store,
        faults: this.opts.faults,
        counters: this.opts.counters,
      };
      this.opts.engine
        .run(() => runStatement(deps, record))
        .catch((error: unknown) => {
          // Only infrastructure failures land here (engine closed, BEGIN failed): report them on the statement.
          if (isTerminal(record.status)) return;
          record.error = errorText(error);
          for (const sub of record.subs) if (!isTerminal(sub.status)) this.store.setStatus(sub, 'ABORTED');
          this.store.setStatus(record, 'FAILED');
        });
    };
    if (this.opts.statementDelayMs <= 0) {
      enqueue();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      enqueue();
    }, this.opts.statementDelayMs);
    this.timers.add(timer);
  }

  /** Abort statements still waiting for their delay and wake long pollers (server shutdown). */
  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const record of this.store.topLevel()) {
      if (record.status === 'SUBMITTED') {
        for (const sub of record.subs) this.store.setStatus(sub, 'ABORTED');
        this.store.setStatus(record, 'ABORTED');
      }
    }
    this.store.wakeAll();
  }
}
