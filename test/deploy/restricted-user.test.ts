/**
 * Item 3 of issue 10: after the database set-up (run as an administrator), the pipeline's
 * database user IAMR:<warehouse role> loads and transforms a batch with its grants alone, and
 * may run no other DDL. Real SDK clients against the local Data API with database users
 * enforced (databaseUsers.newUsers = 'no-privileges': new users get nothing beyond PUBLIC's,
 * as on Redshift). The statements are the pipeline's own (copyStatements without the COPYs,
 * which need S3, and transformStatements).
 */
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { DataApiServer } from '../../local/data-api';
import { type Caller, LOCAL_ADMIN } from '../../local/data-api/api/caller';
import { DataApiWarehouse } from '../../shared/aws/data-api-warehouse';
import { batchPaths, stagingTablesOf } from '../../shared/batch-id';
import { StatementFailedError } from '../../shared/errors';
import { copyStatements } from '../../shared/pipeline/copy-statements';
import { runSetup } from '../../shared/pipeline/setup';
import { transformStatements } from '../../shared/pipeline/transform';
import { startTestServer } from '../integration/data-api/support';
import { executionState, testConfig } from '../support/fakes';

const ROLE = 'redshift-ingest-dev-us-east-1-warehouse';
const PIPELINE: Caller = { arn: `arn:aws:iam::123456789012:role/${ROLE}`, kind: 'role', name: ROLE };
const BATCH = 'log_data-0123456789abcdef01234567';
const TARGET = { kind: 'workgroup', workgroupName: 'local', database: 'dev' } as const;

let server: DataApiServer;
const clients: RedshiftDataClient[] = [];
let admin: DataApiWarehouse;
let pipeline: DataApiWarehouse;

const warehouseAs = (accessKeyId: string): DataApiWarehouse => {
  const client = new RedshiftDataClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  clients.push(client);
  return new DataApiWarehouse(client, TARGET, { timeoutMs: 60_000 });
};

beforeAll(async () => {
  server = await startTestServer({
    resolveCaller: (key) => (key === 'AKIDPIPELINE' ? PIPELINE : LOCAL_ADMIN),
    databaseUsers: { newUsers: 'no-privileges' },
  });
  admin = warehouseAs('AKIDADMIN');
  pipeline = warehouseAs('AKIDPIPELINE');
  await runSetup(admin, `IAMR:${ROLE}`);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** The failure text of statements that must be refused. */
async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    expect(err).toBeInstanceOf(StatementFailedError);
    return (err as Error).message;
  }
  throw new Error('the statement ran, but the pipeline user should not be allowed to');
}

describe('the pipeline user after the database set-up', () => {
  it('is the user the set-up granted to (IAMR:<role>, folded as Redshift folds it)', async () => {
    expect(await pipeline.query('SELECT current_user AS u')).toEqual([{ u: `iamr:${ROLE}` }]);
  });

  it("creates a batch's staging tables and the file list, as SubmitCopy does (COPYs aside)", async () => {
    const tables = stagingTablesOf(BATCH);
    const plan = {
      dataset: 'log_data',
      compression: 'none' as const,
      ...tables,
      manifestKey: batchPaths(BATCH).manifest(1),
      filesKey: batchPaths(BATCH).files(1),
    };
    const ddl = copyStatements(testConfig(), plan).filter((s) => !/^COPY\b/i.test(s));
    await pipeline.runBatch(ddl);
    await pipeline.runBatch([
      `INSERT INTO ${tables.filesTable} (key, etag, size) VALUES ('log_data/a.json', 'e1', 10)`,
    ]);
    expect(await pipeline.query(`SELECT COUNT(*) AS n FROM ${tables.filesTable}`)).toEqual([{ n: 1 }]);
  });

  it('runs the whole transform transaction: targets, quality results, ledger, staging drops', async () => {
    await pipeline.runBatch(transformStatements(executionState({ batchId: BATCH, load: {} })));
    const ledger = await pipeline.query(
      "SELECT key, status, batch_id FROM ingest.loaded_files WHERE key = 'log_data/a.json'",
    );
    expect(ledger).toEqual([{ key: 'log_data/a.json', status: 'loaded', batch_id: BATCH }]);
    const staging = await pipeline.query("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'staging'");
    expect(staging).toEqual([{ n: 0 }]);
  });

  it('may not create a schema (no CREATE on the database): the first-load DDL is gone for good', async () => {
    expect(await refusal(pipeline.runBatch(['CREATE SCHEMA IF NOT EXISTS ingest2']))).toMatch(
      /permission denied for database dev/,
    );
  });

  it('may not drop or alter the tables the set-up created', async () => {
    expect(await refusal(pipeline.runBatch(['DROP TABLE public.users']))).toMatch(/must be owner|permission denied/);
    expect(await refusal(pipeline.runBatch(['ALTER TABLE ingest.loaded_files ADD COLUMN x INT']))).toMatch(
      /must be owner|permission denied/,
    );
  });

  it('the set-up is idempotent: run again, the user exists and nothing changes', async () => {
    const again = await runSetup(admin, `IAMR:${ROLE}`);
    expect(again.createdUser).toBe(false);
    expect(await pipeline.query("SELECT COUNT(*) AS n FROM ingest.loaded_files WHERE key = 'log_data/a.json'")).toEqual(
      [{ n: 1 }],
    );
  });
});
