/**
 * Fault injection, end to end: with each fault the local stack can inject (alone, then all
 * together), loading the same generated data must give the same star schema as a fault-free
 * run, row for row, with every data file in the ledger exactly once as loaded. Each test also
 * checks that its faults really fired, so a silently disabled fault cannot pass.
 */
import { runLoad } from '../../local/cli/commands';
import { listFiles } from '../../local/cli/upload';
import type { FaultKind, FaultRates } from '../../local/faults';
import { generateSample } from '../../local/generate';
import type { LocalStack } from '../../local/stack';
import { routeKey } from '../../shared/keys';
import { dumpStarSchema, sql, startTestStack, tempDir } from '../support/stack';

/** Small manifests: many executions, so every fault has many chances to fire. */
const STACK = { manifestMaxFiles: 8 };

const MAX_BACKFILLS = 5;

const MODERATE: Required<FaultRates> = {
  dataApiThrottle: 0.2,
  statementTransientFailure: 0.1,
  s3GetError: 0.1,
  crashAfterCopy: 0.5,
  duplicateDelivery: 0.3,
};

interface LoadOutcome {
  tables: Record<string, unknown[]>;
  ledger: Array<{ key: string; status: string; n: number }>;
  injected: Record<FaultKind, number>;
  /** Executions that ended in anything but SUCCEEDED (a fault past all retries). */
  failedExecutions: string[];
  /** Backfill runs it took until every file was in the ledger (0: the event path did it all). */
  backfills: number;
}

let dataDir: string;
let dataKeys: string[];
let reference: LoadOutcome;
/** Outcomes of the single-fault runs, for the checks that look at how they got there. */
const outcomes = new Map<FaultKind, LoadOutcome>();

/** Every key of the ledger with its status and how many rows it has. */
async function ledgerOf(stack: LocalStack) {
  const rows = await sql(
    stack,
    'SELECT key, MIN(status) AS status, COUNT(*) AS n FROM ingest.loaded_files GROUP BY key ORDER BY key',
  );
  return rows.map((r) => ({ key: String(r.key), status: String(r.status), n: Number(r.n) }));
}

/**
 * Backfill, the designed safety net for executions that died past their retries, runs until the
 * ledger holds every file (it is scheduled in AWS, so a run that itself hits a fault is simply
 * followed by the next one). Returns how many runs that took.
 */
async function backfillUntilComplete(stack: LocalStack): Promise<number> {
  let runs = 0;
  while ((await ledgerOf(stack)).length < dataKeys.length && runs < MAX_BACKFILLS) {
    runs += 1;
    await stack.invoke('backfill', {}).catch(() => undefined);
    await stack.settled();
  }
  return runs;
}

/** Loads the generated data on a fresh stack with `rates` (seeded) and returns what it left. */
async function load(rates: FaultRates, seed = 11): Promise<LoadOutcome> {
  const stack = await startTestStack({ ...STACK, faults: { seed, rates } });
  try {
    await runLoad(stack, dataDir);
    const backfills = await backfillUntilComplete(stack);
    return {
      backfills,
      tables: await dumpStarSchema(stack),
      ledger: await ledgerOf(stack),
      injected: { ...stack.faults.injected },
      failedExecutions: stack.sfn
        .executions()
        .filter((e) => e.status !== 'SUCCEEDED')
        .map((e) => `${e.name}: ${e.status} ${e.error ?? ''} ${e.cause ?? ''}`.slice(0, 300)),
    };
  } finally {
    await stack.cleanup();
  }
}

/** The outcome every faulty run must reach: the reference tables, each file loaded once. */
function expectSameAsReference(outcome: LoadOutcome) {
  expect(outcome.ledger).toEqual(dataKeys.map((key) => ({ key, status: 'loaded', n: 1 })));
  // Compare table by table: a failure names the table instead of dumping the whole schema.
  for (const table of Object.keys(reference.tables)) {
    expect({ table, rows: outcome.tables[table] }).toEqual({ table, rows: reference.tables[table] });
  }
}

beforeAll(async () => {
  dataDir = tempDir('faults');
  await generateSample({ dir: dataDir, events: 1500, songs: 60, seed: 5 });
  dataKeys = (await listFiles(dataDir))
    .map((f) => f.key)
    .filter((k) => routeKey(k) !== null)
    .sort();
  reference = await load({});
}, 60_000);

describe('fault injection: the same tables as a fault-free run, every file loaded exactly once', () => {
  it('the fault-free reference run loads every file and fires no fault', () => {
    expect(reference.failedExecutions).toEqual([]);
    expect(reference.backfills).toBe(0);
    expect(reference.ledger).toEqual(dataKeys.map((key) => ({ key, status: 'loaded', n: 1 })));
    expect(reference.tables.songplays.length).toBeGreaterThan(1000);
    expect(reference.tables.songs).toHaveLength(60);
    expect(Object.values(reference.injected).every((n) => n === 0)).toBe(true);
  });

  it.each(Object.keys(MODERATE) as FaultKind[])('%s alone', async (kind) => {
    const outcome = await load({ [kind]: MODERATE[kind] });
    outcomes.set(kind, outcome);
    expect(outcome.injected[kind]).toBeGreaterThan(0);
    expectSameAsReference(outcome);
  });

  it('all faults together at moderate rates', async () => {
    const outcome = await load(MODERATE, 23);
    for (const kind of Object.keys(MODERATE) as FaultKind[]) {
      expect({ kind, fired: outcome.injected[kind] > 0 }).toEqual({ kind, fired: true });
    }
    expectSameAsReference(outcome);
  });

  it.each(['dataApiThrottle', 's3GetError', 'crashAfterCopy', 'duplicateDelivery'] as FaultKind[])(
    '%s is absorbed by retries and idempotency: no backfill needed',
    async (kind) => {
      const outcome = outcomes.get(kind) ?? (await load({ [kind]: MODERATE[kind] }));
      expect(outcome.backfills).toBe(0);
    },
  );

  // Transient statement failures ("connection reset by peer") inside a Lambda's own short
  // statements become TransientDataApiError, which the tasks' Retry matches.
  it('statementTransientFailure is retried inside the execution: no execution dies, no backfill needed', async () => {
    const outcome = outcomes.get('statementTransientFailure') ?? (await load({ statementTransientFailure: 0.1 }));
    expect(outcome.failedExecutions).toEqual([]);
    expect(outcome.backfills).toBe(0);
  });
});
