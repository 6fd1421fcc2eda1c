import type { Config } from '../config';
import { type Compression, type DatasetFormat, type DatasetName, datasetSpec } from '../datasets';
import { COMPRESSION_OPTIONS } from '../datasets/copy-options';
import copySql from '../sql/copy.sql';
import copyFilesSql from '../sql/copy_files.sql';
import stagingFilesSql from '../sql/staging_files.sql';
import { quoteLiteral, renderSql, splitStatements } from '../sql-render';

export interface CopyPlan {
  dataset: DatasetName;
  compression: Compression;
  stagingTable: string;
  filesTable: string;
  manifestKey: string;
  filesKey: string;
}

/** The data format clause of the dataset's COPY (its JSONPaths file is read from the bucket). */
export function formatClause(format: DatasetFormat, url: (key: string) => string): string {
  switch (format.kind) {
    case 'json':
      if (format.paths === 'auto' || format.paths === 'auto ignorecase') return `FORMAT AS JSON '${format.paths}'`;
      return `FORMAT AS JSON ${url(format.paths.key)}`;
    case 'csv':
      return [
        'FORMAT AS CSV',
        ...(format.quote ? [`QUOTE AS '${format.quote}'`] : []),
        ...(format.delimiter ? [`DELIMITER '${format.delimiter}'`] : []),
      ].join(' ');
    case 'delimited':
      return `DELIMITER '${format.delimiter}'`;
    case 'parquet':
      return 'FORMAT AS PARQUET';
  }
}

/**
 * The statements of one load attempt, run as one transaction: fresh staging tables, the file
 * list, then the data. Recreating the tables makes a retried attempt start clean.
 */
export function copyStatements(cfg: Config, plan: CopyPlan): string[] {
  const spec = datasetSpec(plan.dataset);
  const url = (key: string) => quoteLiteral(`s3://${cfg.bucket}/${key}`);
  const region = cfg.copyRegion ? [`REGION '${cfg.copyRegion}'`] : [];
  const compression = plan.compression === 'none' ? [] : [COMPRESSION_OPTIONS[plan.compression]];
  const dataOptions = [...compression, ...spec.copyOptions, ...region].join(' ');
  const common = { iam_role: quoteLiteral(cfg.copyRoleArn) };
  return [
    ...splitStatements(renderSql(spec.stagingSql, { staging: plan.stagingTable })),
    ...splitStatements(renderSql(stagingFilesSql, { files: plan.filesTable })),
    ...splitStatements(
      renderSql(copyFilesSql, {
        ...common,
        files: plan.filesTable,
        files_url: url(plan.filesKey),
        copy_options: ['COMPUPDATE OFF', 'STATUPDATE OFF', ...region].join(' '),
      }),
    ),
    ...splitStatements(
      renderSql(copySql, {
        ...common,
        staging: plan.stagingTable,
        manifest_url: url(plan.manifestKey),
        format: formatClause(spec.format, url),
        copy_options: dataOptions,
      }),
    ),
  ];
}
