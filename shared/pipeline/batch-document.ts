import type { DataFile } from '../batch-id';
import { type Compression, type DatasetName, isDatasetName } from '../datasets';
import { InvalidEventError } from '../errors';
import { type Batch, batchPaths } from '../manifest';
import type { ObjectStorage } from '../ports';

/** The batch document the batcher writes next to the manifests: the files with their ETags. */
export interface BatchDocument {
  batchId: string;
  dataset: DatasetName;
  compression: Compression;
  files: DataFile[];
}

export async function writeBatchDocument(storage: ObjectStorage, batch: Batch): Promise<string> {
  const key = batchPaths(batch.dataset, batch.batchId).batch;
  const doc: BatchDocument = {
    batchId: batch.batchId,
    dataset: batch.dataset,
    compression: batch.compression,
    files: batch.files,
  };
  await storage.putText(key, JSON.stringify(doc));
  return key;
}

export async function readBatchDocument(storage: ObjectStorage, key: string): Promise<BatchDocument> {
  const text = await storage.getText(key);
  if (text === null) throw new InvalidEventError(`batch document s3://${storage.bucket}/${key} does not exist`);
  const doc = JSON.parse(text) as BatchDocument;
  if (!isDatasetName(doc.dataset) || !Array.isArray(doc.files)) {
    throw new InvalidEventError(`batch document ${key} is malformed`);
  }
  return doc;
}

/** Reads back the files list written for one COPY attempt. */
export async function readFilesList(storage: ObjectStorage, key: string): Promise<DataFile[]> {
  const text = await storage.getText(key);
  if (text === null) throw new InvalidEventError(`files list s3://${storage.bucket}/${key} does not exist`);
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DataFile);
}
