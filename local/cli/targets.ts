import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DataApiWarehouse } from '../../shared/aws/data-api-warehouse';
import { S3Storage } from '../../shared/aws/s3-storage';
import type { ObjectStorage } from '../../shared/ports';
import { DEFAULT_WAIT_TIMEOUT_MS, deadline, sleep } from '../deadline';
import { Faults } from '../faults';
import { useLocalTarget } from '../lambda/environment';
import { localHandlers } from '../lambda/registry';
import { createLambdaInvoker } from '../lambda/runtime';
import type { LocalStack } from '../stack';
import { STACK_ADMIN_KEY } from '../stack-iam';
import type { ExecutionRecord } from '../stepfunctions';
import type { SqlRunner } from './report';
import { engineSql } from './run-local';
import type { LiveStack } from './state-lock';

/**
 * Where a CLI command runs: a stack it started in this process, or a `local up` running in
 * another one (reached only through its endpoints, with the real SDK clients).
 */
export interface RunTarget {
  bucket: string;
  s3Endpoint: string;
  storage: ObjectStorage;
  sql: SqlRunner;
  /** Runs a Lambda of serverless.yml (replay, backfill) against this target. */
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** Executions started at or after `since` (epoch ms), oldest first, with input and errors. */
  executionsSince(since: number): Promise<ExecutionRecord[]>;
  /** How many of those started and how many still run (cheap: for progress lines). */
  countsSince(since: number): Promise<{ started: number; running: number }>;
  /**
   * Resolves when the pipeline has nothing left to do; fails with a WaitTimeoutError naming
   * what still runs after `timeoutMs` (default 30 min).
   */
  settled(since: number, timeoutMs?: number): Promise<void>;
}

// The stack's administrator key: the CLI drives a running stack also under --strict-iam.
const CREDENTIALS = { accessKeyId: STACK_ADMIN_KEY, secretAccessKey: 'local' };
const localS3 = (endpoint: string) =>
  new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS });

/** A field the Step Functions API always returns; its absence means a broken server. */
function present<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`the Step Functions API answered without ${field}`);
  return value;
}

/** A stack started by this process. */
export function localTarget(stack: LocalStack): RunTarget {
  const since = (t: number) => stack.sfn.executions().filter((e) => e.startDate >= t);
  return {
    bucket: stack.bucket,
    s3Endpoint: stack.endpoints.s3,
    storage: new S3Storage(localS3(stack.endpoints.s3), stack.bucket),
    sql: engineSql(stack),
    invoke: stack.invoke,
    executionsSince: async (t) => since(t).sort((a, b) => a.startDate - b.startDate),
    countsSince: async (t) => {
      const runs = since(t);
      return { started: runs.length, running: runs.filter((e) => e.status === 'RUNNING').length };
    },
    settled: (_since, timeoutMs) => stack.settled(timeoutMs),
  };
}

/** The `local up` that owns the state folder. */
export function remoteTarget(live: LiveStack): RunTarget {
  const sfn = new SFNClient({ region: 'us-east-1', endpoint: live.endpoints.sfn, credentials: CREDENTIALS });
  const redshiftData = new RedshiftDataClient({
    region: 'us-east-1',
    endpoint: live.endpoints.dataApi,
    credentials: CREDENTIALS,
  });
  const warehouse = new DataApiWarehouse(redshiftData, { kind: 'workgroup', workgroupName: 'local', database: 'dev' });

  /** Executions started since `since`, as ListExecutions gives them (newest first). */
  const listSince = async (since: number) => {
    const found: Array<{ executionArn: string; status: string }> = [];
    let nextToken: string | undefined;
    const tokens = new Set<string>();
    do {
      // A token seen before would page forever: the server is broken, say so.
      if (nextToken !== undefined) {
        if (tokens.has(nextToken)) throw new Error(`ListExecutions returned the page token ${nextToken} twice`);
        tokens.add(nextToken);
      }
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: live.stateMachineArn, nextToken }));
      const recent = (page.executions ?? []).filter((e) => (e.startDate?.getTime() ?? 0) >= since);
      found.push(
        ...recent.map((e) => ({
          executionArn: present(e.executionArn, 'ListExecutions executionArn'),
          status: present(e.status, 'ListExecutions status'),
        })),
      );
      // Newest first: once a page reaches older executions, the rest are older too.
      nextToken = recent.length === (page.executions ?? []).length ? page.nextToken : undefined;
    } while (nextToken);
    return found;
  };

  const executionsSince = async (since: number): Promise<ExecutionRecord[]> => {
    const found: ExecutionRecord[] = [];
    for (const e of await listSince(since)) {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      found.push({
        executionArn: present(d.executionArn, 'DescribeExecution executionArn'),
        stateMachineArn: present(d.stateMachineArn, 'DescribeExecution stateMachineArn'),
        name: present(d.name, 'DescribeExecution name'),
        status: d.status as ExecutionRecord['status'],
        startDate: present(d.startDate, 'DescribeExecution startDate').getTime(),
        stopDate: d.stopDate?.getTime(),
        input: d.input ?? '{}',
        output: d.output,
        error: d.error,
        cause: d.cause,
      });
    }
    return found.sort((a, b) => a.startDate - b.startDate);
  };

  return {
    bucket: live.bucket,
    s3Endpoint: live.endpoints.s3,
    storage: new S3Storage(localS3(live.endpoints.s3), live.bucket),
    sql: (text) => warehouse.query(text),
    async invoke(functionName, event) {
      // The handler runs here, pointed at the running stack's endpoints.
      useLocalTarget(live);
      return createLambdaInvoker({ handlers: localHandlers(new Faults()) })(functionName, event);
    },
    executionsSince,
    async countsSince(since) {
      const runs = await listSince(since);
      return { started: runs.length, running: runs.filter((e) => e.status === 'RUNNING').length };
    },
    async settled(since, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS) {
      // The queue lives in the other process: wait until no execution runs and none started for
      // longer than its batch window (the last uploads had time to become executions).
      const quietMs = live.batchWindowMs + 1500;
      const limit = deadline(`the running local stack (${live.endpoints.sfn})`, timeoutMs);
      let seen = -1;
      let changedAt = Date.now();
      let running: string[] = [];
      const busy = () => `${running.length} execution(s) RUNNING: ${running.join(', ')}`;
      for (;;) {
        const runs = await limit.race(listSince(since), busy);
        running = runs.filter((e) => e.status === 'RUNNING').map((e) => e.executionArn);
        if (runs.length !== seen) {
          seen = runs.length;
          changedAt = Date.now();
        }
        if (running.length === 0 && Date.now() - changedAt >= quietMs) return;
        limit.check(busy);
        await sleep(250);
      }
    },
  };
}
