import { join } from 'node:path';
import type { S3EventRecord, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { datasetSpecs, useDatasetCatalog } from '../shared/datasets';
import { loadDatasets } from '../shared/datasets/compile';
import { decodeEventKey } from '../shared/keys';
import { runSetup } from '../shared/pipeline/setup';
import { pipelineDeps } from '../shared/wiring';
import { pipelineUserFor } from './cli/setup';
import { Counters } from './counters';
import { type DataApiServer, startDataApiServer } from './data-api';
import { DEFAULT_WAIT_TIMEOUT_MS, deadline, sleep } from './deadline';
import { type FaultConfig, Faults } from './faults';
import { LOCAL_WORKGROUP, useLocalTarget } from './lambda/environment';
import { localHandlers } from './lambda/registry';
import { createLambdaInvoker, type LambdaInvoker } from './lambda/runtime';
import { datasetsDir, serverlessYmlPath } from './paths';
import { LocalQueue } from './queue/local-queue';
import { toSqsBody } from './s3/events';
import { inProcessObjects } from './s3/in-process-objects';
import { type S3Server, startS3Server } from './s3/server';
import { createStackIam, type IamMode, type StackIam } from './stack-iam';
import { dropStagingOfDeadExecutions, secureStateDir } from './startup-repair';
import { loadStateMachines, type SfnServer, startSfnServer } from './stepfunctions';

export interface LocalStackOptions {
  /** Holds the bucket (s3/), the warehouse (warehouse/) and the executions (stepfunctions/). */
  stateDir: string;
  bucket?: string;
  s3Port?: number;
  dataApiPort?: number;
  sfnPort?: number;
  /** SQS -> batcher event source mapping. */
  batchSize?: number;
  batchWindowMs?: number;
  manifestMaxFiles?: number;
  manifestMaxBytes?: number;
  /** How long a failed SQS message stays invisible before redelivery (5 receives, then the DLQ). */
  visibilityTimeoutMs?: number;
  /** Step Functions Wait states and retry intervals are multiplied by this. */
  waitScale?: number;
  faults?: FaultConfig;
  /** Keep the warehouse in memory (tests): faster, gone at stop. */
  inMemoryWarehouse?: boolean;
  /** How long `settled()` waits before it fails naming what is still busy (default 30 min). */
  settleTimeoutMs?: number;
  /**
   * The datasets folder, read when the stack starts (default: the repository's datasets/), so a
   * folder added there loads with no build step. Invalid declarations stop the start, as
   * `serverless package` refuses them.
   */
  datasetsDir?: string;
  /** IAM enforcement (default `DEFAULT_IAM_MODE` in stack-iam.ts); `off` is `--no-iam`. */
  iam?: IamMode;
  /** Unknown access keys are refused as AWS refuses them (`--strict-iam`); default: administrator. */
  strictIam?: boolean;
  /** Identities from this serverless.yml / packaged template instead of the repository's (fixtures). */
  identitiesFrom?: string;
}

export interface LocalStack {
  bucket: string;
  endpoints: { s3: string; dataApi: string; sfn: string };
  stateMachineArn: string;
  batchWindowMs: number;
  counters: Counters;
  faults: Faults;
  /** The stack's IAM: mode, authorizer, identities of its components. */
  iam: StackIam;
  s3: S3Server;
  dataApi: DataApiServer;
  sfn: SfnServer;
  queue: LocalQueue;
  /** Runs a Lambda of serverless.yml in process (replay, backfill). */
  invoke: LambdaInvoker;
  /**
   * Resolves when no message is queued or in flight and no execution runs. Fails with a
   * WaitTimeoutError naming the queued messages and running executions after `timeoutMs`
   * (default: the stack's `settleTimeoutMs`).
   */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_BUCKET = 'sparkify-ingest';
const DEFAULT_BATCH_WINDOW_MS = 1000;

/**
 * Starts the whole service locally: S3 with event notifications into an SQS-like queue, the
 * batcher on that queue, the Data API emulator, and the state machine of serverless.yml. The
 * handlers run in this process with their environment pointing at these endpoints: the same
 * code as in AWS, only the endpoints differ.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const bucket = opts.bucket ?? DEFAULT_BUCKET;
  // The handlers run in this process: they see the catalog this folder compiles to.
  useDatasetCatalog(loadDatasets(opts.datasetsDir ?? datasetsDir()));
  const counters = new Counters();
  const faults = new Faults(opts.faults);
  // Created 0700 (tightened if it exists): the bucket, warehouse and executions are the user's alone.
  secureStateDir(opts.stateDir);

  const batchWindowMs = opts.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS;
  // One authorizer for the whole stack; every server and component below asks it (stack-iam.ts).
  const iam = await createStackIam({
    iam: opts.iam,
    strictIam: opts.strictIam,
    identitiesFrom: opts.identitiesFrom,
    bucket,
    workgroup: LOCAL_WORKGROUP,
    datasetsDir: opts.datasetsDir,
  });
  const invoke = createLambdaInvoker({
    handlers: localHandlers(faults),
    counters,
    environment: (name) => iam.functionEnvironment(name),
  });
  // The batcher's event source; it only runs once objects arrive, after the stack is wired.
  const queue = new LocalQueue({
    name: 'ingest-events',
    batchSize: opts.batchSize ?? 10_000,
    batchWindowMs,
    visibilityTimeoutMs: opts.visibilityTimeoutMs ?? 2000,
    maxReceiveCount: 5,
    handler: (event: SQSEvent) => invoke('batcher', event) as Promise<SQSBatchResponse>,
    faults,
    counters,
  });

  const notifyPrefixes = datasetSpecs().map((d) => d.prefix);
  const notificationAllowed = iam.notificationAllowed(bucket);
  const s3 = await startS3Server({
    rootDir: join(opts.stateDir, 's3'),
    port: opts.s3Port,
    buckets: [bucket],
    faults,
    counters,
    authorizer: iam.authorizer,
    // The bucket notification filters on the data prefixes, as serverless.yml configures it.
    // S3 delivers only what the queue policy lets it send (checked once: the policy is fixed).
    onObjectCreated: (record: S3EventRecord) => {
      const key = decodeEventKey(record.s3.object.key);
      if (notificationAllowed && notifyPrefixes.some((p) => key.startsWith(p))) queue.send(toSqsBody(record));
    },
  });
  const dataApi = await startDataApiServer({
    dataDir: opts.inMemoryWarehouse ? undefined : join(opts.stateDir, 'warehouse'),
    port: opts.dataApiPort,
    // COPY reads the in-process S3 server's store directly (same bytes, no per-file HTTP).
    s3: { endpoint: s3.endpoint, inProcess: inProcessObjects(s3.store, faults, counters), authorizer: iam.authorizer },
    authorizer: iam.authorizer,
    resolveCaller: iam.resolveCaller,
    faults,
    counters,
    // One workgroup (no cluster) and the database dev, as the handlers' environment names them: other names fail.
    warehouse: { workgroups: [LOCAL_WORKGROUP], clusters: [] },
    // Under enforcement the pipeline's database user (IAMR:<warehouse role>) has only what the
    // set-up SQL below grants it, as on Redshift; --no-iam makes every user a superuser.
    databaseUsers: { newUsers: iam.mode === 'enforce' ? 'no-privileges' : 'superuser' },
  });

  const machines = loadStateMachines(serverlessYmlPath());
  const machineName = Object.values(machines)[0]?.name;
  const sfn = await startSfnServer({
    port: opts.sfnPort,
    machines,
    // The state machine's role must be allowed lambda:InvokeFunction on the function.
    invokeLambda: async (name, event) => {
      const denied = machineName ? iam.checkInvoke(machineName, name) : undefined;
      if (denied) throw denied;
      return invoke(name, event);
    },
    authorizer: iam.authorizer,
    taskIdentity: iam.taskIdentity,
    dataApi: { endpoint: dataApi.endpoint },
    waitScale: opts.waitScale ?? 0.01,
    stateDir: join(opts.stateDir, 'stepfunctions'),
    counters,
    faults,
  });
  const machine = Object.values(machines)[0];

  const stateMachineArn = sfn.stateMachineArn(machine.name);
  const endpoints = { s3: s3.endpoint, dataApi: dataApi.endpoint, sfn: sfn.endpoint };
  useLocalTarget({
    bucket,
    endpoints,
    stateMachineArn,
    manifestMaxFiles: opts.manifestMaxFiles,
    manifestMaxBytes: opts.manifestMaxBytes,
    copyRoleArn: iam.copyRoleArn,
  });
  // The one-time database set-up an administrator runs in AWS (docs/deploy.md), run here as the
  // local administrator, so the pipeline's user has exactly the grants it has in AWS.
  // Nothing runs yet: staging tables left by executions of an earlier (crashed) stack are leftovers.
  // Injected faults are for the pipeline, not for the stack's own start-up.
  await faults.holdOff(async () => {
    await runSetup(pipelineDeps().warehouse, pipelineUserFor('dev', 'us-east-1'));
    await dropStagingOfDeadExecutions(pipelineDeps());
  });

  // JSONPaths files live in the bucket, as serverless.yml deploys them (no event: not data keys).
  for (const { format } of datasetSpecs()) {
    if (format.kind === 'json' && typeof format.paths === 'object') {
      await s3.store.put(bucket, format.paths.key, JSON.stringify(format.paths.document, null, 2), {
        contentType: 'application/json',
      });
    }
  }

  const busy = (): string => {
    const { waiting, inFlight, delayed } = queue.stats();
    return `queue ingest-events: ${waiting} waiting, ${inFlight} in flight, ${delayed} awaiting redelivery; ${sfn.describeRunning()}`;
  };
  const settled = async (timeoutMs = opts.settleTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS) => {
    const limit = deadline('local stack settle', timeoutMs);
    // Executions can enqueue nothing, and the queue starts executions: loop until both are quiet.
    for (;;) {
      await limit.race(queue.drained(), busy);
      await limit.race(sfn.idle(), busy);
      await limit.race(sleep(20), busy);
      const running = sfn.executions().some((e) => e.status === 'RUNNING');
      const { waiting, inFlight, delayed } = queue.stats();
      if (!running && waiting + inFlight + delayed === 0) return;
      limit.check(busy);
    }
  };

  return {
    bucket,
    endpoints,
    stateMachineArn,
    batchWindowMs,
    counters,
    faults,
    iam,
    s3,
    dataApi,
    sfn,
    queue,
    invoke,
    settled,
    async stop() {
      await queue.stop();
      await sfn.stop();
      await dataApi.stop();
      await s3.stop();
    },
  };
}
