import { batchPaths, type DataFile, datasetOfBatchId } from '../batch-id';
import type { Compression, DatasetName } from '../datasets';
import { InvalidEventError } from '../errors';
import type { Batch } from '../manifest';
import type { ObjectStorage } from '../ports';

/** The batch document the batcher writes next to the manifests: the files with their ETags. */
export interface BatchDocument {
  batchId: string;
  dataset: DatasetName;
  compression: Compression;
  files: DataFile[];
}

export async function writeBatchDocument(storage: ObjectStorage, batch: Batch): Promise<string> {
  const key = batchPaths(batch.batchId).batch;
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
  const doc = parseJson(text, key) as Partial<BatchDocument> | null;
  const dataset = datasetOfBatchId(doc?.batchId);
  if (!doc || !dataset || doc.dataset !== dataset || !Array.isArray(doc.files)) {
    throw new InvalidEventError(`batch document ${key} is malformed`);
  }
  return doc as BatchDocument;
}

/** Reads back the files list written for one COPY attempt. */
export async function readFilesList(storage: ObjectStorage, key: string): Promise<DataFile[]> {
  const text = await storage.getText(key);
  if (text === null) throw new InvalidEventError(`files list s3://${storage.bucket}/${key} does not exist`);
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => parseJson(l, key) as DataFile);
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidEventError(`${key} is not JSON`, { cause: err });
  }
}
