import { createHash } from 'node:crypto';
import { batchIdFor, batchPaths, type DataFile, datasetOfBatchId, stagingTablesOf } from '../../shared/batch-id';
import { type Config, parseConfig } from '../../shared/config';
import type { DatasetName } from '../../shared/datasets';
import type { LogFn, PipelineDeps } from '../../shared/pipeline/deps';
import type { ExecutionState, LoadState } from '../../shared/pipeline/state';
import type {
  ExecutionInput,
  ListedObject,
  ObjectStorage,
  Orchestrator,
  Row,
  StartOutcome,
  StatementInfo,
  Warehouse,
} from '../../shared/ports';

/**
 * In-memory ports for unit tests of shared/pipeline: no server, no SDK. Each fake records what
 * the domain did to it (objects written, statements run, executions started) so a test can
 * assert outcomes, and takes a script for what the outside world answers.
 */

export const BUCKET = 'sparkify-ingest';

/** The one "now" of unit tests; objects written by a fake are this old unless a test says otherwise. */
export const NOW = new Date('2026-11-25T12:00:00Z');

/** A Config as a deployed stack would have it; override any environment variable. */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({
    INGEST_BUCKET: BUCKET,
    REDSHIFT_WORKGROUP: 'analytics',
    COPY_IAM_ROLE_ARN: 'arn:aws:iam::123456789012:role/redshift-copy',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest',
    ...env,
  });
}

interface StoredObject {
  body: string;
  etag: string;
  lastModified: Date;
  contentType?: string;
}

/** ObjectStorage over a Map, keys listed in order, one listing page per `pageSize` keys. */
export class MemoryStorage implements ObjectStorage {
  readonly objects = new Map<string, StoredObject>();
  /** CopyObject calls, in order. */
  readonly copies: Array<{ from: string; to: string }> = [];

  constructor(
    readonly bucket = BUCKET,
    private readonly clock: () => Date = () => NOW,
  ) {}

  /** Seeds an object (a data file, an old batch document...). */
  put(key: string, body: string, opts: { etag?: string; lastModified?: Date } = {}): void {
    this.objects.set(key, {
      body,
      etag: opts.etag ?? createHash('md5').update(body).digest('hex'),
      lastModified: opts.lastModified ?? this.clock(),
    });
  }

  /** An object's text, or undefined: for assertions. */
  text(key: string): string | undefined {
    return this.objects.get(key)?.body;
  }

  /** A JSON object's value: for assertions. */
  json<T = unknown>(key: string): T {
    const text = this.text(key);
    if (text === undefined) throw new Error(`no object ${key}`);
    return JSON.parse(text) as T;
  }

  /** Keys under a prefix, in order. */
  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async putText(key: string, body: string, contentType?: string): Promise<void> {
    this.put(key, body);
    const stored = this.objects.get(key);
    if (stored) stored.contentType = contentType;
  }

  async getText(key: string): Promise<string | null> {
    return this.objects.get(key)?.body ?? null;
  }

  async head(key: string): Promise<ListedObject | null> {
    const o = this.objects.get(key);
    return o ? { key, etag: o.etag, size: Buffer.byteLength(o.body), lastModified: o.lastModified } : null;
  }

  async copy(sourceKey: string, targetKey: string): Promise<boolean> {
    this.copies.push({ from: sourceKey, to: targetKey });
    const o = this.objects.get(sourceKey);
    if (!o) return false;
    this.objects.set(targetKey, { ...o, lastModified: this.clock() });
    return true;
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    for (const key of this.keys(prefix)) {
      const o = await this.head(key);
      if (o) yield o;
    }
  }
}

/**
 * MemoryStorage whose listing is the objects it was given (no bodies): for listings of many keys.
 * What the domain writes is kept as in MemoryStorage.
 */
export class ListingStorage extends MemoryStorage {
  constructor(private readonly listed: ReadonlyArray<ListedObject>) {
    super();
  }

