import { createHash } from 'node:crypto';
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

/**
 * Where a quarantined file's copy goes: `quarantine/<sha256 of the key, hex>`, a fixed 75 bytes.
 * Not `quarantine/<key>`: S3 keys may be 1024 bytes (Amazon S3 User Guide, "Naming Amazon S3
 * objects"), so that name could exceed the limit and the copy would fail with KeyTooLongError.
 * The original key is in the ledger row and in the sidecar {@link quarantineSidecarKey}.
 */
export const quarantineKey = (key: string): string =>
  `quarantine/${createHash('sha256').update(key, 'utf8').digest('hex')}`;

/** The JSON sidecar beside a quarantined copy: original key, ETag, batch and reason. */
export const quarantineSidecarKey = (key: string): string => `${quarantineKey(key)}.json`;

/**
 * Copies each failed file under quarantine/ (fixed-length name, sidecar with the original key)
 * and records it in the ledger as 'failed' with its reason and line, so nothing is lost and the
 * report can name the cause.
 */
export async function quarantineFiles(
  state: ExecutionState,
  failures: ReadonlyArray<FileFailure>,
  deps: PipelineDeps,
): Promise<void> {
  for (const f of failures) {
    await deps.storage.copy(f.file.key, quarantineKey(f.file.key));
    const sidecar = {
      key: f.file.key,
      etag: f.file.etag,
      size: f.file.size,
      dataset: state.dataset,
      batchId: state.batchId,
    };
    await deps.storage.putText(
      quarantineSidecarKey(f.file.key),
      JSON.stringify({ ...sidecar, reason: f.reason, line: f.line ?? null }),
      'application/json',
    );
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
