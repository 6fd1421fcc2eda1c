/**
 * Issue 12, finding 9: a stack started on a state folder that a crashed stack left behind
 * repairs it. The crash is simulated by what it leaves: an object file no index line references
 * (a put cut short), staging tables of a batch whose execution died, an execution still recorded
 * RUNNING, and a world-readable folder. After the restart: the orphan file is gone (the indexed
 * objects still read), the staging tables are dropped, the execution is ABORTED, the folder is
 * 0700. Before: all four stayed.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stagingTablesOf } from '../../../shared/batch-id';
import { sql, startTestStack, tempDir } from '../../support/stack';

const DEAD_BATCH = 'log_data-00000000000000000000dead';

/** Every file under the bucket's objects/ folder. */
function objectFiles(bucketDir: string): string[] {
  const root = join(bucketDir, 'objects');
  return readdirSync(root).flatMap((shard) => readdirSync(join(root, shard)).map((f) => join(root, shard, f)));
}

describe('start-up on the state folder of a crashed stack', () => {
  it('removes orphaned object files, drops dead staging tables, marks dead executions, makes the folder 0700', async () => {
    const stateDir = tempDir('crash');
    chmodSync(stateDir, 0o755);
    const first = await startTestStack({ stateDir, inMemoryWarehouse: false });
    const bucketDir = join(stateDir, 's3', first.bucket);
    const { stagingTable, filesTable } = stagingTablesOf(DEAD_BATCH);
    let running: string;
    try {
      await first.s3.store.put(first.bucket, 'log_data/kept.json', '{"kept":true}');
      await sql(first, 'CREATE SCHEMA IF NOT EXISTS staging');
      await sql(first, `CREATE TABLE ${stagingTable} (x INT)`);
      await sql(first, `CREATE TABLE ${filesTable} (key VARCHAR(1024))`);
      running = first.stateMachineArn.replace(':stateMachine:', ':execution:').concat(`:${DEAD_BATCH}`);
    } finally {
      await first.stop();
    }
    // What a kill -9 leaves: bytes of a put whose index line was never written, an execution
    // recorded RUNNING, and the staging tables above.
    const kept = objectFiles(bucketDir).filter((f) => readFileSync(f, 'utf8') === '{"kept":true}');
    expect(kept).toHaveLength(1);
    mkdirSync(join(bucketDir, 'objects', 'zz'), { recursive: true });
    const orphan = join(bucketDir, 'objects', 'zz', 'zz000000-0000-4000-8000-000000000000');
    writeFileSync(orphan, 'half a put');
    const record = {
      executionArn: running,
      stateMachineArn: first.stateMachineArn,
      name: DEAD_BATCH,
      status: 'RUNNING',
      startDate: Date.now() - 60_000,
      input: JSON.stringify({ batchId: DEAD_BATCH, dataset: 'log_data' }),
    };
    writeFileSync(join(stateDir, 'stepfunctions', 'executions.jsonl'), `${JSON.stringify(record)}\n`, { flag: 'a' });
    chmodSync(stateDir, 0o755);

    const second = await startTestStack({ stateDir, inMemoryWarehouse: false });
    try {
      expect(existsSync(orphan)).toBe(false);
      // The indexed objects' files stayed (the stack re-puts its JSONPaths file, so compare those kept).
      expect(objectFiles(bucketDir)).toEqual(expect.arrayContaining(kept));
      expect((await second.s3.store.read(second.bucket, 'log_data/kept.json')).toString()).toBe('{"kept":true}');

      const staging = await sql(
        second,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'staging' ORDER BY 1",
      );
      expect(staging).toEqual([]);

      const dead = second.sfn.executions().find((e) => e.name === DEAD_BATCH);
      expect(dead).toMatchObject({ status: 'ABORTED', error: 'States.Aborted' });

      expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    } finally {
      await second.stop();
    }
  });
});
