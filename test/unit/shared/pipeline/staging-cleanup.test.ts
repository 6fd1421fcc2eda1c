import { batchPaths, stagingTablesOf } from '../../../../shared/batch-id';
import { dropOrphanedStaging } from '../../../../shared/pipeline/staging-cleanup';
import stagingTablesSql from '../../../../shared/sql/staging_tables.sql';
import { fakeDeps, NOW } from '../../../support/fakes';

const DEAD = 'log_data-00000000000000000000dead';
const OLD = 'song_data-000000000000000000000001-b';
const LIVE = 'song_data-0000000000000000000000aa-a';
const bare = (table: string) => table.replace('staging.', '');
const tablesOf = (id: string) => Object.values(stagingTablesOf(id)).map(bare);

describe('dropOrphanedStaging', () => {
  it('drops the tables of batches whose document is gone or older than STAGING_MAX_AGE_SECONDS', async () => {
    // Prepare: OLD's document is two days old, LIVE's was just written, DEAD's is gone.
    const { deps, storage, warehouse } = fakeDeps({ env: { STAGING_MAX_AGE_SECONDS: '86400' } });
    storage.put(batchPaths(OLD).batch, '{}', { lastModified: new Date(NOW.getTime() - 2 * 86_400_000) });
    storage.put(batchPaths(LIVE).batch, '{}', { lastModified: new Date(NOW.getTime() - 60_000) });
    const tables = [...tablesOf(DEAD), ...tablesOf(OLD), ...tablesOf(LIVE), 'somebody_elses_table'];
    warehouse.onQuery(
      stagingTablesSql,
      tables.map((table_name) => ({ table_name })),
    );

    // Act
    const dropped = await dropOrphanedStaging(deps, NOW);

    // Assess
    expect(dropped).toEqual([...tablesOf(DEAD), ...tablesOf(OLD)]);
    const drops = warehouse.queries.filter((q) => q.sql.startsWith('DROP') || q.sql.includes('DROP TABLE'));
    expect(drops.map((q) => q.sql.trim().split(/\s+/).at(-1))).toEqual(dropped.map((t) => `staging.${t}`));
  });

  it('drops nothing when there are no staging tables', async () => {
    const { deps, warehouse } = fakeDeps();
    expect(await dropOrphanedStaging(deps, NOW)).toEqual([]);
    expect(warehouse.queries).toHaveLength(1);
  });
});
