/**
 * Helpers for tests that talk to the local Data API through the real
 * @aws-sdk/client-redshift-data client.
 */
import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  type GetStatementResultCommandOutput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { type DataApiServer, type DataApiServerOptions, startDataApiServer } from '../../../local/data-api';

/** Connection members every test request carries (a provisioned cluster as a DB user). */
export const CONNECTION = { ClusterIdentifier: 'local-cluster', Database: 'dev', DbUser: 'awsuser' } as const;

const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** Start a server on a free port; S3 is unused unless a test runs COPY. */
export function startTestServer(opts: Partial<DataApiServerOptions> = {}): Promise<DataApiServer> {
  return startDataApiServer({ s3: { endpoint: 'http://127.0.0.1:9' }, ...opts });
}

/** The server and client of a test suite, once its beforeAll has run. */
export interface TestServerEnv {
  readonly server: DataApiServer;
  readonly client: RedshiftDataClient;
}

/**
 * The set-up every Data API suite shares: start a server (with `opts`) and a client in
 * beforeAll, run `setup` (e.g. CREATE TABLEs), and stop both in afterAll. Call it inside a
 * `describe`; read `env.client` inside tests (it is set once beforeAll has run).
 */
export function useTestServer(
  opts: Partial<DataApiServerOptions> = {},
  setup?: (client: RedshiftDataClient) => Promise<void>,
): TestServerEnv {
  let started: TestServerEnv | undefined;
  const current = (): TestServerEnv => {
    if (!started) throw new Error('useTestServer: the suite has not started (read env inside tests)');
    return started;
  };
  beforeAll(async () => {
    const server = await startTestServer(opts);
    started = { server, client: dataApiClient(server.endpoint) };
    await setup?.(started.client);
  });
  afterAll(async () => {
    if (!started) return;
    started.client.destroy();
    await started.server.stop();
  });
  return {
    get server() {
      return current().server;
    },
    get client() {
      return current().client;
    },
  };
}

/** A real Data API client for `endpoint` with static local credentials. */
export function dataApiClient(endpoint: string, extra: { maxAttempts?: number } = {}): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...extra,
  });
}

/**
 * Poll DescribeStatement until the statement is FINISHED, FAILED or ABORTED (at most
 * `maxPolls` times, `intervalMs` apart) and return the last description.
 */
export async function waitFor(
  client: RedshiftDataClient,
  id: string,
  { intervalMs = 10, maxPolls = 3000 } = {},
): Promise<DescribeStatementCommandOutput> {
  for (let k = 0; k < maxPolls; k++) {
    const out = await client.send(new DescribeStatementCommand({ Id: id }));
    if (TERMINAL.has(out.Status ?? '')) return out;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`statement ${id} did not finish after ${maxPolls} polls`);
}

/**
 * Poll DescribeStatement until the statement (or its sub-statement `sub`) has `status`; fails
 * when it ends in another status first.
 */
export async function waitForStatus(
  client: RedshiftDataClient,
  id: string,
  status: string,
  { sub, intervalMs = 10, maxPolls = 3000 }: { sub?: number; intervalMs?: number; maxPolls?: number } = {},
): Promise<DescribeStatementCommandOutput> {
  for (let k = 0; k < maxPolls; k++) {
    const out = await client.send(new DescribeStatementCommand({ Id: id }));
    const seen = sub === undefined ? out.Status : out.SubStatements?.[sub]?.Status;
    if (seen === status) return out;
    if (TERMINAL.has(out.Status ?? ''))
      throw new Error(`statement ${id} ended ${out.Status} (${out.Error}) before ${status}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`statement ${id} did not reach ${status} after ${maxPolls} polls`);
}

/** Execute one statement and wait for it; returns the final description. */
export async function runSql(
  client: RedshiftDataClient,
  sql: string,
  extra: Partial<ExecuteStatementCommandInput> = {},
): Promise<DescribeStatementCommandOutput> {
  const { Id } = await client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: sql, ...extra }));
  return waitFor(client, Id as string);
}

/** Execute, expect FINISHED, and return the first page of the result. */
export async function queryRows(
  client: RedshiftDataClient,
  sql: string,
  extra: Partial<ExecuteStatementCommandInput> = {},
): Promise<GetStatementResultCommandOutput> {
  const done = await runSql(client, sql, extra);
  if (done.Status !== 'FINISHED') throw new Error(`${sql} -> ${done.Status}: ${done.Error}`);
  return client.send(new GetStatementResultCommand({ Id: done.Id }));
}

/** Execute statements in order, each expected to FINISH. */
export async function runAll(client: RedshiftDataClient, ...sqls: string[]): Promise<void> {
  for (const sql of sqls) {
    const done = await runSql(client, sql);
    if (done.Status !== 'FINISHED') throw new Error(`${sql} -> ${done.Status}: ${done.Error}`);
  }
}
