import { batchPaths, type DataFile } from '../../../../shared/batch-id';
import { InvalidEventError, NoCleanFilesError } from '../../../../shared/errors';
import { buildFilesJsonl } from '../../../../shared/manifest';
import { handleLoadFailure } from '../../../../shared/pipeline/handle-load-failure';
import { quarantineKey } from '../../../../shared/pipeline/quarantine';
import type { ExecutionState, LoadState } from '../../../../shared/pipeline/state';
import ledgerFailedSql from '../../../../shared/sql/ledger_failed.sql';
import loadErrorsSql from '../../../../shared/sql/load_errors.sql';
import { BUCKET, dataFile, executionState, type Fakes, fakeDeps, seedBatch } from '../../../support/fakes';

const ID = 'log_data-0123456789abcdef01234567';
const FILES = [dataFile(1), dataFile(2), dataFile(3), dataFile(4), dataFile(5)];
const QUERY_ID = 4242;

/** A load error row of sys_load_error_detail naming a file of the bucket. */
const loadError = (file: DataFile, line: number, message = 'Invalid JSON', code = 1216) => ({
  file_name: `s3://${BUCKET}/${file.key}`,
  line_number: line,
  column_name: 'ts',
  error_code: code,
  error_message: message,
});

/**
 * A batch whose COPY attempt `load.attempt` failed: the batch document, that attempt's files
 * list, and the failed statement (the data COPY, last in the transaction, has QUERY_ID).
 */
function failedLoad(
  opts: { files?: DataFile[]; load?: Partial<LoadState>; force?: boolean; queryId?: number | null } = {},
): Fakes & { state: ExecutionState; files: DataFile[] } {
  const fakes = fakeDeps();
  const files = opts.files ?? FILES;
  const state = executionState({
    batchId: ID,
    force: opts.force,
    load: { attempt: 1, statementId: 'copy-1', fileCount: files.length, ...opts.load },
  });
  seedBatch(fakes.storage, state, FILES, 'gzip');
  fakes.storage.put(batchPaths(ID).files(state.load?.attempt ?? 1), buildFilesJsonl(files));
  for (const f of FILES) fakes.storage.put(f.key, `{"data":${JSON.stringify(f.key)}}`, { etag: f.etag });
  const queryId = opts.queryId === null ? undefined : (opts.queryId ?? QUERY_ID);
  fakes.warehouse.statement('copy-1', {
    status: 'FAILED',
    error: 'Load into table failed. Check sys_load_error_detail',
    subStatements: [
      { id: 'copy-1:1', status: 'FINISHED' },
      { id: 'copy-1:2', status: 'FAILED', queryId },
    ],
  });
  return { ...fakes, state, files };
}

/** The files list the resubmitted attempt wrote. */
const filesOfAttempt = (f: Fakes, attempt: number): string[] =>
  (f.storage.text(batchPaths(ID).files(attempt)) ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as DataFile).key);

