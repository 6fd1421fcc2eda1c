import type { Batch } from '../manifest';
import type { StartOutcome } from '../ports';
import { writeBatchDocument } from './batch-document';
import { type PipelineDeps, requireOrchestrator } from './deps';

export interface StartedBatch {
  batchId: string;
  dataset: string;
  files: number;
  outcome: StartOutcome;
  executionName: string;
}

/** Writes each batch's document and starts its execution (named by the batch id). */
export async function startBatch(batch: Batch, deps: PipelineDeps, force = false): Promise<StartedBatch> {
  const batchKey = await writeBatchDocument(deps.storage, batch);
  const { outcome, executionName } = await requireOrchestrator(deps).startBatch({
    batchId: batch.batchId,
    dataset: batch.dataset,
    batchKey,
    ...(force ? { force: true } : {}),
  });
  deps.log?.('batch started', { batchId: batch.batchId, dataset: batch.dataset, files: batch.files.length, outcome });
  return { batchId: batch.batchId, dataset: batch.dataset, files: batch.files.length, outcome, executionName };
}

/** Starts batches with bounded concurrency; results in input order. */
export async function startBatches(
  batches: ReadonlyArray<Batch>,
  deps: PipelineDeps,
  force = false,
): Promise<StartedBatch[]> {
  const results: StartedBatch[] = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      results[i] = await startBatch(batches[i], deps, force);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, batches.length) }, worker));
  return results;
}
