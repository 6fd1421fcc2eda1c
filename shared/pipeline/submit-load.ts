import { batchPaths, type DataFile, stagingTablesOf } from '../batch-id';
import type { Compression } from '../datasets';
import { buildFilesJsonl, buildRedshiftManifest } from '../manifest';
import { copyStatements } from './copy-statements';
import type { PipelineDeps } from './deps';
import { type ExecutionState, type LoadState, pollState } from './state';

/**
 * Writes attempt `attempt`'s manifest and file list, and submits its COPY transaction. Returns
 * the state with the statement to poll and a fresh poll loop.
 */
export async function submitLoad(
  state: ExecutionState,
  files: ReadonlyArray<DataFile>,
  compression: Compression,
  load: Omit<LoadState, 'statementId' | 'stagingTable' | 'filesTable' | 'fileCount'>,
  deps: PipelineDeps,
): Promise<ExecutionState> {
  const { cfg, storage, warehouse } = deps;
  const paths = batchPaths(state.batchId);
  const manifestKey = paths.manifest(load.attempt);
  const filesKey = paths.files(load.attempt);
  await Promise.all([
    storage.putText(manifestKey, buildRedshiftManifest(cfg.bucket, files)),
    storage.putText(filesKey, buildFilesJsonl(files), 'application/x-ndjson'),
  ]);
  const tables = stagingTablesOf(state.batchId);
  const statementId = await warehouse.submitBatch(
    copyStatements(cfg, { dataset: state.dataset, compression, ...tables, manifestKey, filesKey }),
  );
  deps.log?.('COPY submitted', { batchId: state.batchId, statementId, files: files.length, attempt: load.attempt });
  return {
    ...state,
    outcome: undefined,
    statement: undefined,
    load: { ...load, ...tables, statementId, fileCount: files.length },
    poll: pollState(cfg),
  };
}
