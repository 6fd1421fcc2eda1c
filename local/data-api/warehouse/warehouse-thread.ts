/**
 * The main thread's handle on the warehouse worker (worker-main.ts): starts it, sends it jobs,
 * routes its progress messages and S3 read requests to the job that made them, and starts a
 * fresh one when it stops.
 *
 * Stopping the thread is also how a running statement is cancelled: PGlite 0.5 cannot interrupt
 * a query (its WebAssembly memory is not shared, and it has no cancel or abort API), so the only
 * way to stop `SELECT pg_sleep(600)` is to terminate the thread that runs it. The database then
 * reopens like PostgreSQL after a crash: WAL replay keeps what was committed and drops the open
 * transaction. That is why the "in-memory" warehouse also lives in a folder (a temporary one,
 * removed on close): a memory file system dies with the thread and would lose committed data.
 * Opening PGlite costs the same on a folder as in memory (initdb dominates), so it costs nothing.
 *
 * Jobs arrive one at a time (the engine's SerialQueue is on the main thread), so stopping the
 * thread affects exactly the job in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { type FromWorker, RemoteError, type ToWorker, toWire, type WorkerInit } from './protocol';
import { startWorker } from './worker-script';

type Outgoing = ToWorker extends infer M ? (M extends { job: number } ? Omit<M, 'job'> : never) : never;
type Hook = Extract<FromWorker, { type: 'hook' }>;
type ObjectsRequest = Extract<FromWorker, { type: 'objects' }>;

/** What a job does with the worker's messages about it. */
export interface JobHandlers {
  onHook?(message: Hook): void;
  /** Answer one of the worker's S3 reads (runs on the main thread, where the object store is). */
  onObjects?(request: ObjectsRequest): Promise<unknown>;
}

/** The worker stopped while a job was in flight: interrupted for a cancel, or crashed. */
export class WarehouseStoppedError extends Error {
  constructor(
    readonly reason: 'interrupted' | 'crashed',
    detail: string,
  ) {
    super(
      reason === 'interrupted'
        ? 'the statement was interrupted'
        : `the warehouse worker stopped unexpectedly (${detail}): the statement was rolled back and the database reopened`,
    );
    this.name = 'WarehouseStoppedError';
  }
}

/** Temporary folders of in-memory warehouses still open, removed at exit if close() never ran. */
const tempFolders = new Set<string>();
let exitHook = false;

