import { datasetSpecs } from '../datasets';
import { routeKey } from '../keys';
import { planBatches, type RoutedFile } from '../manifest';
import ledgerAllSql from '../sql/ledger_all.sql';
import type { PipelineDeps } from './deps';
import { dropOrphanedStaging } from './staging-cleanup';
import { type StartedBatch, startBatches } from './start-batches';

export interface BackfillSummary {
  /** Staging tables of dead executions, dropped. */
  droppedStaging: string[];
  listed: number;
  alreadySeen: number;
  tooRecent: number;
  batches: StartedBatch[];
}

/**
 * Backfill: lists every data prefix (all pages), drops what the ledger has seen (any status, by
 * key + ETag) and what is younger than BACKFILL_MIN_AGE_SECONDS (still on its way through the
 * event path), and loads the rest through the same batches and state machine. It first drops the
 * staging tables that dead executions left behind.
 */
export async function backfill(deps: PipelineDeps, now: Date = new Date()): Promise<BackfillSummary> {
  // No DDL here: the tables exist since the database set-up (shared/pipeline/setup.ts), and
  // the pipeline's user may not create them (docs/deploy.md, "Database set-up").
  const droppedStaging = await dropOrphanedStaging(deps, now);
  const seen = new Set((await deps.warehouse.query(ledgerAllSql)).map((r) => `${r.key}@${r.etag}`));
  const cutoff = now.getTime() - deps.cfg.backfillMinAgeSeconds * 1000;
  const missed: RoutedFile[] = [];
  let listed = 0;
  let alreadySeen = 0;
  let tooRecent = 0;
  for (const spec of datasetSpecs()) {
    for await (const o of deps.storage.list(spec.prefix)) {
      const routed = routeKey(o.key);
      if (!routed) continue;
      listed++;
      if (seen.has(`${o.key}@${o.etag}`)) alreadySeen++;
      else if (o.lastModified && o.lastModified.getTime() > cutoff) tooRecent++;
      else missed.push({ ...o, ...routed });
    }
  }
  const batches = planBatches(missed, { maxFiles: deps.cfg.manifestMaxFiles, maxBytes: deps.cfg.manifestMaxBytes });
  const started = await startBatches(batches, deps);
  deps.log?.('backfill started', { listed, alreadySeen, tooRecent, batches: started.length });
  return { droppedStaging, listed, alreadySeen, tooRecent, batches: started };
}
