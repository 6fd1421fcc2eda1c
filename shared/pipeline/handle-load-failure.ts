import { batchPaths, type DataFile, splitBatchIds } from '../batch-id';
import { NoCleanFilesError } from '../errors';
import { splitInHalves } from '../manifest';
import type { StatementInfo } from '../ports';
import loadErrorsSql from '../sql/load_errors.sql';
import { readBatchDocument, readFilesList, writeBatchDocument } from './batch-document';
import { type PipelineDeps, requireOrchestrator } from './deps';
import { type FileFailure, quarantineFiles } from './quarantine';
import { type ExecutionState, requireLoadStatement } from './state';
import { submitLoad } from './submit-load';

/** COPY failures that name no file are retried this many times before the batch is split. */
const MAX_UNATTRIBUTED_RETRIES = 2;

/** Load errors of the failed COPY, first error per file. */
async function failuresByFile(
  info: StatementInfo,
  files: ReadonlyArray<DataFile>,
  deps: PipelineDeps,
): Promise<FileFailure[]> {
  // The data COPY is the last statement of the load transaction; its query id keys the errors.
  const queryId = info.subStatements.at(-1)?.queryId ?? info.queryId;
  const failures = new Map<string, FileFailure>();
  if (queryId === undefined) return [];
  const byKey = new Map(files.map((f) => [f.key, f]));
  const prefix = `s3://${deps.cfg.bucket}/`;
  for (const r of await deps.warehouse.query(loadErrorsSql, { query_id: String(queryId) })) {
    const name = String(r.file_name ?? '');
    const file = name.startsWith(prefix) ? byKey.get(name.slice(prefix.length)) : undefined;
    if (!file || failures.has(file.key)) continue;
    const line = r.line_number === null ? undefined : Number(r.line_number);
    const column = r.column_name ? String(r.column_name) : undefined;
    const code = r.error_code === null ? undefined : Number(r.error_code);
    const message = String(r.error_message ?? 'load error');
    const where = [line !== undefined ? `line ${line}` : '', column ? `column ${column}` : '']
      .filter(Boolean)
      .join(', ');
    failures.set(file.key, {
      file,
      line,
      column,
      code,
      reason: `${where ? `${where}: ` : ''}${message}${code ? ` (code ${code})` : ''}`,
    });
  }
  return [...failures.values()];
}

/**
 * HandleLoadFailure: quarantine the files the load errors name and resubmit the rest; a failure
 * that names no file is retried, then the batch is split in two child executions, down to single
 * files, which are quarantined with the statement's error. Throws NoCleanFilesError when nothing
 * of the batch is left to load.
 */
export async function handleLoadFailure(state: ExecutionState, deps: PipelineDeps): Promise<ExecutionState> {
  const { statementId, ...load } = requireLoadStatement(state);
  const files = await readFilesList(deps.storage, batchPaths(state.batchId).files(load.attempt));
  const { compression } = await readBatchDocument(deps.storage, state.batchKey);
  const info = await deps.warehouse.describe(statementId);
  const statementError = info.error ?? 'COPY failed';
  const failures = await failuresByFile(info, files, deps);

  if (failures.length > 0) {
    await quarantineFiles(state, failures, deps);
    const bad = new Set(failures.map((f) => f.file.key));
    const rest = files.filter((f) => !bad.has(f.key));
    const quarantined = load.quarantined + failures.length;
    if (rest.length === 0) throw noCleanFiles(state, quarantined, statementError);
    const next = await submitLoad(state, rest, compression, { ...load, attempt: load.attempt + 1, quarantined }, deps);
    return { ...next, outcome: 'resubmitted' };
  }

  if (load.retries < MAX_UNATTRIBUTED_RETRIES) {
    deps.log?.('COPY failed without file errors; retrying', { batchId: state.batchId, error: statementError });
    const next = await submitLoad(
      state,
      files,
      compression,
      { ...load, attempt: load.attempt + 1, retries: load.retries + 1 },
      deps,
    );
    return { ...next, outcome: 'retried' };
  }

  if (files.length === 1) {
    await quarantineFiles(state, [{ file: files[0], reason: statementError }], deps);
    throw noCleanFiles(state, load.quarantined + 1, statementError);
  }

  const halves = splitInHalves(files);
  const childIds = splitBatchIds(state.batchId);
  for (const [i, half] of halves.entries()) {
    const batchId = childIds[i];
    const batchKey = await writeBatchDocument(deps.storage, {
      batchId,
      dataset: state.dataset,
      compression,
      files: half,
    });
    await requireOrchestrator(deps).startBatch({ batchId, dataset: state.dataset, batchKey, force: state.force });
  }
  deps.log?.('batch split after unattributed COPY failures', { batchId: state.batchId, error: statementError });
  return { ...state, outcome: 'split' };
}

function noCleanFiles(state: ExecutionState, quarantined: number, statementError: string): NoCleanFilesError {
  return new NoCleanFilesError(
    JSON.stringify({ batchId: state.batchId, dataset: state.dataset, quarantined, error: statementError }),
  );
}
