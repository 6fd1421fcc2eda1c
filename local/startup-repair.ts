/**
 * What the local stack repairs when it starts on an existing state folder, i.e. after a crash
 * or `kill -9` of an earlier stack on it:
 *
 * - the folder itself is made private (0700): it holds the bucket, the warehouse and the
 *   executions, which other users of the machine have no business reading;
 * - object files no index entry references are removed when each bucket loads
 *   (`local/s3/bucket-index.ts`, removeOrphanFiles);
 * - executions left RUNNING are recorded ABORTED when the Step Functions registry loads
 *   (`local/stepfunctions/execution-registry.ts`);
 * - staging tables of batches with no running execution are dropped here. At start-up nothing
 *   runs yet, so every staging table of a batch is a leftover: the same clean-up the backfill
 *   runs (shared/pipeline/staging-cleanup.ts), with an age limit of zero.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { TransientDataApiError, TransientServiceError } from '../shared/errors';
import type { PipelineDeps } from '../shared/pipeline/deps';
import { dropOrphanedStaging } from '../shared/pipeline/staging-cleanup';

/** Owner-only access to the state folder (created so, and tightened when it already exists). */
export const STATE_DIR_MODE = 0o700;

/** Creates the state folder with mode 0700, or sets 0700 on an existing one. */
export function secureStateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: STATE_DIR_MODE });
  // mkdir's mode is filtered by the umask and ignored for a folder that exists: set it outright.
  chmodSync(dir, STATE_DIR_MODE);
}

/**
 * Drops the staging tables every batch left behind, given that no execution is running now
 * (call before the stack accepts work). Returns the tables dropped. A transient Data API failure
 * (an injected fault) skips the repair rather than the start: the backfill's age-based clean-up
 * drops the same tables later.
 */
export async function dropStagingOfDeadExecutions(deps: PipelineDeps, now = new Date()): Promise<string[]> {
  try {
    return await dropOrphanedStaging({ ...deps, cfg: { ...deps.cfg, stagingMaxAgeSeconds: 0 } }, now);
  } catch (error) {
    if (error instanceof TransientDataApiError || error instanceof TransientServiceError) {
      deps.log?.('start-up staging clean-up skipped', { reason: error.message });
      return [];
    }
    throw error;
  }
}
