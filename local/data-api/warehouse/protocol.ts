/**
 * The contract between the warehouse worker (worker-main.ts, which owns PGlite and runs the
 * execution layer) and its host on the main thread (warehouse-thread.ts). Messages are plain
 * structured-clone data over the worker's MessagePort; errors cross as {name, message}.
 *
 * A statement run also shares a small SharedArrayBuffer (RunFlags) with the worker: the host
 * must know, synchronously and without a round trip, whether a COMMIT is under way before it
 * kills the thread for CancelStatement, and which unit was running when it did.
 */
import type { DatabaseUser } from '../engine/database-users';
import type { SessionSnapshot } from '../engine/session-state';
import type { SqlOutcome } from '../execution/statement-dispatch';
import type { StatementUnit } from '../execution/transaction-runner';

/** workerData of the worker. */
export interface WorkerInit {
  /** Folder of the database (the in-memory mode also runs on a folder: see warehouse-thread.ts). */
  dataDir: string;
  /** S3 endpoint UNLOAD writes to (through the S3 client, from the worker). */
  s3?: { endpoint: string; region?: string };
}

/** An error as it crosses the thread boundary. */
export interface WireError {
  name: string;
  message: string;
}

/** A statement run as the worker receives it (transaction-runner.ts RunRequest, minus callbacks). */
export interface WireRunRequest {
  database: string;
  units: StatementUnit[];
  mode: 'TRANSACTION' | 'AUTO_COMMIT';
  user?: DatabaseUser;
  session?: { key: string; state?: SessionSnapshot };
}

/** What the worker answers to a statement run. */
export interface WireRunResult {
  failedAt: number;
  failure?: WireError;
  outcomes: SqlOutcome[];
  /** The kept session's state after the run (undefined for a one-call session). */
  sessionState?: SessionSnapshot;
}

/** PGlite query options that can cross threads (the blob travels as bytes). */
export interface WireQueryOptions {
  rowMode?: 'array' | 'object';
  blob?: Uint8Array;
}

export type ToWorker =
  | { type: 'query'; job: number; sql: string; params?: unknown[]; options?: WireQueryOptions }
  | { type: 'exec'; job: number; sql: string }
  | { type: 'statements'; job: number; request: WireRunRequest; flags: SharedArrayBuffer }
  | { type: 'objects-reply'; job: number; call: number; value?: unknown; error?: WireError }
  | { type: 'close'; job: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'open-failed'; error: WireError }
  | { type: 'done'; job: number; value: unknown }
  | { type: 'failed'; job: number; error: WireError }
  | { type: 'hook'; job: number; hook: 'started'; k: number; queryId: number }
  | { type: 'hook'; job: number; hook: 'ran'; k: number; outcome: SqlOutcome }
  | { type: 'hook'; job: number; hook: 'finished'; k: number }
  | {
      type: 'objects';
      job: number;
      call: number;
      op: 'get' | 'list';
      bucket: string;
      /** Key (get) or prefix (list). */
      path: string;
      iamRole?: string;
    };

/**
 * RunFlags: Int32Array over a SharedArrayBuffer of RUN_FLAGS_BYTES.
 * [STATE]: CANCEL (set by the host) | COMMITTING (set by the worker around each COMMIT);
 * [UNIT]: index of the unit running (set by the worker before each unit starts).
 */
export const RUN_FLAGS_BYTES = 8;
export const STATE = 0;
export const UNIT = 1;
export const CANCEL = 1;
export const COMMITTING = 2;

/** An error as it crosses the thread boundary. */
export function toWire(error: unknown): WireError {
  if (error !== null && typeof error === 'object') {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : '' };
  }
  return { name: 'Error', message: String(error) };
}

/** An error from the other thread: same name and message (its class does not cross). */
export class RemoteError extends Error {
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
  }
}
