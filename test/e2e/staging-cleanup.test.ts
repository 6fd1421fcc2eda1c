import { pipelineUserFor } from '../../local/cli/setup';
import { batchOfStagingTable, stagingTablesOf as stagingTables } from '../../shared/batch-id';
import type { BackfillSummary } from '../../shared/pipeline/backfill';
import { sql, startTestStack } from '../support/stack';

const DEAD = 'log_data-00000000000000000000dead';
const LIVE = 'song_data-0000000000000000000000aa-a';

describe('staging tables left by dead executions', () => {
  it('maps a staging table back to its batch, split suffixes included', () => {
    const { stagingTable, filesTable } = stagingTables(LIVE);
    expect(batchOfStagingTable(stagingTable.replace('staging.', ''))).toEqual({ dataset: 'song_data', batchId: LIVE });
    expect(batchOfStagingTable(filesTable.replace('staging.', ''))).toEqual({ dataset: 'song_data', batchId: LIVE });
    expect(batchOfStagingTable('somebody_elses_table')).toBeUndefined();
  });

  it('backfill drops the tables of old batches and keeps those of recent ones', async () => {
    const stack = await startTestStack();
    try {
      await stack.invoke('backfill', {}); // creates the schema
      for (const id of [DEAD, LIVE]) {
        const { stagingTable, filesTable } = stagingTables(id);
        await sql(stack, `CREATE TABLE ${stagingTable} (x INT)`);
        await sql(stack, `CREATE TABLE ${filesTable} (key VARCHAR(10))`);
        // As SubmitCopy leaves them: owned by the pipeline's database user, who alone sees them
        // (information_schema lists only tables the user holds a privilege on).
        for (const table of [stagingTable, filesTable]) {
          await sql(stack, `ALTER TABLE ${table} OWNER TO "${pipelineUserFor('dev', 'us-east-1').toLowerCase()}"`);
        }
      }
      // LIVE's batch document was just written; DEAD's is gone (its execution died long ago).
      await stack.s3.store.put(stack.bucket, `manifests/song_data/${LIVE}/batch.json`, '{}');

      const summary = (await stack.invoke('backfill', {})) as BackfillSummary;
      expect(summary.droppedStaging.sort()).toEqual([
        'log_data_00000000000000000000dead',
        'log_data_00000000000000000000dead_files',
      ]);
      const left = await sql(
        stack,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'staging' ORDER BY 1",
      );
      expect(left.map((r) => r.table_name)).toEqual([
        'song_data_0000000000000000000000aa_a',
        'song_data_0000000000000000000000aa_a_files',
      ]);
    } finally {
      await stack.cleanup();
    }
  });
});
