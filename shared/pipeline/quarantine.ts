import type { DataFile } from '../batch-id';
import ledgerFailedSql from '../sql/ledger_failed.sql';
import type { PipelineDeps } from './deps';
import type { ExecutionState } from './state';

/** Why a file was quarantined: the first load error that names it. */
export interface FileFailure {
  file: DataFile;
  reason: string;
  line?: number;
  column?: string;
  code?: number;
}

/** Where a quarantined file's copy goes. */
export const quarantineKey = (key: string): string => `quarantine/${key}`;

/**
 * Copies each failed file under quarantine/ and records it in the ledger as 'failed' with its
 * reason and line, so nothing is lost and the report can name the cause.
 */
export async function quarantineFiles(
  state: ExecutionState,
  failures: ReadonlyArray<FileFailure>,
  deps: PipelineDeps,
): Promise<void> {
  for (const f of failures) {
    await deps.storage.copy(f.file.key, quarantineKey(f.file.key));
    await deps.warehouse.query(ledgerFailedSql, {
      key: f.file.key,
      etag: f.file.etag,
      size: String(f.file.size),
      dataset: state.dataset,
      batch_id: state.batchId,
      error: f.reason.slice(0, 1000) || 'load failed',
      line: String(f.line ?? -1),
      column_name: f.column || '-',
      code: String(f.code ?? -1),
    });
    deps.log?.('file quarantined', { batchId: state.batchId, key: f.file.key, line: f.line, reason: f.reason });
  }
}
