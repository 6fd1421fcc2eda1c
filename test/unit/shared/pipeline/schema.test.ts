import { ensureSchema } from '../../../../shared/pipeline/schema';
import schemaSql from '../../../../shared/sql/schema.sql';
import { splitStatements } from '../../../../shared/sql-render';
import { fakeDeps } from '../../../support/fakes';

describe('ensureSchema', () => {
  it('creates the schema once per process', async () => {
    const { warehouse } = fakeDeps();

    await Promise.all([ensureSchema(warehouse), ensureSchema(warehouse)]);
    await ensureSchema(warehouse);

    // The service's schema, then each dataset's own targets (datasets/<folder>/schema.sql).
    expect(warehouse.runBatches).toHaveLength(1);
    const [batch] = warehouse.runBatches;
    expect(batch.slice(0, splitStatements(schemaSql).length)).toEqual(splitStatements(schemaSql));
    expect(batch.slice(splitStatements(schemaSql).length).map((s) => s.split('(')[0].trim())).toEqual([
      'CREATE TABLE IF NOT EXISTS public.listens',
      'CREATE TABLE IF NOT EXISTS public.subscriptions',
    ]);
  });

  it('does not remember a failure: the next call tries again', async () => {
    const { warehouse } = fakeDeps();
    warehouse.failNextRunBatch(new Error('connection reset'));

    await expect(ensureSchema(warehouse)).rejects.toThrow('connection reset');
    await ensureSchema(warehouse);

    expect(warehouse.runBatches).toHaveLength(2);
  });
});
