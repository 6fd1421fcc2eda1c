/**
 * shared/observability.ts: level from the environment (WARN when unset), correlation keys,
 * no SQL or credentials in log lines, metrics flushed once and never a throw when empty.
 */
import type { Context } from 'aws-lambda';

type Observability = typeof import('../../shared/observability');

const ENV_KEYS = [
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_SERVICE_NAME',
  'AWS_LAMBDA_LOG_LEVEL',
  'POWERTOOLS_DEV',
];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

/** Loads a fresh module under `env` and captures what it writes to stdout. */
function load(env: Record<string, string>): { obs: Observability; lines: () => Array<Record<string, unknown>> } {
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, env);
  const out: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  }
  let obs!: Observability;
  jest.isolateModules(() => {
    obs = require('../../shared/observability') as Observability;
  });
  // Powertools writes through console in Lambda and through its own Console locally.
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void out.push(args.map(String).join(' ')));
  }
  const lines = () =>
    out
      .join('\n')
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { obs, lines };
}

const context = {
  functionName: 'redshift-ingest-test-transform',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:x',
  memoryLimitInMB: '512',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

afterEach(() => {
  jest.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('observability', () => {
  test('without POWERTOOLS_* settings it logs warnings only and emits no metrics', async () => {
    const { obs, lines } = load({});
    obs.logFn('batch started', { batchId: 'b1' });
    obs.recordFilesLoaded(3);
    await obs.withObservability(async () => 'ok')({}, context);
    obs.logger.warn('careful');
    expect(lines().map((l) => l.message)).toEqual(['careful']);
  });

  test('INFO lines carry batchId and statementId for the rest of the invocation, then reset', async () => {
    const { obs, lines } = load({ POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_SERVICE_NAME: 'redshift-ingest' });
    const handler = obs.withObservability(async (event: { batchId: string }) => {
      obs.logFn('COPY submitted', { batchId: event.batchId, statementId: 's-1' });
      obs.logFn('later line');
      return 'done';
    });
    await expect(handler({ batchId: 'b-42' }, context)).resolves.toBe('done');
    await handler({ batchId: 'b-43' }, context);
    const later = lines().filter((l) => l.message === 'later line');
    expect(later.map((l) => [l.batchId, l.statementId, l.service])).toEqual([
      ['b-42', 's-1', 'redshift-ingest'],
      ['b-43', 's-1', 'redshift-ingest'],
    ]);
    const firstOfSecond = lines().filter((l) => l.message === 'COPY submitted')[1];
    expect(firstOfSecond.batchId).toBe('b-43');
    expect(firstOfSecond.function_name).toBe('redshift-ingest-test-transform');
  });

  test('SQL fields are dropped and credentials masked', () => {
    const { obs, lines } = load({ POWERTOOLS_LOG_LEVEL: 'INFO' });
    const keyId = ['AKIA', 'Q3EGRIKBVLNCZXTM'].join('');
    obs.logFn('statement failed', {
      sql: "COPY t FROM 's3://b/m' IAM_ROLE 'arn:aws:iam::123456789012:role/r'",
      error: `denied for ${keyId} with secret_access_key=abc123`,
    });
    const [line] = lines();
    expect(line.sql).toBe('[sql omitted]');
    expect(line.error).toBe('denied for *** with secret_access_key=***');
    expect(JSON.stringify(line)).not.toContain(keyId);
  });

  test('metrics are published once at the end of a wrapped invocation, as EMF', async () => {
    const { obs, lines } = load({
      POWERTOOLS_METRICS_NAMESPACE: 'RedshiftIngest',
      POWERTOOLS_SERVICE_NAME: 'redshift-ingest',
    });
    await obs.withObservability(async () => {
      obs.recordFilesLoaded(5);
      obs.recordFilesQuarantined(2);
      obs.recordCopySeconds(1.5);
    })({}, context);
    const emf = lines().filter((l) => l._aws);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ FilesLoaded: 5, FilesQuarantined: 2, CopySeconds: 1.5, service: 'redshift-ingest' });
    expect(emf[0]._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'RedshiftIngest' }] });
  });

  test('an invocation without metrics does not throw; a failing one logs the error name and rethrows', async () => {
    const { obs, lines } = load({ POWERTOOLS_METRICS_NAMESPACE: 'RedshiftIngest', POWERTOOLS_LOG_LEVEL: 'ERROR' });
    await expect(obs.withObservability(async () => 1)({}, context)).resolves.toBe(1);
    obs.flushMetrics();
    const err = Object.assign(new Error('password=letmein123 rejected'), { name: 'StatementFailedError' });
    await expect(obs.withObservability(async () => Promise.reject(err))({ batchId: 'b9' }, context)).rejects.toBe(err);
    const [line] = lines().filter((l) => l.message === 'handler failed');
    expect(line.error).toEqual({ name: 'StatementFailedError', message: 'password=*** rejected' });
    expect(line.batchId).toBe('b9');
  });
});
