import { ensureSchema } from '../../../../shared/pipeline/schema';
import schemaSql from '../../../../shared/sql/schema.sql';
import { splitStatements } from '../../../../shared/sql-render';
import { fakeDeps } from '../../../support/fakes';

describe('ensureSchema', () => {
  it('creates the schema once per process', async () => {
    const { warehouse } = fakeDeps();

    await Promise.all([ensureSchema(warehouse), ensureSchema(warehouse)]);
    await ensureSchema(warehouse);

    expect(warehouse.runBatches).toEqual([splitStatements(schemaSql)]);
  });

  it('does not remember a failure: the next call tries again', async () => {
    const { warehouse } = fakeDeps();
    warehouse.failNextRunBatch(new Error('connection reset'));

    await expect(ensureSchema(warehouse)).rejects.toThrow('connection reset');
    await ensureSchema(warehouse);

    expect(warehouse.runBatches).toHaveLength(2);
  });
});