  override async *list(prefix: string): AsyncIterable<ListedObject> {
    const matching = this.listed.filter((o) => o.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
    yield* matching;
  }
}

type SqlMatch = string | RegExp;
const matches = (match: SqlMatch, sql: string): boolean =>
  typeof match === 'string' ? sql.includes(match) : match.test(sql);

/**
 * A Warehouse that records every statement and answers from a script: `onQuery(sql, rows...)`
 * queues result sets for queries whose text contains `sql` (the last one repeats), `statement(id,
 * info)` sets what DescribeStatement says. Submitted statements get ids `stmt-1`, `stmt-2`, ...
 * and are FINISHED unless scripted otherwise. Unscripted queries return no rows.
 */
export class ScriptedWarehouse implements Warehouse {
  /** Every query(), in order. */
  readonly queries: Array<{ sql: string; params?: Record<string, string> }> = [];
  /** Every submitBatch(), in order, with the id it got. */
  readonly batches: Array<{ id: string; sqls: string[] }> = [];
  /** Every submit(), in order, with the id it got. */
  readonly submitted: Array<{ id: string; sql: string; params?: Record<string, string> }> = [];
  /** Every runBatch(), in order. */
  readonly runBatches: string[][] = [];
  /** Every describe(), in order. */
  readonly described: string[] = [];
  private readonly results: Array<{ match: SqlMatch; rows: Row[][] }> = [];
  private readonly statements = new Map<string, Partial<StatementInfo>>();
  private failRunBatch: Error | undefined;
  private next = 0;

  /** Queues result sets for queries whose SQL contains (or matches) `match`. */
  onQuery(match: SqlMatch, ...rows: Row[][]): this {
    this.results.push({ match, rows });
    return this;
  }

  /** What DescribeStatement returns for `id` (merged over a FINISHED statement). */
  statement(id: string, info: Partial<StatementInfo>): this {
    this.statements.set(id, info);
    return this;
  }

  /** The next runBatch() throws `err`. */
  failNextRunBatch(err: Error): this {
    this.failRunBatch = err;
    return this;
  }

  /** The queries whose SQL contains (or matches) `match`. */
  queriesOf(match: SqlMatch): Array<{ sql: string; params?: Record<string, string> }> {
    return this.queries.filter((q) => matches(match, q.sql));
  }

  async submit(sql: string, params?: Record<string, string>): Promise<string> {
    const id = this.nextId();
    this.submitted.push({ id, sql, params });
    return id;
  }

  async submitBatch(sqls: string[]): Promise<string> {
    const id = this.nextId();
    this.batches.push({ id, sqls });
    return id;
  }

  async describe(id: string): Promise<StatementInfo> {
    this.described.push(id);
    return { id, status: 'FINISHED', hasResultSet: false, subStatements: [], ...this.statements.get(id) };
  }

  async query(sql: string, params?: Record<string, string>): Promise<Row[]> {
    this.queries.push({ sql, params });
    const script = this.results.find((r) => matches(r.match, sql));
    if (!script || script.rows.length === 0) return [];
    return (script.rows.length > 1 ? script.rows.shift() : script.rows[0]) ?? [];
  }

  async runBatch(sqls: string[]): Promise<void> {
    this.runBatches.push(sqls);
    const err = this.failRunBatch;
    this.failRunBatch = undefined;
    if (err) throw err;
  }

  private nextId(): string {
    this.next += 1;
    return `stmt-${this.next}`;
  }
}

/** An Orchestrator that records StartExecution calls; `failWhen` makes chosen starts throw. */
export class RecordingOrchestrator implements Orchestrator {
  readonly started: ExecutionInput[] = [];
  private failing: ((input: ExecutionInput) => boolean) | undefined;
  private outcome: StartOutcome = 'started';

