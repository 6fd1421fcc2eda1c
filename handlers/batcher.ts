import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logFn, withObservability } from '../shared/observability';
import { batchSqsEvent } from '../shared/pipeline/batcher';
import { pipelineDeps } from '../shared/wiring';

/** SQS (S3 notifications) -> manifests + one execution per batch; partial batch failures. */
export const handler = withObservability(
  async (event: SQSEvent): Promise<SQSBatchResponse> => batchSqsEvent(event, pipelineDeps(logFn)),
);