describe('handleLoadFailure', () => {
  describe('when the load errors name files', () => {
    it('quarantines those files, records them as failed, and resubmits the rest as the next attempt', async () => {
      // Prepare
      const f = failedLoad();
      f.warehouse.onQuery(loadErrorsSql, [loadError(FILES[1], 7), loadError(FILES[3], 2, 'Overflow', 1207)]);

      // Act
      const next = await handleLoadFailure(f.state, f.deps);

      // Assess: the bad files are copied under quarantine/ and in the ledger with their cause.
      expect(f.storage.copies).toEqual([
        { from: FILES[1].key, to: quarantineKey(FILES[1].key) },
        { from: FILES[3].key, to: quarantineKey(FILES[3].key) },
      ]);
      const ledger = f.warehouse.queriesOf(ledgerFailedSql).map((q) => q.params);
      expect(ledger).toEqual([
        expect.objectContaining({ key: FILES[1].key, batch_id: ID, line: '7', column_name: 'ts', code: '1216' }),
        expect.objectContaining({ key: FILES[3].key, batch_id: ID, line: '2', code: '1207' }),
      ]);
      expect(ledger[0]?.error).toBe('line 7, column ts: Invalid JSON (code 1216)');
      // The load errors were read by the data COPY's query id.
      expect(f.warehouse.queriesOf(loadErrorsSql).map((q) => q.params)).toEqual([{ query_id: String(QUERY_ID) }]);
      // The rest is attempt 2: its own manifest and files list, one COPY transaction.
      expect(filesOfAttempt(f, 2)).toEqual([FILES[0].key, FILES[2].key, FILES[4].key]);
      expect(f.storage.text(batchPaths(ID).manifest(2))).toContain(`s3://${BUCKET}/${FILES[0].key}`);
      expect(f.warehouse.batches).toHaveLength(1);
      expect(f.warehouse.batches[0].sqls.join('\n')).toMatch(/\bGZIP\b/);
      expect(next).toMatchObject({
        outcome: 'resubmitted',
        load: { attempt: 2, quarantined: 2, retries: 0, fileCount: 3, statementId: f.warehouse.batches[0].id },
        poll: { attempt: 0 },
      });
      expect(f.orchestrator.started).toEqual([]);
    });

    it('takes the first error of each file only', async () => {
      const f = failedLoad();
      f.warehouse.onQuery(loadErrorsSql, [loadError(FILES[0], 3), loadError(FILES[0], 9)]);

      const next = await handleLoadFailure(f.state, f.deps);

      expect(f.warehouse.queriesOf(ledgerFailedSql).map((q) => q.params?.line)).toEqual(['3']);
      expect(next.load).toMatchObject({ quarantined: 1, fileCount: 4 });
    });

    it('counts files quarantined by earlier attempts', async () => {
      const f = failedLoad({ files: FILES.slice(0, 3), load: { attempt: 2, quarantined: 2 } });
      f.warehouse.onQuery(loadErrorsSql, [loadError(FILES[0], 1)]);

      const next = await handleLoadFailure(f.state, f.deps);

      expect(next.load).toMatchObject({ attempt: 3, quarantined: 3, fileCount: 2 });
      expect(filesOfAttempt(f, 3)).toEqual([FILES[1].key, FILES[2].key]);
    });

    it('throws NoCleanFilesError when every file of the attempt is bad, after quarantining them all', async () => {
      const f = failedLoad({ files: FILES.slice(0, 2) });
      f.warehouse.onQuery(loadErrorsSql, [loadError(FILES[0], 1), loadError(FILES[1], 1)]);

      const failure = handleLoadFailure(f.state, f.deps);

      await expect(failure).rejects.toThrow(NoCleanFilesError);
      await expect(failure).rejects.toThrow(/"quarantined":2/);
      expect(f.storage.copies.map((c) => c.to)).toEqual(FILES.slice(0, 2).map((x) => quarantineKey(x.key)));
      expect(f.warehouse.batches).toEqual([]);
    });
  });

  describe('when no file is named', () => {
    it('retries the same files as the next attempt', async () => {
      const f = failedLoad({ load: { retries: 1 } });
      // Errors of files that are not the batch's (another bucket, another key) name no file of it.
      f.warehouse.onQuery(loadErrorsSql, [
        { ...loadError(FILES[0], 1), file_name: `s3://other-bucket/${FILES[0].key}` },
        { ...loadError(FILES[0], 1), file_name: `s3://${BUCKET}/log_data/unknown.json` },
      ]);

      const next = await handleLoadFailure(f.state, f.deps);

      expect(next).toMatchObject({
        outcome: 'retried',
        load: { attempt: 2, retries: 2, quarantined: 0, fileCount: 5 },
      });
      expect(filesOfAttempt(f, 2)).toEqual(FILES.map((x) => x.key));
      expect(f.storage.copies).toEqual([]);
      expect(f.warehouse.queriesOf(ledgerFailedSql)).toEqual([]);
    });

    it('retries without reading load errors when the COPY has no query id', async () => {
      const f = failedLoad({ queryId: null });

      const next = await handleLoadFailure(f.state, f.deps);

      expect(next.outcome).toBe('retried');
      expect(f.warehouse.queriesOf(loadErrorsSql)).toEqual([]);
    });

    it('after two retries, splits the batch into -a and -b child executions with half the files each', async () => {
      const f = failedLoad({ load: { retries: 2 }, force: true });

      const next = await handleLoadFailure(f.state, f.deps);

      expect(next.outcome).toBe('split');
      expect(f.orchestrator.started).toEqual([
        { batchId: `${ID}-a`, dataset: 'log_data', batchKey: batchPaths(`${ID}-a`).batch, force: true },
        { batchId: `${ID}-b`, dataset: 'log_data', batchKey: batchPaths(`${ID}-b`).batch, force: true },
      ]);
      const a = f.storage.json<{ files: DataFile[]; compression: string }>(batchPaths(`${ID}-a`).batch);
      const b = f.storage.json<{ files: DataFile[] }>(batchPaths(`${ID}-b`).batch);
      expect(a.files).toEqual(FILES.slice(0, 3));
      expect(a.compression).toBe('gzip');
      expect(b.files).toEqual(FILES.slice(3));
      expect(f.warehouse.batches).toEqual([]);
      expect(f.storage.copies).toEqual([]);
    });

    it('after two retries of a single file, quarantines it with the statement error: NoCleanFilesError', async () => {
      const f = failedLoad({ files: [FILES[2]], load: { retries: 2 } });

      await expect(handleLoadFailure(f.state, f.deps)).rejects.toThrow(NoCleanFilesError);

      expect(f.storage.copies).toEqual([{ from: FILES[2].key, to: quarantineKey(FILES[2].key) }]);
      expect(f.warehouse.queriesOf(ledgerFailedSql).map((q) => q.params?.error)).toEqual([
        'Load into table failed. Check sys_load_error_detail',
      ]);
      expect(f.orchestrator.started).toEqual([]);
    });
  });

  describe('its input', () => {
    it('needs the load in flight and its statement id', async () => {
      const f = failedLoad();
      await expect(handleLoadFailure(executionState({ batchId: ID }), f.deps)).rejects.toThrow(/no "load"/);
      const noStatement = executionState({ batchId: ID, load: { statementId: undefined } });
      await expect(handleLoadFailure(noStatement, f.deps)).rejects.toThrow(InvalidEventError);
      await expect(handleLoadFailure(noStatement, f.deps)).rejects.toThrow(/no statementId/);
    });

    it('needs the attempt’s files list', async () => {
      const f = failedLoad();
      const state = executionState({ batchId: ID, load: { attempt: 9 } });
      await expect(handleLoadFailure(state, f.deps)).rejects.toThrow(InvalidEventError);
    });
  });
});
