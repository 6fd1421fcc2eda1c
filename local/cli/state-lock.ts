import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `local up` records in its state folder while it owns it. */
export interface StackLock {
  pid: number;
  startedAt: string;
  endpoints: { s3: string; dataApi: string; sfn: string };
  bucket: string;
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

/** The live stack that owns this folder, or undefined (a stale lock of a dead process is removed). */
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

/** Takes the folder for this process; refuses when another live process holds it. */
export function acquireLock(stateDir: string, lock: Omit<StackLock, 'pid' | 'startedAt'>): () => void {
  const owner = readLiveLock(stateDir);
  if (owner) {
    const where = owner.endpoints.s3 ? `; its endpoints: S3 ${owner.endpoints.s3}, Data API ${owner.endpoints.dataApi}` : '';
    throw new StateFolderBusyError(
      `state folder ${stateDir} is in use by another redshift-ingest process (pid ${owner.pid})${where}. ` +
        'Stop it first or use another --state folder.',
    );
  }
  mkdirSync(stateDir, { recursive: true });
  const path = lockPath(stateDir);
  writeFileSync(path, JSON.stringify({ ...lock, pid: process.pid, startedAt: new Date().toISOString() }, null, 2));
  return () => rmSync(path, { force: true });
}
