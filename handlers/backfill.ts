import { logFn, withObservability } from '../shared/observability';
import { type BackfillSummary, backfill } from '../shared/pipeline/backfill';
import { pipelineDeps } from '../shared/wiring';

/** Scheduled backfill (EventBridge): loads data files the ledger has not seen. */
export const handler = withObservability(async (): Promise<BackfillSummary> => backfill(pipelineDeps(logFn)));
