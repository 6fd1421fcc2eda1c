import { DataApiWarehouse } from '../shared/aws/data-api-warehouse';
import { clients } from '../shared/clients';
import { config } from '../shared/config';
import { logFn, withObservability } from '../shared/observability';
import { adminTarget, runSetup, type SetupSummary, setupUser } from '../shared/pipeline/setup';

/**
 * One-time database set-up: `serverless invoke -f setup [--data '{"user": "..."}']`. Runs as the
 * administrator of the setupSecretArn param (the pipeline's own user cannot grant itself
 * anything); without it, it refuses and names the param.
 */
export const handler = withObservability(async (event: unknown): Promise<SetupSummary> => {
  const cfg = config();
  const admin = new DataApiWarehouse(clients().redshiftData, adminTarget(cfg), {
    timeoutMs: cfg.warehouseWaitSeconds * 1000,
  });
  const summary = await runSetup(admin, setupUser(cfg, event));
  logFn('database set-up done', {
    user: summary.user,
    createdUser: summary.createdUser,
    statements: summary.statements,
  });
  return summary;
});
