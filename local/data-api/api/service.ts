/**
 * The Data API operations on top of the engine and the statement store: submission (with
 * ClientToken idempotency, sessions and the SUBMITTED delay), describe, results, cancel, list.
 * Every operation sees only the statements of its caller's identity.
 */
import type { Counters } from '../../counters';
import type { Faults } from '../../faults';
import { DATABASE_NAME } from '../engine/engine';
import { dropSession } from '../engine/session-state';
import { errorText } from '../execution/errors';
import type { DataApiEngine } from '../warehouse/data-api-engine';
import type { RequestContext } from './caller';
import {
  checkTarget,
  type DatabaseUserOptions,
  databaseUserOf,
  unknownDatabaseError,
  type WarehouseNames,
} from './connection-target';
import { ResourceNotFoundException, ValidationException } from './errors';
import { csvResultPage, describeStatement, jsonResultPage, statementData } from './responses';
import { decodePageToken, encodePageToken } from './results';
import { listSessions } from './session-list';
import { type DataApiSession, SessionStore } from './sessions';
import { type RunAs, runStatement } from './statement-lifecycle';
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
  /** Workgroup, cluster and database names of this warehouse. */
  warehouse: WarehouseNames;
  databaseUsers: DatabaseUserOptions;
  /** Clock of session keep-alives (epoch ms). */
  now: () => number;
}

const STATUSES = new Set(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'ABORTED', 'FAILED', 'ALL']);

