import { type DataFile, stagingTablesOf } from '../batch-id';
import ledgerLookupSql from '../sql/ledger_lookup.sql';
import { readBatchDocument } from './batch-document';
import type { PipelineDeps } from './deps';
import type { ExecutionState } from './state';
import { submitLoad } from './submit-load';

/**
 * Files of the batch that the ledger has not seen with the same ETag. A file that failed before
 * with the same bytes is skipped too: loading it again would fail the same way (replay with
 * `force` to retry it).
 */
export async function filterUnseen(
  state: ExecutionState,
  files: ReadonlyArray<DataFile>,
  deps: PipelineDeps,
): Promise<DataFile[]> {
  if (files.length === 0) return [];
  // The range must be in the warehouse's order: bytes of UTF-8 (code points), not JS's UTF-16
  // code units, which put U+E000-U+FFFF after emoji and other astral characters.
  const keys = files.map((f) => f.key).sort(compareUtf8);
  const rows = await deps.warehouse.query(ledgerLookupSql, {
    dataset: state.dataset,
    first_key: keys[0],
    last_key: keys[keys.length - 1],
  });
  const seen = new Set(rows.map((r) => `${r.key}@${r.etag}`));
  return files.filter((f) => !seen.has(`${f.key}@${f.etag}`));
}

/** Orders strings by their UTF-8 bytes, as Redshift compares VARCHAR values. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** SubmitCopy: the first task of an execution. */
export async function submitCopy(state: ExecutionState, deps: PipelineDeps): Promise<ExecutionState> {
  // No DDL here: the tables exist since the database set-up (shared/pipeline/setup.ts), and
  // the pipeline's user may not create them (docs/deploy.md, "Database set-up").
  const doc = await readBatchDocument(deps.storage, state.batchKey);
  const files = state.force ? doc.files : await filterUnseen(state, doc.files, deps);
  const skipped = doc.files.length - files.length;
  if (files.length === 0) {
    deps.log?.('nothing to load: every file is in the ledger', { batchId: state.batchId, skipped });
    return {
      ...state,
      load: { attempt: 0, ...stagingTablesOf(state.batchId), fileCount: 0, quarantined: 0, retries: 0, skipped },
    };
  }
  return submitLoad(state, files, doc.compression, { attempt: 1, quarantined: 0, retries: 0, skipped }, deps);
}
