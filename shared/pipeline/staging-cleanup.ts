import { DATASET_NAMES, type DatasetName } from '../datasets';
import { batchPaths } from '../manifest';
import dropStagingSql from '../sql/drop_staging.sql';
import stagingTablesSql from '../sql/staging_tables.sql';
import { renderSql } from '../sql-render';
import type { PipelineDeps } from './deps';

/** The batch a staging table belongs to (see stagingTables in state.ts), or undefined. */
export function batchOfStagingTable(table: string): { dataset: DatasetName; batchId: string } | undefined {
  const dataset = DATASET_NAMES.find((d) => table.startsWith(`${d}_`));
  if (!dataset) return undefined;
  const rest = table.slice(dataset.length + 1).replace(/_files$/, '');
  if (!/^[0-9a-f]{24}(_[a-z0-9]{1,12})*$/.test(rest)) return undefined;
  return { dataset, batchId: `${dataset}-${rest.replace(/_/g, '-')}` };
}

/**
 * Drops staging tables of batches older than STAGING_MAX_AGE_SECONDS: what an execution that
 * died past all its retries left behind (the backfill loads its files again under a new batch).
 * A batch's age is its batch document's; a running execution is far younger than the default day.
 */
export async function dropOrphanedStaging(deps: PipelineDeps, now: Date): Promise<string[]> {
  const cutoff = now.getTime() - deps.cfg.stagingMaxAgeSeconds * 1000;
  const dropped: string[] = [];
  for (const row of await deps.warehouse.query(stagingTablesSql)) {
    const table = String(row.table_name);
    const batch = batchOfStagingTable(table);
    if (!batch) continue;
    const doc = await deps.storage.head(batchPaths(batch.dataset, batch.batchId).batch);
    if (doc?.lastModified && doc.lastModified.getTime() > cutoff) continue;
    await deps.warehouse.query(renderSql(dropStagingSql, { staging: `staging.${table}` }));
    dropped.push(table);
  }
  if (dropped.length > 0)
    deps.log?.('dropped orphaned staging tables', { count: dropped.length, tables: dropped.slice(0, 10) });
  return dropped;
}