interface Job {
  handlers: JobHandlers;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class WarehouseThread {
  private worker!: Worker;
  private ready: Promise<void> = Promise.resolve();
  private readonly jobs = new Map<number, Job>();
  /** Workers this side terminated on purpose: their exit is not a crash. */
  private readonly stopping = new WeakSet<Worker>();
  private nextJob = 0;
  private closing = false;

  private constructor(
    private readonly init: WorkerInit,
    private readonly tempFolder: string | undefined,
  ) {}

  /** Start the worker on `dataDir` (undefined: a temporary folder, see above) and wait until the database is open. */
  static async start(options: { dataDir?: string; s3?: WorkerInit['s3'] }): Promise<WarehouseThread> {
    const tempFolder = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'ri-warehouse-'));
    if (tempFolder) rememberTempFolder(tempFolder);
    const thread = new WarehouseThread(
      { dataDir: options.dataDir ?? (tempFolder as string), s3: options.s3 },
      tempFolder,
    );
    thread.ready = thread.spawn();
    try {
      await thread.ready;
    } catch (error) {
      thread.removeTempFolder();
      throw error;
    }
    return thread;
  }

  /** Send a job and wait for its answer; `handlers` get its progress and S3 reads. */
  async call(message: Outgoing, handlers: JobHandlers = {}): Promise<unknown> {
    await this.ready;
    const job = this.nextJob++;
    return new Promise((resolve, reject) => {
      if (this.jobs.size === 0) this.worker.ref();
      this.jobs.set(job, { handlers, resolve, reject });
      this.worker.postMessage({ ...message, job } as ToWorker);
    });
  }

  /**
   * Stop the job whose handlers are `handlers` by terminating the thread (its open transaction is
   * lost, so rolled back), then reopen the database. No-op when that job is not in flight.
   */
  interrupt(handlers: JobHandlers): void {
    const inFlight = [...this.jobs.values()].some((j) => j.handlers === handlers);
    if (!inFlight || this.closing) return;
    const worker = this.worker;
    this.stopping.add(worker);
    this.failJobs(new WarehouseStoppedError('interrupted', 'cancelled'));
    this.ready = worker.terminate().then(() => this.spawn());
    this.ready.catch(() => undefined);
  }

  /** Terminate the thread as a crash would (tests: jobs in flight fail, the database reopens). */
  kill(): Promise<number> {
    return this.worker.terminate();
  }

  /** Close the database, stop the thread, remove the temporary folder of an in-memory warehouse. */
  async close(): Promise<void> {
    try {
      await this.ready;
      await this.call({ type: 'close' });
    } catch {
      // A thread that cannot open or close has nothing left to flush.
    }
    this.closing = true;
    this.stopping.add(this.worker);
    await this.worker.terminate();
    this.removeTempFolder();
  }

  private spawn(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const worker = startWorker(this.init);
      this.worker = worker;
      worker.unref();
      let opened = false;
      let lastError = '';
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          opened = true;
          resolve();
        } else if (message.type === 'open-failed') {
          this.stopping.add(worker);
          void worker.terminate();
          reject(new RemoteError(message.error));
        } else this.dispatch(message);
      });
      worker.on('error', (error) => {
        lastError = toWire(error).message;
      });
      worker.on('exit', (code) => {
        if (!opened) {
          reject(
            new Error(`the warehouse worker stopped while opening the database (${lastError || `exit code ${code}`})`),
          );
          return;
        }
        if (this.stopping.has(worker) || this.closing) return;
        // A crash: whatever ran fails, and the next job finds the database reopened.
        this.failJobs(new WarehouseStoppedError('crashed', lastError || `exit code ${code}`));
        this.ready = this.spawn();
        this.ready.catch(() => undefined);
      });
    });
  }

  private dispatch(message: FromWorker): void {
    if (!('job' in message)) return;
    const job = this.jobs.get(message.job);
    if (!job) return;
    switch (message.type) {
      case 'done':
        this.settle(message.job);
        job.resolve(message.value);
        break;
      case 'failed':
        this.settle(message.job);
        job.reject(new RemoteError(message.error));
        break;
      case 'hook':
        job.handlers.onHook?.(message);
        break;
      case 'objects':
        this.answerObjects(job, message);
        break;
    }
  }

  private answerObjects(job: Job, request: ObjectsRequest): void {
    const worker = this.worker;
    const reply = (value?: unknown, error?: unknown) => {
      if (this.worker !== worker || !this.jobs.has(request.job)) return;
      // Copy the bytes into a buffer of their own and hand it over: a Buffer may be a view of a
      // larger pool, and structured clone would copy all of it.
      if (value instanceof Uint8Array) {
        const own = new Uint8Array(value);
        worker.postMessage(
          { type: 'objects-reply', job: request.job, call: request.call, value: own } satisfies ToWorker,
          [own.buffer],
        );
        return;
      }
      const message: ToWorker = { type: 'objects-reply', job: request.job, call: request.call };
      if (error !== undefined) message.error = toWire(error);
      else message.value = value;
      worker.postMessage(message);
    };
    const read = job.handlers.onObjects;
    if (!read) {
      reply(undefined, new Error('this job reads no S3 objects'));
      return;
    }
    read(request).then(
      (value) => reply(value),
      (error: unknown) => reply(undefined, error),
    );
  }

  private settle(job: number): void {
    this.jobs.delete(job);
    if (this.jobs.size === 0) this.worker.unref();
  }

  private failJobs(error: Error): void {
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) job.reject(error);
  }

  private removeTempFolder(): void {
    if (!this.tempFolder) return;
    rmSync(this.tempFolder, { recursive: true, force: true });
    tempFolders.delete(this.tempFolder);
  }
}

function rememberTempFolder(folder: string): void {
  tempFolders.add(folder);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const f of tempFolders) rmSync(f, { recursive: true, force: true });
  });
}