export class DataApiService {
  readonly store = new StatementStore();
  private readonly sessions: SessionStore;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: ServiceOptions) {
    this.sessions = new SessionStore(opts.now);
  }

  /** Operation handlers by X-Amz-Target operation name. */
  handlers(): Record<string, (input: Input, ctx: RequestContext) => Promise<unknown>> {
    return {
      ExecuteStatement: (i, c) => this.execute(i, c, false),
      BatchExecuteStatement: (i, c) => this.execute(i, c, true),
      DescribeStatement: (i, c) => this.describe(i, c),
      GetStatementResult: (i, c) => this.result(i, c, 'JSON'),
      GetStatementResultV2: (i, c) => this.result(i, c, 'CSV'),
      CancelStatement: (i, c) => this.cancel(i, c),
      ListStatements: (i, c) => this.list(i, c),
      ListSessions: async (i, c) => listSessions(this.sessions, i, c),
    };
  }

  private async execute(input: Input, ctx: RequestContext, batch: boolean): Promise<unknown> {
    const sqls = batch ? v.validateSqls(input) : [v.validateSql(input)];
    const { sessionId, keepAliveSeconds } = v.validateSession(input);
    const connection = v.validateConnection(input);
    if (!sessionId) checkTarget(connection, this.opts.warehouse);
    const parameters = v.validateParameters(input);
    // A placeholder without a parameter is an API error, raised before anything is queued.
    v.validateParameterUse(sqls, parameters);
    const options = v.validateStatementOptions(input);
    const owner = { arn: ctx.caller.arn, accessKeyId: ctx.accessKeyId };
    const fingerprint = JSON.stringify({
      sqls,
      batch,
      connection,
      parameters,
      options: { ...options, wait: undefined },
      owner: owner.arn,
      sessionId,
      keepAliveSeconds,
    });
    const previous = this.store.replay(options.clientToken, fingerprint);
    let record: StatementRecord;
    if (previous) {
      record = this.store.get(previous);
    } else {
      const named = sessionId ? this.sessions.use(sessionId, ctx.caller) : undefined;
      const as: RunAs = named
        ? { database: named.database, user: named.user }
        : {
            database: connection.Database ?? DATABASE_NAME,
            user: databaseUserOf(connection, ctx.caller, this.opts.databaseUsers),
          };
      as.connectError = unknownDatabaseError(as.database, this.opts.warehouse);
      let session: DataApiSession | undefined = named;
      if (session && keepAliveSeconds !== undefined) session.keepAliveSeconds = keepAliveSeconds;
      if (!session && keepAliveSeconds && as.connectError === undefined) {
        session = this.sessions.open({
          ownerArn: owner.arn,
          ownerAccessKeyId: owner.accessKeyId,
          connection,
          keepAliveSeconds,
          ...as,
        });
      }
      const request: NewStatement = {
        sqls,
        batch,
        connection: session?.connection ?? connection,
        parameters,
        statementName: options.statementName,
        resultFormat: options.resultFormat,
        executionMode: batch ? options.executionMode : undefined,
        owner,
        sessionId: session?.id,
      };
      record = this.store.create(request);
      if (session) this.sessions.busy(session, record.id);
      this.store.rememberToken(options.clientToken, fingerprint, record.id);
      this.schedule(record, { ...as, session: session?.slot }, session);
    }
    await this.store.waitTerminal(record, options.wait);
    return {
      Id: record.id,
      CreatedAt: record.createdAt,
      ...record.connection,
      SessionId: record.sessionId,
      ...(options.wait
        ? { Status: record.status, RedshiftPid: this.opts.engine.pid, HasResultSet: record.hasResultSet }
        : {}),
    };
  }

  /**
   * The statement `id` if the caller's identity submitted it. Another identity's statement is
   * reported exactly like an id that does not exist: the caller learns nothing about it.
   */
  private owned(id: string, ctx: RequestContext): StatementRecord {
    const record = this.store.get(id);
    if ((record.parent ?? record).owner.arn !== ctx.caller.arn) {
      throw new ResourceNotFoundException('Query does not exist.', id);
    }
    return record;
  }

  private async describe(input: Input, ctx: RequestContext): Promise<unknown> {
    const record = this.owned(v.validateId(input), ctx);
    await this.store.waitTerminal(record, v.validateWait(input));
    return { ...describeStatement(record, this.opts.engine.pid), SessionId: record.sessionId };
  }

  private async result(input: Input, ctx: RequestContext, format: 'JSON' | 'CSV'): Promise<unknown> {
    const id = v.validateId(input);
    const record = this.owned(id, ctx);
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

  private async cancel(input: Input, ctx: RequestContext): Promise<unknown> {
    const id = v.validateId(input);
    const owned = this.owned(id, ctx);
    const record = owned.parent ?? owned;
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

  private async list(input: Input, ctx: RequestContext): Promise<unknown> {
    const max = v.validateMaxResults(input, 100, 100);
    const status = (input.Status as string | undefined) ?? 'FINISHED';
    if (!STATUSES.has(status)) throw new ValidationException(`Status must be one of ${[...STATUSES].join(', ')}.`);
    const prefix = (input.StatementName as string | undefined) ?? '';
    // RoleLevel (default true): every statement of the caller's role; false: of its IAM session only.
    const sessionOnly = input.RoleLevel === false;
    const matches = this.store.topLevel().filter((r) => {
      if (r.owner.arn !== ctx.caller.arn) return false;
      if (sessionOnly && r.owner.accessKeyId !== ctx.accessKeyId) return false;
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
  private schedule(record: StatementRecord, as: RunAs, session: DataApiSession | undefined): void {
    const enqueue = () => {
      const deps = {
        engine: this.opts.engine,
        store: this.store,
        faults: this.opts.faults,
        counters: this.opts.counters,
      };
      this.opts.engine
        .run(() => runStatement(deps, record, as))
        .catch((error: unknown) => {
          // Only infrastructure failures land here (engine closed, BEGIN failed): report them on the statement.
          if (isTerminal(record.status)) return;
          record.error = errorText(error);
          for (const sub of record.subs) if (!isTerminal(sub.status)) this.store.setStatus(sub, 'ABORTED');
          this.store.setStatus(record, 'FAILED');
        })
        .finally(() => {
          if (session) this.sessions.release(session);
          this.dropClosedSessions();
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

  /** Drop what closed sessions parked (on the engine queue, behind running statements). */
  private dropClosedSessions(): void {
    for (const closed of this.sessions.takeClosed()) {
      const state = closed.slot.state;
      if (state) void this.opts.engine.run((pg) => dropSession(pg, state)).catch(() => undefined);
    }
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
