import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { planBatches } from '../manifest';
import type { PipelineDeps } from './deps';
import { type ParsedMessage, parseSqsRecord } from './sqs-records';
import { startBatch } from './start-batches';

/**
 * The batcher: turns one SQS batch of S3 notifications into manifests and executions. Failures
 * are per message: a malformed message fails alone, and a batch that could not be started fails
 * only the messages that contributed files to it (SQS redelivers them; the batch id makes the
 * retry idempotent).
 */
export async function batchSqsEvent(event: SQSEvent, deps: PipelineDeps): Promise<SQSBatchResponse> {
  const failed = new Set<string>();
  const messages: ParsedMessage[] = [];
  for (const record of event.Records) {
    try {
      messages.push(parseSqsRecord(record, deps.cfg.bucket));
    } catch (err) {
      failed.add(record.messageId);
      deps.log?.('malformed message', { messageId: record.messageId, error: (err as Error).message });
    }
  }
  const ignored = messages.flatMap((m) => m.ignored);
  if (ignored.length > 0)
    deps.log?.('ignored keys that are not data files', { count: ignored.length, sample: ignored.slice(0, 5) });

  const messagesByKey = new Map<string, string[]>();
  for (const m of messages) {
    for (const f of m.files) messagesByKey.set(f.key, [...(messagesByKey.get(f.key) ?? []), m.messageId]);
  }
  const batches = planBatches(
    messages.flatMap((m) => m.files),
    { maxFiles: deps.cfg.manifestMaxFiles, maxBytes: deps.cfg.manifestMaxBytes },
  );
  await Promise.all(
    batches.map(async (batch) => {
      try {
        await startBatch(batch, deps);
      } catch (err) {
        deps.log?.('could not start batch', { batchId: batch.batchId, error: (err as Error).message });
        for (const f of batch.files) for (const id of messagesByKey.get(f.key) ?? []) failed.add(id);
      }
    }),
  );
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}
