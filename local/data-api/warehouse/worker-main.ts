/**
 * The warehouse worker: the body of the `node:worker_threads` Worker that owns PGlite.
 *
 * PGlite runs PostgreSQL's WebAssembly synchronously on the thread that calls it, so a long
 * statement (`SELECT pg_sleep(3)`, a big transform) used to stall every server of the local
 * stack. Here it runs on a thread of its own, together with the part of the execution layer that
 * talks to it statement by statement (transaction runner, statement dispatch, COPY's row
 * conversion and bulk loading): each Data API statement is then one message each way, not one
 * per SQL call.
 *
 * What stays on the main thread: COPY's S3 reads. The object store of the local S3 server and
 * the IAM authorizer that checks the COPY's role live there (they are the S3 server's own
 * state), so the worker asks for each object over the port and the host answers from them
 * (warehouse-thread.ts). UNLOAD writes through the S3 client over HTTP, as before.
 *
 * Started by warehouse-thread.ts through worker-script.ts; never imported by the main thread.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PGlite } from '@electric-sql/pglite';
import { Engine, openDatabase } from '../engine/engine';
import { createS3Client, type InProcessObjects } from '../execution/s3-objects';
import { runStatements } from '../execution/transaction-runner';
import {
  CANCEL,
  COMMITTING,
  type FromWorker,
  RemoteError,
  STATE,
  type ToWorker,
  toWire,
  UNIT,
  type WireRunRequest,
  type WireRunResult,
  type WorkerInit,
} from './protocol';

/** The engine inside the worker: PGlite, plus the S3 client UNLOAD writes with. */
class WorkerEngine extends Engine {
  private s3?: S3Client;

  constructor(
    pg: PGlite,
    private readonly s3Settings: WorkerInit['s3'],
  ) {
    super(pg);
  }

  s3Client(): S3Client {
    if (!this.s3Settings) throw new Error('UNLOAD needs an S3 endpoint: start the engine with the s3 option');
    this.s3 ??= createS3Client(this.s3Settings);
    return this.s3;
  }

  override async close(): Promise<void> {
    await super.close();
    this.s3?.destroy();
  }
}

type Port = NonNullable<typeof parentPort>;

/** Answers of the host to the worker's S3 reads, by call number. */
const objectCalls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextCall = 0;

async function main(port: Port, init: WorkerInit): Promise<void> {
  let engine: WorkerEngine;
  try {
    engine = new WorkerEngine(await openDatabase(init.dataDir), init.s3);
  } catch (error) {
    port.postMessage({ type: 'open-failed', error: toWire(error) } satisfies FromWorker);
    return;
  }
  const send = (message: FromWorker) => port.postMessage(message);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'objects-reply') {
      const call = objectCalls.get(message.call);
      objectCalls.delete(message.call);
      if (message.error) call?.reject(new RemoteError(message.error));
      else call?.resolve(message.value);
      return;
    }
    handle(engine, message, send).then(
      (value) => send({ type: 'done', job: message.job, value }),
      (error: unknown) => send({ type: 'failed', job: message.job, error: toWire(error) }),
    );
  });
  send({ type: 'ready' });
}

async function handle(engine: WorkerEngine, message: ToWorker, send: (m: FromWorker) => void): Promise<unknown> {
  switch (message.type) {
    case 'query': {
      const { blob, rowMode } = message.options ?? {};
      const r = await engine.pg.query(message.sql, message.params, {
        ...(rowMode ? { rowMode } : {}),
        ...(blob ? { blob: new Blob([blob]) } : {}),
      });
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    }
    case 'exec': {
      const results = await engine.pg.exec(message.sql);
      return results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    }
    case 'statements':
      return runRemote(engine, message.job, message.request, new Int32Array(message.flags), send);
    case 'close':
      await engine.close();
      return undefined;
    default:
      throw new Error(`unknown message ${(message as { type: string }).type}`);
  }
}

/** One statement run, with its hooks, S3 reads and cancel checks going to the host. */
async function runRemote(
  engine: WorkerEngine,
  job: number,
  request: WireRunRequest,
  flags: Int32Array,
  send: (m: FromWorker) => void,
): Promise<WireRunResult> {
  const ask = (op: 'get' | 'list', bucket: string, path: string, iamRole: string | undefined) =>
    new Promise<unknown>((resolve, reject) => {
      const call = nextCall++;
      objectCalls.set(call, { resolve, reject });
      send({ type: 'objects', job, call, op, bucket, path, iamRole });
    });
  const openObjects = (checkCancelled: () => void, _signal?: AbortSignal, iamRole?: string): InProcessObjects => ({
    async get(bucket, key) {
      const body = (await ask('get', bucket, key, iamRole)) as Uint8Array | null;
      checkCancelled();
      return body === null ? null : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    },
    async list(bucket, prefix) {
      const found = (await ask('list', bucket, prefix, iamRole)) as Array<{ key: string; size: number }>;
      checkCancelled();
      return found;
    },
  });
  const cancelled = () => (Atomics.load(flags, STATE) & CANCEL) !== 0;
  const session = request.session ? { ...request.session } : undefined;
  const run = await runStatements({
    engine,
    openObjects,
    database: request.database,
    units: request.units,
    mode: request.mode,
    user: request.user,
    session,
    cancel: {
      // The host aborts S3 reads itself (they run on its side); nothing to abort here.
      signal: new AbortController().signal,
      requested: cancelled,
      beginCommit() {
        if ((Atomics.or(flags, STATE, COMMITTING) & CANCEL) === 0) return true;
        Atomics.and(flags, STATE, ~COMMITTING);
        return false;
      },
      endCommit() {
        Atomics.and(flags, STATE, ~COMMITTING);
      },
    },
    hooks: {
      started(k, queryId) {
        Atomics.store(flags, UNIT, k);
        send({ type: 'hook', job, hook: 'started', k, queryId });
      },
      ran(k, outcome) {
        send({ type: 'hook', job, hook: 'ran', k, outcome });
      },
      finished(k) {
        send({ type: 'hook', job, hook: 'finished', k });
      },
    },
  });
  // StatementCancelledError keeps its name across: the host turns it back into the class.
  const failure = run.failure === undefined ? undefined : toWire(run.failure);
  return { failedAt: run.failedAt, failure, outcomes: run.outcomes, sessionState: session?.state };
}

if (!isMainThread && parentPort && (workerData as { warehouse?: WorkerInit } | undefined)?.warehouse) {
  void main(parentPort, (workerData as { warehouse: WorkerInit }).warehouse);
}