  /** Starts for which `predicate` holds throw (as a throttled StartExecution would). */
  failWhen(predicate: (input: ExecutionInput) => boolean): this {
    this.failing = predicate;
    return this;
  }

  /** The outcome every start reports. */
  answer(outcome: StartOutcome): this {
    this.outcome = outcome;
    return this;
  }

  async startBatch(input: ExecutionInput): Promise<{ outcome: StartOutcome; executionName: string }> {
    if (this.failing?.(input)) throw new Error(`cannot start ${input.batchId}`);
    this.started.push(input);
    return { outcome: this.outcome, executionName: input.batchId };
  }
}

/** A LogFn that keeps the lines. */
export function logCollector(): { log: LogFn; lines: Array<{ message: string; fields?: Record<string, unknown> }> } {
  const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  return { log: (message, fields) => lines.push({ message, fields }), lines };
}

export interface Fakes {
  deps: PipelineDeps;
  storage: MemoryStorage;
  warehouse: ScriptedWarehouse;
  orchestrator: RecordingOrchestrator;
  logs: Array<{ message: string; fields?: Record<string, unknown> }>;
}

/**
 * Pipeline deps over fresh fakes. Pass `env` to change the
 * config, or a storage of your own.
 */
export function fakeDeps(opts: { env?: Record<string, string>; storage?: MemoryStorage } = {}): Fakes {
  const storage = opts.storage ?? new MemoryStorage();
  const warehouse = new ScriptedWarehouse();
  const orchestrator = new RecordingOrchestrator();
  const { log, lines } = logCollector();
  return {
    deps: { cfg: testConfig(opts.env), storage, warehouse, orchestrator, log },
    storage,
    warehouse,
    orchestrator,
    logs: lines,
  };
}

/** Data file n of a dataset, as a batch document lists it. */
export function dataFile(n: number, dataset: DatasetName = 'log_data', size = 100): DataFile {
  const key =
    dataset === 'log_data'
      ? `log_data/2018/11/2018-11-${String(n).padStart(2, '0')}-events.json`
      : `song_data/A/B/C/TR${String(n).padStart(16, '0')}.json`;
  return { key, etag: `etag-${n}`, size };
}

/** A batch id of the dataset (the batch of these files). */
export const batchIdOf = (dataset: DatasetName = 'log_data', files: ReadonlyArray<DataFile> = [dataFile(1)]): string =>
  batchIdFor(dataset, files);

/** The LoadState SubmitCopy would write for `batchId`, with overrides. */
export function loadState(batchId: string, overrides: Partial<LoadState> = {}): LoadState {
  return {
    attempt: 1,
    statementId: 'copy-1',
    ...stagingTablesOf(batchId),
    fileCount: 1,
    quarantined: 0,
    retries: 0,
    skipped: 0,
    ...overrides,
  };
}

/**
 * An execution state as the state machine passes it. Dataset and batch key follow the batch id;
 * `load` (partial) is completed by loadState.
 */
export function executionState(
  overrides: Omit<Partial<ExecutionState>, 'load'> & { load?: Partial<LoadState> } = {},
): ExecutionState {
  const batchId = overrides.batchId ?? batchIdOf();
  const dataset = overrides.dataset ?? datasetOfBatchId(batchId) ?? 'log_data';
  const { load, ...rest } = overrides;
  return {
    batchId,
    dataset,
    batchKey: batchPaths(batchId).batch,
    ...rest,
    ...(load ? { load: loadState(batchId, load) } : {}),
  };
}

/** Writes a batch document for the state's batch, as the batcher would. */
export function seedBatch(
  storage: MemoryStorage,
  state: Pick<ExecutionState, 'batchId' | 'dataset'>,
  files: ReadonlyArray<DataFile>,
  compression: 'none' | 'gzip' = 'none',
): void {
  storage.put(
    batchPaths(state.batchId).batch,
    JSON.stringify({ batchId: state.batchId, dataset: state.dataset, compression, files }),
  );
}
