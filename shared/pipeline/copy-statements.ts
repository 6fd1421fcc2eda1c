import type { Config } from '../config';
import { type Compression, DATASETS, type DatasetName } from '../datasets';
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

/**
 * The statements of one load attempt, run as one transaction: fresh staging tables, the file
 * list, then the data. Recreating the tables makes a retried attempt start clean.
 */
export function copyStatements(cfg: Config, plan: CopyPlan): string[] {
  const spec = DATASETS[plan.dataset];
  const url = (key: string) => quoteLiteral(`s3://${cfg.bucket}/${key}`);
  const region = cfg.copyRegion ? [`REGION '${cfg.copyRegion}'`] : [];
  const format = spec.format.paths === 'auto' ? `JSON 'auto'` : `JSON ${url(spec.format.paths.key)}`;
  const dataOptions = [...(plan.compression === 'gzip' ? ['GZIP'] : []), ...spec.copyOptions, ...region].join(' ');
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
        format,
        copy_options: dataOptions,
      }),
    ),
  ];
}
