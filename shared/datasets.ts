import logJsonPaths from './jsonpaths/log_data.json';
import stagingEventsSql from './sql/staging_log_data.sql';
import stagingSongsSql from './sql/staging_song_data.sql';
import transformLogsSql from './sql/transform_log_data.sql';
import transformSongsSql from './sql/transform_song_data.sql';

/**
 * The one place that names datasets. Everything else (routing, COPY options, staging DDL,
 * transforms, the batch id format in batch-id.ts, the SQL renderer's dataset literal) reads these
 * declarations, so adding a dataset means adding an entry here and its .sql files.
 */
export type DatasetName = 'log_data' | 'song_data';

export type Compression = 'none' | 'gzip';

export interface JsonFormat {
  kind: 'json';
  /** 'auto' maps keys to column names; otherwise the bucket key of a JSONPaths file. */
  paths: 'auto' | { key: string; document: unknown };
}

export interface DatasetSpec {
  name: DatasetName;
  /** Key prefix in the bucket (the S3 notification filter). */
  prefix: string;
  /** Data file suffixes and their compression. */
  suffixes: ReadonlyArray<{ suffix: string; compression: Compression }>;
  format: JsonFormat;
  /** Extra COPY options (shared/pipeline/copy-statements.ts), from the allow-list of `copy_options` in shared/sql-render.ts. */
  copyOptions: ReadonlyArray<string>;
  /** CREATE TABLE for the per-batch staging table; `{{staging}}` is the table. */
  stagingSql: string;
  /** Transform statements (star schema upserts); `{{staging}}` is the staging table. */
  transformSql: string;
}

/** Newline-delimited or concatenated JSON, plain or gzipped (a COPY is one or the other). */
const JSON_FILES: DatasetSpec['suffixes'] = [
  { suffix: '.json', compression: 'none' },
  { suffix: '.json.gz', compression: 'gzip' },
];

/**
 * Wide text is cut rather than failing the file (lengths are bytes, the logs carry double-encoded
 * UTF-8); empty and blank strings are NULL; staging tables need no compression or stats analysis.
 */
const JSON_COPY_OPTIONS: DatasetSpec['copyOptions'] = [
  'TRUNCATECOLUMNS',
  'BLANKSASNULL',
  'EMPTYASNULL',
  'COMPUPDATE OFF',
  'STATUPDATE OFF',
];

export const DATASETS: Readonly<Record<DatasetName, DatasetSpec>> = Object.freeze({
  log_data: {
    name: 'log_data',
    prefix: 'log_data/',
    suffixes: JSON_FILES,
    format: { kind: 'json', paths: { key: 'config/jsonpaths/log_data.json', document: logJsonPaths } },
    copyOptions: JSON_COPY_OPTIONS,
    stagingSql: stagingEventsSql,
    transformSql: transformLogsSql,
  },
  song_data: {
    name: 'song_data',
    prefix: 'song_data/',
    suffixes: JSON_FILES,
    format: { kind: 'json', paths: 'auto' },
    copyOptions: JSON_COPY_OPTIONS,
    stagingSql: stagingSongsSql,
    transformSql: transformSongsSql,
  },
});

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

export function isDatasetName(name: unknown): name is DatasetName {
  return typeof name === 'string' && Object.hasOwn(DATASETS, name);
}
