/**
 * The emulator's `COPY table FROM 's3://...' ...` for JSON, delimited text, CSV and Parquet, with
 * Redshift's source rules, compressions, conversions and load errors. The Data API engine calls `runCopy` inside the statement's
 * transaction and persists the returned (or thrown) load errors after it ends.
 */
import type { CopyCommand } from './copy-command';
import { parseCopy } from './copy-parser';
import { DelimitedLoader } from './delimited-loader';
import { CopySourceError, CopySyntaxError } from './errors';
import { buildFieldConverter } from './field-converters';
import { parseJsonPathsFile } from './jsonpaths';
import { LoadErrorLog, loadFailedMessage } from './load-error-log';
import { ParquetLoader } from './parquet-loader';
import { type FieldMapping, RecordLoader } from './record-loader';
import type { FormatLoader } from './row-buffer';
import { fetchDataFile, forEachInOrder, notFullPathError, parseS3Url, resolveSourceFiles } from './sources';
import { loadTableColumns, type TableColumn } from './table-columns';
import { type CopyContext, CopyFailedError, type CopyResult } from './types';
import { decodeUtf8Escaped } from './utf8';

export type { CopyCommand } from './copy-command';
export { isCopyStatement, parseCopy } from './copy-parser';
export { CopyNotSupportedError, CopySourceError, CopySyntaxError } from './errors';
export type { CopyContext, CopyResult, LoadErrorRow } from './types';
export { CopyFailedError } from './types';

/** Files fetched ahead of the one being loaded. */
const FETCH_CONCURRENCY = 32;

/**
 * Run one COPY statement against `ctx`.
 * @returns rows loaded and the load errors of skipped records (when under MAXERROR)
 * @throws CopyFailedError (or a subclass) when the COPY fails; `loadErrors` then holds the
 *   recorded errors, message `Load into table '<t>' failed.  Check 'stl_load_errors' ...` when
 *   data errors reached MAXERROR
 */
export async function runCopy(sql: string, ctx: CopyContext): Promise<CopyResult> {
  const cmd = parseCopy(sql);
  const tableColumns = await loadTableColumns(ctx, cmd.schema, cmd.table);
  const targets = selectTargetColumns(tableColumns, cmd);
  const mapping = cmd.format === 'json' ? await resolveMapping(cmd, targets, ctx) : undefined;
  const { files, entryErrors } = await resolveSourceFiles(cmd, ctx);
  if (entryErrors.length > 0) throw new CopyFailedError(loadFailedMessage(cmd.table), entryErrors);

  const errors = new LoadErrorLog();
  const limit = Math.max(cmd.maxError, 1);
  const converters = targets.map((c) => buildFieldConverter(c, cmd));
  const loader: FormatLoader = mapping
    ? new RecordLoader(targets, converters, mapping, errors, cmd.ignoreHeader)
    : cmd.format === 'parquet'
      ? new ParquetLoader(targets, converters, errors, cmd)
      : new DelimitedLoader(targets, converters, errors, cmd);
  const tableRef = cmd.schema ? `${cmd.schema}.${cmd.table}` : cmd.table;
  const columnNames = targets.map((c) => c.name);
  let rowsLoaded = 0;
  let filesFound = 0;
  const flush = async (all: boolean): Promise<void> => {
    for (const chunk of loader.rows.takeChunks(all)) {
      if (!cmd.noLoad) rowsLoaded += await ctx.copyCsv(tableRef, columnNames, chunk.csv);
    }
  };

  await forEachInOrder(
    files,
    (f) => fetchDataFile(f, cmd, ctx),
    FETCH_CONCURRENCY,
    async (file, body) => {
      if (body === null) {
        if (file.mandatory && cmd.manifest) {
          throw new CopySourceError(
            `Manifest file entry '${file.url}' is mandatory but the file was not found`,
            errors.rows,
          );
        }
        if (cmd.manifest && (await ctx.listObjects(file.bucket, `${file.key}/`)).length > 0) {
          throw new CopyFailedError(loadFailedMessage(cmd.table), [...errors.rows, notFullPathError(file.url)]);
        }
        return; // a listed key deleted meanwhile, or an optional manifest entry: skipped
      }
      filesFound++;
      await loader.loadFile(file.url, body);
      // Once the COPY is bound to fail, keep scanning for errors but stop building rows.
      if (errors.count >= limit) loader.rows.keepRows = false;
      else await flush(false);
    },
  );

  if (filesFound === 0)
    throw new CopySourceError(
      `No data files found for '${cmd.from}'${cmd.manifest ? ' (none of the manifest entries exists)' : ''}`,
    );
  if (errors.count >= limit) throw new CopyFailedError(loadFailedMessage(cmd.table), errors.rows);
  await flush(true);
  return { rowsLoaded, loadErrors: errors.rows };
}

/**
 * The columns a COPY fills: the explicit list in its order, or every column except IDENTITY
 * ones (which generate their values) unless EXPLICIT_IDS.
 */
function selectTargetColumns(all: TableColumn[], cmd: CopyCommand): TableColumn[] {
  if (!cmd.columns) return all.filter((c) => c.identity === '' || cmd.explicitIds);
  const seen = new Set<string>();
  return cmd.columns.map((name) => {
    const col = all.find((c) => c.name === name);
    if (!col) throw new CopyFailedError(`column "${name}" of relation "${cmd.table}" does not exist`);
    if (seen.has(name)) throw new CopySyntaxError(`column "${name}" specified more than once`);
    seen.add(name);
    if (col.identity === 'a' && !cmd.explicitIds) {
      throw new CopyFailedError(`cannot set an identity column to a value: "${name}" (use EXPLICIT_IDS)`);
    }
    return col;
  });
}

/** 'auto' mapping, or the JSONPaths file fetched from S3 and checked against the column count. */
async function resolveMapping(cmd: CopyCommand, targets: TableColumn[], ctx: CopyContext): Promise<FieldMapping> {
  if (cmd.json.kind === 'auto') return { kind: 'auto', ignoreCase: cmd.json.ignoreCase };
  const url = cmd.json.url;
  const loc = parseS3Url(url);
  const body = loc?.key ? await ctx.getObject(loc.bucket, loc.key) : null;
  if (body === null) throw new CopySourceError(`JSONPaths file '${url}' does not exist`);
  const spec = parseJsonPathsFile(decodeUtf8Escaped(body), url);
  if (spec.kind === 'auto') return { kind: 'auto', ignoreCase: false };
  if (spec.paths.length !== targets.length) {
    throw new CopySourceError(
      `Number of jsonpaths and the number of columns should match. JSONPath size: ${spec.paths.length}, Number of columns in table or column list: ${targets.length}`,
    );
  }
  return spec;
}
