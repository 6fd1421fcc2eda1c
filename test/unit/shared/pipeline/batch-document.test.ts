import { batchPaths } from '../../../../shared/batch-id';
import { InvalidEventError } from '../../../../shared/errors';
import { buildFilesJsonl } from '../../../../shared/manifest';
import { readBatchDocument, readFilesList, writeBatchDocument } from '../../../../shared/pipeline/batch-document';
import { batchIdOf, dataFile, MemoryStorage } from '../../../support/fakes';

const FILES = [dataFile(1), dataFile(2)];
const ID = batchIdOf('log_data', FILES);

describe('batch documents', () => {
  it('are written at the batch’s key and read back', async () => {
    const storage = new MemoryStorage();
    const batch = { batchId: ID, dataset: 'log_data' as const, compression: 'gzip' as const, files: FILES };

    const key = await writeBatchDocument(storage, batch);

    expect(key).toBe(batchPaths(ID).batch);
    expect(await readBatchDocument(storage, key)).toEqual(batch);
  });

  it.each([
    ['missing', undefined, /does not exist/],
    ['not JSON', '{"batchId":', /is not JSON/],
    [
      'of another dataset than its batch id',
      JSON.stringify({ batchId: ID, dataset: 'song_data', files: [] }),
      /malformed/,
    ],
    ['without a batch id', JSON.stringify({ dataset: 'log_data', files: [] }), /malformed/],
    ['without files', JSON.stringify({ batchId: ID, dataset: 'log_data' }), /malformed/],
  ])('are refused when %s (InvalidEventError)', async (_, body, message) => {
    const storage = new MemoryStorage();
    if (body !== undefined) storage.put(batchPaths(ID).batch, body);
    const read = readBatchDocument(storage, batchPaths(ID).batch);
    await expect(read).rejects.toThrow(InvalidEventError);
    await expect(read).rejects.toThrow(message);
  });
});

describe('files lists', () => {
  it('are read back line by line, blank lines skipped', async () => {
    const storage = new MemoryStorage();
    storage.put(batchPaths(ID).files(1), `${buildFilesJsonl(FILES)}\n\n`);
    expect(await readFilesList(storage, batchPaths(ID).files(1))).toEqual(FILES);
  });

  it('are refused when missing or not JSON lines', async () => {
    const storage = new MemoryStorage();
    await expect(readFilesList(storage, batchPaths(ID).files(1))).rejects.toThrow(InvalidEventError);
    storage.put(batchPaths(ID).files(1), 'key,etag\n');
    await expect(readFilesList(storage, batchPaths(ID).files(1))).rejects.toThrow(InvalidEventError);
  });
});
