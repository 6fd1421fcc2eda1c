import { batchOfStagingTable, batchPaths } from '../batch-id';
import dropStagingSql from '../sql/drop_staging.sql';
import stagingTablesSql from '../sql/staging_tables.sql';
import { renderSql } from '../sql-render';
import type { PipelineDeps } from './deps';

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
    const doc = await deps.storage.head(batchPaths(batch.batchId).batch);
    if (doc?.lastModified && doc.lastModified.getTime() > cutoff) continue;
    await deps.warehouse.query(renderSql(dropStagingSql, { staging: `staging.${table}` }));
    dropped.push(table);
  }
  if (dropped.length > 0)
    deps.log?.('dropped orphaned staging tables', { count: dropped.length, tables: dropped.slice(0, 10) });
  return dropped;
}
