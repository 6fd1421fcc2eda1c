import { batchIdFor, batchPaths } from '../../../../shared/batch-id';
import { ConfigError } from '../../../../shared/errors';
import type { Batch } from '../../../../shared/manifest';
import type { BatchDocument } from '../../../../shared/pipeline/batch-document';
import { startBatches } from '../../../../shared/pipeline/start-batches';
import { dataFile, fakeDeps } from '../../../support/fakes';

const batchOf = (n: number): Batch => {
  const files = [dataFile(n)];
  return { batchId: batchIdFor('log_data', files), dataset: 'log_data', compression: 'none', files };
};

describe('startBatches', () => {
  it('writes each batch document, starts its execution, and reports in input order', async () => {
    // Prepare
    const { deps, storage, orchestrator } = fakeDeps();
    orchestrator.answer('already-succeeded');
    const batches = Array.from({ length: 20 }, (_, i) => batchOf(i + 1));

    // Act
    const started = await startBatches(batches, deps, true);

    // Assess
    expect(started.map((s) => s.batchId)).toEqual(batches.map((b) => b.batchId));
    expect(started.every((s) => s.outcome === 'already-succeeded' && s.files === 1)).toBe(true);
    expect(orchestrator.started.every((s) => s.force === true)).toBe(true);
    for (const b of batches) {
      expect(storage.json<BatchDocument>(batchPaths(b.batchId).batch)).toEqual({ ...b });
    }
  });

  it('leaves force out of the execution input unless asked', async () => {
    const { deps, orchestrator } = fakeDeps();
    await startBatches([batchOf(1)], deps);
    expect(orchestrator.started[0]).not.toHaveProperty('force');
  });

  it('needs the state machine: ConfigError naming STATE_MACHINE_ARN', async () => {
    const { deps } = fakeDeps();
    await expect(startBatches([batchOf(1)], { ...deps, orchestrator: undefined })).rejects.toThrow(ConfigError);
    await expect(startBatches([batchOf(1)], { ...deps, orchestrator: undefined })).rejects.toThrow(/STATE_MACHINE_ARN/);
  });
});
