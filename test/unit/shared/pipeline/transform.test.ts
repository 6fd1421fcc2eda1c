import { stagingTablesOf } from '../../../../shared/batch-id';
import { InvalidEventError, LoadFailedError } from '../../../../shared/errors';
import {
  isSerializationConflict,
  MAX_CONFLICT_ATTEMPTS,
  MAX_TRANSFORM_ATTEMPTS,
  submitTransform,
  transformStatements,
} from '../../../../shared/pipeline/transform';
import { executionState, fakeDeps } from '../../../support/fakes';

const ID = 'log_data-0123456789abcdef01234567';

describe('transformStatements', () => {
  it('take no lock, write the ledger and drop staging last, within the Data API batch limit', () => {
    const sqls = transformStatements(executionState({ batchId: ID, load: {} }));
    // No exclusive lock: readers (ledger lookup, quality checks) never queue behind a transform.
    expect(sqls.filter((s) => /^LOCK\b/i.test(s))).toEqual([]);
    expect(sqls.some((s) => s.startsWith('INSERT INTO ingest.loaded_files'))).toBe(true);
    const { stagingTable, filesTable } = stagingTablesOf(ID);
    expect(sqls.slice(-2)).toEqual([`DROP TABLE ${stagingTable}`, `DROP TABLE ${filesTable}`]);
    expect(sqls.length).toBeLessThanOrEqual(40);
    expect(sqls.join('\n')).not.toMatch(/\{\{/);
  });

  it.each(['log_data', 'song_data'] as const)('resolve songs of %s through the one best-song-match fragment', (d) => {
    const batchId = `${d}-0123456789abcdef01234567`;
    const sqls = transformStatements(executionState({ batchId, load: {} }));
    const matching = sqls.filter((s) => s.includes('PARTITION BY s.title, s.artist_name, s.duration'));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toContain('JOIN song_keys k');
    expect(sqls.join('\n')).not.toMatch(/\{\{/);
  });

  it('needs the load of the batch: missing, or naming other tables, is an InvalidEventError', () => {
    expect(() => transformStatements(executionState({ batchId: ID }))).toThrow(/no "load"/);
    const other = stagingTablesOf('log_data-ffffffffffffffffffffffff');
    expect(() => transformStatements(executionState({ batchId: ID, load: { ...other } }))).toThrow(InvalidEventError);
  });
});

describe('submitTransform', () => {
  it('submits the transform as one batch, reads the COPY time once and starts a fresh poll loop', async () => {
    // Prepare
    const { deps, warehouse } = fakeDeps();
    warehouse.statement('copy-1', { durationSeconds: 12.5 });
    const state = executionState({
      batchId: ID,
      load: {},
      poll: { attempt: 7, maxAttempts: 60, schedule: [1], wait: 1, crossRegion: false },
    });

    // Act
    const next = await submitTransform(state, deps);

    // Assess
    expect(warehouse.batches).toHaveLength(1);
    expect(warehouse.batches[0].sqls).toEqual(transformStatements(state));
    expect(next.transform).toEqual({ attempt: 1, statementId: warehouse.batches[0].id });
    expect(next.load?.copySeconds).toBe(12.5);
    expect(next.poll).toMatchObject({ attempt: 0, maxAttempts: 60, wait: 1 });
    expect(warehouse.described).toEqual(['copy-1']);
  });

  it('resubmits a transform that ended FAILED, without reading the COPY time again', async () => {
    const { deps, warehouse } = fakeDeps();
    warehouse.statement('transform-1', { status: 'FAILED', error: 'serializable isolation violation' });
    const state = executionState({
      batchId: ID,
      load: { copySeconds: 3 },
      transform: { attempt: 1, statementId: 'transform-1' },
    });

    const next = await submitTransform(state, deps);

    expect(next.transform).toEqual({ attempt: 2, statementId: warehouse.batches[0].id });
    expect(next.load?.copySeconds).toBe(3);
    expect(warehouse.described).toEqual(['transform-1']);
  });

  it(`gives up after ${MAX_TRANSFORM_ATTEMPTS} attempts with a LoadFailedError naming the last error`, async () => {
    const { deps, warehouse } = fakeDeps();
    warehouse.statement('transform-3', { status: 'FAILED', error: 'disk full' });
    const state = executionState({
      batchId: ID,
      load: {},
      transform: { attempt: MAX_TRANSFORM_ATTEMPTS, statementId: 'transform-3' },
    });

    const failure = submitTransform(state, deps);

    await expect(failure).rejects.toThrow(LoadFailedError);
    await expect(failure).rejects.toThrow(/disk full/);
    expect(warehouse.batches).toEqual([]);
  });

  it(`resubmits serialization conflicts (error 1023) up to ${MAX_CONFLICT_ATTEMPTS} attempts, then fails naming it`, async () => {
    const conflict =
      'ERROR: 1023 DETAIL: Serializable isolation violation on table - 123456, transactions forming the cycle are: 1, 2';
    const { deps, warehouse } = fakeDeps();
    warehouse.statement('t', { status: 'FAILED', error: conflict });
    const retried = await submitTransform(
      executionState({ batchId: ID, load: {}, transform: { attempt: MAX_TRANSFORM_ATTEMPTS, statementId: 't' } }),
      deps,
    );
    expect(retried.transform?.attempt).toBe(MAX_TRANSFORM_ATTEMPTS + 1);

    const last = submitTransform(
      executionState({ batchId: ID, load: {}, transform: { attempt: MAX_CONFLICT_ATTEMPTS, statementId: 't' } }),
      deps,
    );
    await expect(last).rejects.toThrow(LoadFailedError);
    await expect(last).rejects.toThrow(/Serializable isolation violation/);
    expect(isSerializationConflict('disk full')).toBe(false);
  });

  it('refuses a state without a load', async () => {
    const { deps, warehouse } = fakeDeps();
    await expect(submitTransform(executionState({ batchId: ID }), deps)).rejects.toThrow(InvalidEventError);
    expect(warehouse.batches).toEqual([]);
  });
});
