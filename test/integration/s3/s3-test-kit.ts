/** Starts a local S3 server on a temp folder with a real S3Client pointed at it. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3EventRecord } from 'aws-lambda';
import { Counters } from '../../../local/counters';
import type { Faults } from '../../../local/faults';
import { type S3Server, startS3Server } from '../../../local/s3/server';

export interface LocalS3 {
  server: S3Server;
  client: S3Client;
  rootDir: string;
  records: S3EventRecord[];
  counters: Counters;
  /** Stops the server and client; keeps the folder (for restart tests). */
  stop(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

export const BUCKET = 'ingest-bucket';

export function makeClient(endpoint: string, maxAttempts = 3): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'local-s3-'));
}

export async function startLocalS3(
  options: { rootDir?: string; faults?: Faults; maxAttempts?: number } = {},
): Promise<LocalS3> {
  const rootDir = options.rootDir ?? tempDir();
  const records: S3EventRecord[] = [];
  const counters = new Counters();
  const server = await startS3Server({
    rootDir,
    buckets: [BUCKET],
    faults: options.faults,
    counters,
    onObjectCreated: (record) => records.push(record),
  });
  const client = makeClient(server.endpoint, options.maxAttempts);
  const stop = async () => {
    client.destroy();
    await server.stop();
  };
  return {
    server,
    client,
    rootDir,
    records,
    counters,
    stop,
    close: async () => {
      await stop();
      fs.rmSync(rootDir, { recursive: true, force: true });
    },
  };
}

export type LocalS3Options = Parameters<typeof startLocalS3>[0];

/**
 * One local S3 for the enclosing describe block (or file): started in beforeAll, closed (folder
 * removed) in afterAll. The returned object is filled in beforeAll, so tests use it directly.
 */
export function useLocalS3(options: LocalS3Options = {}): LocalS3 {
  const s3 = {} as LocalS3;
  beforeAll(async () => {
    Object.assign(s3, await startLocalS3(options));
  });
  afterAll(async () => {
    await s3.close?.();
  });
  return s3;
}

/**
 * Runs `fn` against a local S3 started for it alone, then stops it: closed (folder removed),
 * or with `keepFolder` only stopped (restart tests reopen the same folder).
 */
export async function withLocalS3<T>(
  options: LocalS3Options & { keepFolder?: boolean },
  fn: (s3: LocalS3) => Promise<T>,
): Promise<T> {
  const s3 = await startLocalS3(options);
  try {
    return await fn(s3);
  } finally {
    await (options?.keepFolder ? s3.stop() : s3.close());
  }
}
