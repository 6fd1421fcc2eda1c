import { resolve } from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { S3Client } from '@aws-sdk/client-s3';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../stack';
import { acquireLock, readLiveLock, type StackLock } from './state-lock';
import type { SqlRunner } from './report';

export const DEFAULT_STATE_DIR = '.redshift-ingest';

export const resolveStateDir = (dir?: string): string => resolve(dir ?? DEFAULT_STATE_DIR);

/** SQL through the engine in process (the stack owns the database). */
export const engineSql = (stack: LocalStack): SqlRunner => async (sql) => (await stack.dataApi.engine.execute(sql)).rows;

/**
 * Starts the local stack on a state folder this process takes for the duration of `fn`, and
 * stops it after. A folder owned by a running `local up` is refused (the database files are
 * never opened twice).
 */
export async function withLocalStack<T>(
  opts: LocalStackOptions,
  fn: (stack: LocalStack) => Promise<T>,
): Promise<T> {
  const release = acquireLock(opts.stateDir, {
    endpoints: { s3: '', dataApi: '', sfn: '' },
    bucket: opts.bucket ?? '',
  });
  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack(opts);
    return await fn(stack);
  } finally {
    await stack?.stop();
    release();
  }
}

/** Clients for a running `local up`'s endpoints. */
export function remoteClients(lock: StackLock) {
  const base = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    s3: new S3Client({ ...base, endpoint: lock.endpoints.s3, forcePathStyle: true }),
    redshiftData: new RedshiftDataClient({ ...base, endpoint: lock.endpoints.dataApi }),
  };
}

export { readLiveLock };
