import {
  batchIdFor,
  batchIdOfExecutionName,
  batchOfStagingTable,
  batchPaths,
  datasetOfBatchId,
  executionNameOf,
  isBatchId,
  isStagingTable,
  splitBatchIds,
  stagingTablesOf,
} from '../../../shared/batch-id';
import { datasetNames } from '../../../shared/datasets';
import { InvalidEventError } from '../../../shared/errors';
import { dataFile } from '../../support/fakes';

const ID = 'log_data-0123456789abcdef01234567';

describe('batchIdFor', () => {
  it('does not depend on file order', () => {
    const files = [dataFile(1), dataFile(2), dataFile(3)];
    expect(batchIdFor('log_data', files)).toBe(batchIdFor('log_data', [...files].reverse()));
  });

  it('changes with an ETag, the dataset or the salt', () => {
    const id = batchIdFor('log_data', [dataFile(1)]);
    expect(batchIdFor('log_data', [{ ...dataFile(1), etag: 'other' }])).not.toBe(id);
    expect(batchIdFor('song_data', [dataFile(1)])).not.toBe(id);
    expect(batchIdFor('log_data', [dataFile(1)], 'force:1')).not.toBe(id);
  });

  it.each(datasetNames())('makes ids of %s that pass isBatchId and name their dataset', (dataset) => {
    const id = batchIdFor(dataset, [dataFile(1, dataset)]);
    expect(id).toMatch(new RegExp(`^${dataset}-[0-9a-f]{24}$`));
    expect(isBatchId(id)).toBe(true);
    expect(datasetOfBatchId(id)).toBe(dataset);
  });
});

describe('isBatchId', () => {
  it('accepts split suffixes only', () => {
    expect(isBatchId(`${ID}-a-b-a`)).toBe(true);
    expect(isBatchId(`${ID}-r1`)).toBe(false); // an execution name, not a batch id
    expect(isBatchId(`${ID}-x`)).toBe(false);
  });

  it('refuses other datasets, short hashes, injected text and non-strings', () => {
    expect(isBatchId('other_data-0123456789abcdef01234567')).toBe(false);
    expect(isBatchId('log_data-xyz')).toBe(false);
    expect(isBatchId(`${ID}; DROP TABLE users`)).toBe(false);
    expect(isBatchId(`${ID.toUpperCase()}`)).toBe(false);
    expect(isBatchId(42)).toBe(false);
    expect(datasetOfBatchId('nope')).toBeUndefined();
  });
});

describe('split children', () => {
  it('are -a and -b of the parent', () => {
    expect(splitBatchIds(ID)).toEqual([`${ID}-a`, `${ID}-b`]);
    expect(splitBatchIds(`${ID}-a`)).toEqual([`${ID}-a-a`, `${ID}-a-b`]);
  });

  it('stop after 16 levels, and need a batch id', () => {
    const deepest = `${ID}${'-a'.repeat(16)}`;
    expect(isBatchId(deepest)).toBe(true);
    expect(() => splitBatchIds(deepest)).toThrow(InvalidEventError);
    expect(() => splitBatchIds('not-a-batch')).toThrow(InvalidEventError);
  });
});

describe('execution names', () => {
  it('are the batch id, then -r<n> for restarts, and map back to the batch id', () => {
    expect(executionNameOf(ID, 0)).toBe(ID);
    expect(executionNameOf(`${ID}-a`, 2)).toBe(`${ID}-a-r2`);
    expect(batchIdOfExecutionName(`${ID}-a-r2`)).toBe(`${ID}-a`);
    expect(batchIdOfExecutionName(ID)).toBe(ID);
    expect(batchIdOfExecutionName('some-other-execution')).toBeUndefined();
  });

  it('fit the 80 characters of an execution name', () => {
    const deepest = `song_data-0123456789abcdef01234567${'-b'.repeat(16)}`;
    expect(executionNameOf(deepest, 5).length).toBeLessThanOrEqual(80);
  });
});

describe('staging tables', () => {
  it.each([ID, `${ID}-a-b`, 'song_data-0000000000000000000000aa-a'])('map %s to its tables and back', (id) => {
    const { stagingTable, filesTable } = stagingTablesOf(id);
    expect(stagingTable).toBe(`staging.${id.replace(/-/g, '_')}`);
    expect(filesTable).toBe(`${stagingTable}_files`);
    const dataset = datasetOfBatchId(id);
    for (const table of [stagingTable, filesTable, stagingTable.replace('staging.', '')]) {
      expect(batchOfStagingTable(table)).toEqual({ dataset, batchId: id });
    }
    expect(isStagingTable(stagingTable)).toBe(true);
    expect(isStagingTable(filesTable)).toBe(true);
  });

  it('are recognised only when they are a batch’s', () => {
    expect(batchOfStagingTable('somebody_elses_table')).toBeUndefined();
    expect(batchOfStagingTable('log_data_0123456789abcdef01234567_x')).toBeUndefined();
    expect(batchOfStagingTable('log_data_0123')).toBeUndefined();
    expect(isStagingTable('log_data_0123456789abcdef01234567')).toBe(false); // not schema-qualified
    expect(isStagingTable('staging.x; DROP TABLE users')).toBe(false);
    expect(() => stagingTablesOf('staging.x')).toThrow(InvalidEventError);
  });
});

describe('batchPaths', () => {
  it('puts a batch’s documents under manifests/<dataset>/<batch id>/', () => {
    const paths = batchPaths(`${ID}-a`);
    expect(paths.batch).toBe(`manifests/log_data/${ID}-a/batch.json`);
    expect(paths.manifest(2)).toBe(`manifests/log_data/${ID}-a/copy-2.manifest`);
    expect(paths.files(2)).toBe(`manifests/log_data/${ID}-a/files-2.jsonl`);
  });

  it('refuses what is not a batch id (it would become an S3 key)', () => {
    expect(() => batchPaths('../../etc')).toThrow(InvalidEventError);
  });
});
