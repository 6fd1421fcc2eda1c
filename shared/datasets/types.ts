/**
 * A dataset as the pipeline uses it: compiled from a `datasets/<folder>/` declaration (dataset.yml,
 * staging.sql, transform.sql, JSONPaths, checks) by compile.ts, bundled as catalog.generated.json.
 * Every SQL text here is a template of shared/sql-render.ts with the runtime placeholders only
 * (`{{staging}}`, `{{files}}`, `{{batch_literal}}`, `{{dataset_literal}}`).
 */

/** A dataset name: part of batch ids, staging tables, execution names and S3 keys. */
export type DatasetName = string;

export type Compression = 'none' | 'gzip' | 'bzip2' | 'zstd';

export type DatasetFormat =
  | {
      kind: 'json';
      /** 'auto' maps keys to column names; otherwise the bucket key of the JSONPaths file. */
      paths: 'auto' | 'auto ignorecase' | { key: string; document: unknown };
    }
  | { kind: 'csv'; delimiter?: string; quote?: string }
  | { kind: 'delimited'; delimiter: string }
  | { kind: 'parquet' };

export interface DatasetSpec {
  name: DatasetName;
  /** The folder under datasets/ it was compiled from (for messages). */
  folder: string;
  /** Key prefix in the bucket (the S3 notification filter). */
  prefix: string;
  /** Data file suffixes and their compression. */
  suffixes: ReadonlyArray<{ suffix: string; compression: Compression }>;
  format: DatasetFormat;
  /** Extra COPY options, each on the allow-list of copy-options.ts. */
  copyOptions: ReadonlyArray<string>;
  /** CREATE TABLE of the per-batch staging table. */
  stagingSql: string;
  /** LOCK of the ledger and the target tables: the first statement of the transform. */
  lockSql: string;
  /** The dataset's transform statements. */
  transformSql: string;
  /** INSERT of the check results into ingest.quality_results (after the transform). */
  checksSql: string;
  /** The check names, in declaration order. */
  checkNames: ReadonlyArray<string>;
  /** CREATE TABLE IF NOT EXISTS of the target tables, run once per container ('' if none). */
  schemaSql: string;
  /** Batch caps that differ from the configured ones. */
  caps: { maxFiles?: number; maxBytes?: number };
}

/** The generated module the Lambdas bundle. */
export interface DatasetCatalog {
  datasets: DatasetSpec[];
}
