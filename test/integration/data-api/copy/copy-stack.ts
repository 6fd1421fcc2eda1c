/**
 * The real path of a COPY: RedshiftDataClient -> local Data API server -> runCopy -> real
 * S3Client calls -> local S3 server on a temp folder. Objects are put with the real S3Client.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type DataApiServer, startDataApiServer } from '../../../../local/data-api';
import { type S3Server, startS3Server } from '../../../../local/s3/server';
import { fieldValue } from '../../../../shared/aws/data-api-warehouse';

export const BUCKET = 'ingest';
const CONNECTION = { WorkgroupName: 'local', Database: 'dev' } as const;
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** Root of the shared Sparkify sample beside the repository. */
export const SPARKIFY = resolve(__dirname, '../../../../samples/sparkify');

export interface CopyStack {
  s3: S3Client;
  dataApi: RedshiftDataClient;
  put(key: string, body: string | Buffer): Promise<void>;
  /** Execute one statement and wait until it is FINISHED, FAILED or ABORTED. */
  run(sql: string): Promise<DescribeStatementCommandOutput>;
  /** Execute, expect FINISHED, return the rows (none for DDL) as objects keyed by column name. */
  rows(sql: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

/**
 * The set-up the COPY suites share: one stack started in beforeAll and stopped in afterAll.
 * Call it at the top of a test file; the returned stack forwards to the started one, so use it
 * only inside tests.
 */
export function useCopyStack(): CopyStack {
  let started: CopyStack | undefined;
  const current = (): CopyStack => {
    if (!started) throw new Error('useCopyStack: the stack has not started (use it inside tests)');
    return started;
  };
  beforeAll(async () => {
    started = await startCopyStack();
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get s3() {
      return current().s3;
    },
    get dataApi() {
      return current().dataApi;
    },
    put: (key, body) => current().put(key, body),
    run: (sql) => current().run(sql),
    rows: (sql) => current().rows(sql),
    stop: () => current().stop(),
  };
}

export async function startCopyStack(): Promise<CopyStack> {
  const rootDir = mkdtempSync(join(tmpdir(), 'copy-it-'));
  let s3Server: S3Server | undefined;
  let apiServer: DataApiServer | undefined;
  try {
    s3Server = await startS3Server({ rootDir, port: 0, buckets: [BUCKET] });
    apiServer = await startDataApiServer({ port: 0, s3: { endpoint: s3Server.endpoint, region: 'us-east-1' } });
  } catch (e) {
    await s3Server?.stop();
    rmSync(rootDir, { recursive: true, force: true });
    throw e;
  }
  const s3 = new S3Client({
    endpoint: s3Server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  const dataApi = new RedshiftDataClient({
    endpoint: apiServer.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  const stack: CopyStack = {
    s3,
    dataApi,
    async put(key, body) {
      await s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }),
      );
    },
    async run(sql) {
      const { Id } = await dataApi.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: sql }));
      for (let k = 0; k < 6000; k++) {
        const out = await dataApi.send(new DescribeStatementCommand({ Id }));
        if (TERMINAL.has(out.Status ?? '')) return out;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`statement did not finish: ${sql}`);
    },
    async rows(sql) {
      const done = await stack.run(sql);
      if (done.Status !== 'FINISHED') throw new Error(`${sql} -> ${done.Status}: ${done.Error}`);
      if (!done.HasResultSet) return [];
      const out: Array<Record<string, unknown>> = [];
      let token: string | undefined;
      do {
        const page = await dataApi.send(new GetStatementResultCommand({ Id: done.Id, NextToken: token }));
        const names = (page.ColumnMetadata ?? []).map((c) => c.name ?? '');
        for (const rec of page.Records ?? [])
          out.push(Object.fromEntries(rec.map((f, i) => [names[i], fieldValue(f)])));
        token = page.NextToken;
      } while (token);
      return out;
    },
    async stop() {
      s3.destroy();
      dataApi.destroy();
      await apiServer?.stop();
      await s3Server?.stop();
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Upload every file under `SPARKIFY/<sub>` to `<sub>/...` keys; returns the keys. */
export async function uploadFixtureTree(stack: CopyStack, sub: 'log_data' | 'song_data'): Promise<string[]> {
  const keys: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else keys.push(relative(SPARKIFY, p).split('\\').join('/'));
    }
  };
  walk(join(SPARKIFY, sub));
  for (let i = 0; i < keys.length; i += 16) {
    await Promise.all(keys.slice(i, i + 16).map((k) => stack.put(k, readFileSync(join(SPARKIFY, k)))));
  }
  return keys.sort();
}

/** Load error rows of one statement, from sys_load_error_detail, in file/line order. */
export async function loadErrorsOf(
  stack: CopyStack,
  queryId: number | undefined,
): Promise<Array<Record<string, unknown>>> {
  return stack.rows(
    `SELECT file_name, line_number, column_name, column_type, column_length, position, error_code, error_message
       FROM sys_load_error_detail WHERE query_id = ${Number(queryId)} ORDER BY file_name, line_number`,
  );
}

let tables = 0;

/** A fresh table for one test (the tests of a file share one server). */
export async function freshTable(stack: CopyStack, ddl: string): Promise<string> {
  const name = `t${++tables}`;
  await stack.rows(`CREATE TABLE ${name} (${ddl})`);
  return name;
}
