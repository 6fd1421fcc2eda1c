/**
 * Issue 12, finding 9 (staging): at start-up every staging table of a batch is a leftover (no
 * execution runs yet), whatever the age of its batch document; a transient Data API failure
 * skips the repair instead of failing the start.
 */

import { dropStagingOfDeadExecutions } from '../../../local/startup-repair';
import { TransientDataApiError } from '../../../shared/errors';
import stagingTablesSql from '../../../shared/sql/staging_tables.sql';
import { fakeDeps, NOW } from '../../support/fakes';

const BATCH = 'log_data-0123456789abcdef01234567';

describe('dropStagingOfDeadExecutions', () => {
  it('drops the tables of a batch whose document was written a moment ago, and ignores foreign tables', async () => {
    const f = fakeDeps();
    f.storage.put(`manifests/log_data/${BATCH}/batch.json`, '{}', { lastModified: new Date(NOW.getTime() - 1000) });
    f.warehouse.onQuery(stagingTablesSql, [
      { table_name: 'log_data_0123456789abcdef01234567' },
      { table_name: 'log_data_0123456789abcdef01234567_files' },
      { table_name: 'somebody_elses_table' },
    ]);
    const dropped = await dropStagingOfDeadExecutions(f.deps, NOW);
    expect(dropped).toEqual(['log_data_0123456789abcdef01234567', 'log_data_0123456789abcdef01234567_files']);
    expect(f.warehouse.queriesOf(/^DROP TABLE IF EXISTS/m).map((q) => q.sql)).toEqual([
      expect.stringContaining('staging.log_data_0123456789abcdef01234567'),
      expect.stringContaining('staging.log_data_0123456789abcdef01234567_files'),
    ]);
  });

  it('skips the repair on a transient Data API failure', async () => {
    const f = fakeDeps();
    f.deps.warehouse.query = async () => {
      throw new TransientDataApiError('connection reset by peer (injected transient fault)');
    };
    await expect(dropStagingOfDeadExecutions(f.deps, NOW)).resolves.toEqual([]);
    expect(f.logs.map((l) => l.message)).toContain('start-up staging clean-up skipped');
  });
});
