/**
 * In-memory registry of Data API statements: their lifecycle state, results, long-poll waiters
 * and ClientToken idempotency. Statement metadata is not persisted. As Redshift does, a finished
 * statement and its result are kept for 24 hours (and at most MAX_KEPT of them), so a long-running
 * `local up` does not grow without bound.
 */

import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { SqlParameter } from '../dialect/parameters';
import type { StoredResult } from '../engine/text-result';
import { ResourceNotFoundException, ValidationException } from './errors';

export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

const TERMINAL: ReadonlySet<StatementStatus> = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** Redshift keeps results for 24 hours. */
const KEEP_SECONDS = 24 * 3600;
/** Finished top-level statements kept at most, newest first (results can be large). */
const MAX_KEPT = 20_000;
/** Pruning runs once per this many new statements. */
const PRUNE_EVERY = 500;

/** Connection members echoed back by the API. */
export interface ConnectionInfo {
  ClusterIdentifier?: string;
  WorkgroupName?: string;
  SecretArn?: string;
  DbUser?: string;
  Database?: string;
}

/** One statement (a single ExecuteStatement, a batch parent, or a batch sub-statement). */
export interface StatementRecord {
  id: string;
  queryString: string;
  status: StatementStatus;
  createdAt: number;
  updatedAt: number;
  /** hrtime (ns) when the statement started; Duration = end - start. */
  startedNs?: bigint;
  durationNs: number;
  error?: string;
  resultRows: number;
  resultSize: number;
  hasResultSet: boolean;
  redshiftQueryId: number;
  result?: StoredResult;
  cancelRequested: boolean;
  /** Aborted by CancelStatement: interrupts a running statement's pending S3 calls. */
  readonly cancelSignal: AbortController;
  // Parent-only members.
  statementName?: string;
  connection: ConnectionInfo;
  parameters?: SqlParameter[];
  resultFormat: 'JSON' | 'CSV';
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT';
  subs: StatementRecord[];
  parent?: StatementRecord;
  /** Who submitted it: only the same identity sees it (see StatementOwner). */
  owner: StatementOwner;
  /** The Data API session it ran in, when the call kept or named one. */
  sessionId?: string;
}

/**
 * The identity that submitted a statement: DescribeStatement, GetStatementResult,
 * CancelStatement and ListStatements see only the statements of the caller's IAM role (or
 * user); ListStatements with RoleLevel=false narrows to the caller's IAM session (its keys).
 */
export interface StatementOwner {
  arn: string;
  accessKeyId: string;
}

export interface NewStatement {
  sqls: string[];
  batch: boolean;
  connection: ConnectionInfo;
  statementName?: string;
  parameters?: SqlParameter[];
  resultFormat?: 'JSON' | 'CSV';
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT';
  owner: StatementOwner;
  sessionId?: string;
}

/** True once a statement can no longer change. */
export function isTerminal(status: StatementStatus): boolean {
  return TERMINAL.has(status);
}

/** Seconds since the epoch, with milliseconds (the wire format of CreatedAt/UpdatedAt). */
export function epochSeconds(): number {
  return Date.now() / 1000;
}

export class StatementStore {
  private readonly byId = new Map<string, StatementRecord>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly tokens = new Map<string, { fingerprint: string; id: string }>();
  private created = 0;

  /** Register a new statement (and its sub-statements for a batch) in SUBMITTED state. */
  create(input: NewStatement): StatementRecord {
    if (++this.created % PRUNE_EVERY === 0) this.prune(epochSeconds());
    const now = epochSeconds();
    const base = (id: string, sql: string): StatementRecord => ({
      id,
      queryString: sql,
      status: 'SUBMITTED',
      createdAt: now,
      updatedAt: now,
      durationNs: -1,
      resultRows: -1,
      resultSize: -1,
      hasResultSet: false,
      redshiftQueryId: 0,
      cancelRequested: false,
      cancelSignal: cancellable(),
      connection: input.connection,
      resultFormat: input.resultFormat ?? 'JSON',
      subs: [],
      owner: input.owner,
      sessionId: input.sessionId,
    });
    const id = randomUUID();
    const record = base(id, input.batch ? input.sqls.join('; ') : input.sqls[0]);
    record.statementName = input.statementName;
    record.parameters = input.parameters;
    if (input.batch) {
      record.executionMode = input.executionMode ?? 'TRANSACTION';
      record.subs = input.sqls.map((sql, k) => ({ ...base(`${id}:${k + 1}`, sql), parent: record }));
      for (const sub of record.subs) this.byId.set(sub.id, sub);
    }
    this.byId.set(id, record);
    return record;
  }

  /**
   * Forgets finished statements older than 24 hours, then the oldest finished ones beyond
   * MAX_KEPT; running statements are never dropped.
   */
  prune(now: number): number {
    const finished = this.topLevel().filter((r) => isTerminal(r.status));
    const drop = finished.filter((r, i) => i >= MAX_KEPT || r.updatedAt < now - KEEP_SECONDS);
    for (const r of drop) {
      this.byId.delete(r.id);
      for (const sub of r.subs) this.byId.delete(sub.id);
    }
    const dropped = new Set(drop.map((r) => r.id));
    for (const [token, entry] of this.tokens) if (dropped.has(entry.id)) this.tokens.delete(token);
    return drop.length;
  }

  /** @throws ResourceNotFoundException for an unknown id. */
  get(id: string): StatementRecord {
    const record = this.byId.get(id);
    if (!record) throw new ResourceNotFoundException('Query does not exist.', id);
    return record;
  }

  /** Top-level statements (no sub-statements), newest first. */
  topLevel(): StatementRecord[] {
    return [...this.byId.values()].filter((r) => !r.parent).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Move a statement to a new status and wake long pollers when it becomes terminal. */
  setStatus(record: StatementRecord, status: StatementStatus): void {
    record.status = status;
    record.updatedAt = epochSeconds();
    if (record.startedNs !== undefined && isTerminal(status)) {
      record.durationNs = Number(process.hrtime.bigint() - record.startedNs);
    }
    if (isTerminal(status)) {
      const list = this.waiters.get(record.id) ?? [];
      this.waiters.delete(record.id);
      for (const wake of list) wake();
    }
  }

  /** Resolve when the statement is terminal or after `seconds` (long polling). */
  async waitTerminal(record: StatementRecord, seconds: number | undefined): Promise<void> {
    if (!seconds || isTerminal(record.status)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, seconds * 1000);
      const list = this.waiters.get(record.id) ?? [];
      list.push(done);
      this.waiters.set(record.id, list);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /**
   * ClientToken idempotency: the id of the statement created earlier with the same token and
   * the same input, undefined for a new token.
   * @throws ValidationException when the token was used with a different input.
   */
  replay(token: string | undefined, fingerprint: string): string | undefined {
    if (!token) return undefined;
    const seen = this.tokens.get(token);
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint) {
      throw new ValidationException('ClientToken was already used with a different request input.');
    }
    return seen.id;
  }

  /** Remember the statement created for a ClientToken. */
  rememberToken(token: string | undefined, fingerprint: string, id: string): void {
    if (token) this.tokens.set(token, { fingerprint, id });
  }

  /** Wake every long poller (server shutdown). */
  wakeAll(): void {
    for (const list of this.waiters.values()) for (const wake of list) wake();
    this.waiters.clear();
  }
}

/** A COPY hands this signal to each of its (many, concurrent) S3 requests: no listener cap. */
function cancellable(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
