import { batchPaths, stagingTablesOf } from '../../../../shared/batch-id';
import { InvalidEventError } from '../../../../shared/errors';
import { submitCopy } from '../../../../shared/pipeline/submit-copy';
import ledgerLookupSql from '../../../../shared/sql/ledger_lookup.sql';
import { BUCKET, dataFile, executionState, fakeDeps, seedBatch } from '../../../support/fakes';

const ID = 'log_data-0123456789abcdef01234567';
const FILES = [dataFile(3), dataFile(1), dataFile(2)];

function batch(opts: { force?: boolean } = {}) {
  const fakes = fakeDeps();
  const state = executionState({ batchId: ID, force: opts.force });
  seedBatch(fakes.storage, state, FILES);
  return { ...fakes, state };
}

describe('submitCopy', () => {
  it('skips files the ledger has with the same ETag and submits attempt 1 for the rest', async () => {
    // Prepare: file 1 loaded before; file 2 loaded before with other bytes.
    const f = batch();
    f.warehouse.onQuery(ledgerLookupSql, [
      { key: FILES[1].key, etag: FILES[1].etag, status: 'loaded' },
      { key: FILES[2].key, etag: 'older', status: 'loaded' },
    ]);

    // Act
    const next = await submitCopy(f.state, f.deps);

    // Assess: no DDL (the set-up created the tables), the ledger asked by the batch's key range.
    expect(f.warehouse.runBatches).toEqual([]);
    expect(f.warehouse.queriesOf(ledgerLookupSql).map((q) => q.params)).toEqual([
      { dataset: 'log_data', first_key: FILES[1].key, last_key: FILES[0].key },
    ]);
    const manifest = JSON.parse(f.storage.text(batchPaths(ID).manifest(1)) ?? '{}') as { entries: { url: string }[] };
    expect(manifest.entries.map((e) => e.url)).toEqual([FILES[0], FILES[2]].map((x) => `s3://${BUCKET}/${x.key}`));
    expect(f.storage.text(batchPaths(ID).files(1))?.split('\n')).toHaveLength(2);
    expect(f.warehouse.batches).toHaveLength(1);
    expect(f.warehouse.batches[0].sqls.join('\n')).toContain(`COPY ${stagingTablesOf(ID).stagingTable}`);
    expect(next.load).toEqual({
      attempt: 1,
      quarantined: 0,
      retries: 0,
      skipped: 1,
      ...stagingTablesOf(ID),
      statementId: f.warehouse.batches[0].id,
      fileCount: 2,
    });
    expect(next.poll).toMatchObject({ attempt: 0 });
  });

  it('loads nothing when the ledger has every file: fileCount 0 and no COPY', async () => {
    const f = batch();
    f.warehouse.onQuery(
      ledgerLookupSql,
      FILES.map((x) => ({ key: x.key, etag: x.etag, status: 'loaded' })),
    );

    const next = await submitCopy(f.state, f.deps);

    expect(next.load).toMatchObject({ attempt: 0, fileCount: 0, skipped: 3, ...stagingTablesOf(ID) });
    expect(f.warehouse.batches).toEqual([]);
    expect(f.storage.keys('manifests/')).toEqual([batchPaths(ID).batch]);
  });

  it('with force, loads every file without asking the ledger', async () => {
    const f = batch({ force: true });

    const next = await submitCopy(f.state, f.deps);

    expect(f.warehouse.queriesOf(ledgerLookupSql)).toEqual([]);
    expect(next.load).toMatchObject({ fileCount: 3, skipped: 0 });
  });

  it('fails with InvalidEventError when the batch document is missing or not the batch’s', async () => {
    const f = fakeDeps();
    const state = executionState({ batchId: ID });
    await expect(submitCopy(state, f.deps)).rejects.toThrow(/does not exist/);

    f.storage.put(batchPaths(ID).batch, JSON.stringify({ batchId: ID, dataset: 'song_data', files: [] }));
    await expect(submitCopy(state, f.deps)).rejects.toThrow(InvalidEventError);
    f.storage.put(batchPaths(ID).batch, '{not json');
    await expect(submitCopy(state, f.deps)).rejects.toThrow(InvalidEventError);
  });
});
