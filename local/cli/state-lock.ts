import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How to reach a running `local up`. */
export interface LiveStack {
  endpoints: { s3: string; dataApi: string; sfn: string };
  bucket: string;
  stateMachineArn: string;
  batchWindowMs: number;
}

/** What a process records in the state folder it owns. */
export interface StackLock {
  pid: number;
  startedAt: string;
  /** Set by `local up`: other commands then go through its endpoints. */
  live?: LiveStack;
}

const lockPath = (stateDir: string) => join(stateDir, 'stack.lock.json');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The live process that owns this folder, or undefined (a stale lock of a dead process is removed). */
export function readLiveLock(stateDir: string): StackLock | undefined {
  const path = lockPath(stateDir);
  if (!existsSync(path)) return undefined;
  try {
    const lock = JSON.parse(readFileSync(path, 'utf8')) as StackLock;
    if (lock.pid !== process.pid && alive(lock.pid)) return lock;
  } catch {
    // unreadable: treat as stale
  }
  rmSync(path, { force: true });
  return undefined;
}

export class StateFolderBusyError extends Error {
  override name = 'StateFolderBusyError';
}

/** A held state folder: publish how to reach the stack, release when done. */
export interface HeldLock {
  /** Records the running stack's endpoints, so other commands on the folder go through them. */
  publish(live: LiveStack): void;
  release(): void;
}

/**
 * Takes the folder for this process (the database files are never opened twice); refuses when
 * another live process holds it.
 */
export function acquireLock(stateDir: string): HeldLock {
  const owner = readLiveLock(stateDir);
  if (owner) {
    throw new StateFolderBusyError(
      `state folder ${stateDir} is in use by another redshift-ingest process (pid ${owner.pid}). ` +
        'Wait for it, stop it, or use another --state folder.',
    );
  }
  // Owner-only, like the stack's own files (local/startup-repair.ts): the lock names live endpoints.
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = lockPath(stateDir);
  const write = (live?: LiveStack) =>
    writeFileSync(path, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), live }, null, 2), {
      mode: 0o600,
    });
  write();
  return { publish: write, release: () => rmSync(path, { force: true }) };
}
