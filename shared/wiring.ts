import { DataApiStatementTasks } from './aws/data-api-statement-tasks';
import { DataApiWarehouse } from './aws/data-api-warehouse';
import { S3Storage } from './aws/s3-storage';
import { SfnOrchestrator } from './aws/sfn-orchestrator';
import { clients } from './clients';
import { config } from './config';
import type { LogFn, PipelineDeps } from './pipeline/deps';
import type { StatementTasks } from './ports';

/**
 * The pipeline's dependencies for this process: config from the environment, ports over the one
 * client factory. Handlers call this; nothing else builds clients.
 */
export function pipelineDeps(log?: LogFn): PipelineDeps {
  const cfg = config();
  const c = clients();
  return {
    cfg,
    storage: new S3Storage(c.s3, cfg.bucket),
    // In-Lambda waits end before the Lambda's timeout (WAREHOUSE_WAIT_SECONDS, docs/concurrency.md).
    warehouse: new DataApiWarehouse(c.redshiftData, cfg.redshift, { timeoutMs: cfg.warehouseWaitSeconds * 1000 }),
    orchestrator: cfg.stateMachineArn ? new SfnOrchestrator(c.sfn, cfg.stateMachineArn) : undefined,
    log,
  };
}

/**
 * DescribeStatement/CancelStatement for the cross-region poll, over the same Data API client
 * (it targets REDSHIFT_REGION, the warehouse's region).
 */
export function statementTasks(): StatementTasks {
  return new DataApiStatementTasks(clients().redshiftData);
}
