import { resolve } from 'node:path';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../stack';
import type { SqlRunner } from './report';
import { acquireLock } from './state-lock';

export const DEFAULT_STATE_DIR = '.redshift-ingest';

export const resolveStateDir = (dir?: string): string => resolve(dir ?? DEFAULT_STATE_DIR);

/** SQL through the engine in process (the stack owns the database). */
export const engineSql =
  (stack: LocalStack): SqlRunner =>
  async (sql) =>
    (await stack.dataApi.engine.execute(sql)).rows;

/**
 * Starts the local stack on a state folder this process takes for the duration of `fn`, and
 * stops it after. A folder another process holds is refused (the database files are never
 * opened twice).
 */
export async function withLocalStack<T>(opts: LocalStackOptions, fn: (stack: LocalStack) => Promise<T>): Promise<T> {
  const lock = acquireLock(opts.stateDir);
  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack(opts);
    return await fn(stack);
  } finally {
    await stack?.stop();
    lock.release();
  }
}
