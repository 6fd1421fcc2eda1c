/**
 * SQS messages and the `SQSRecord`s Lambda's event source mapping hands to a function,
 * field for field as AWS fills them.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';

/** A message as the queue keeps it between deliveries. */
export interface QueuedMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** When it became (again) available for delivery; the batch window counts from here. */
  availableSince: number;
  /** Set once the duplicateDelivery fault picked it, so it is duplicated at most once. */
  duplicated?: boolean;
  lastError?: string;
}

/** The account id AWS documentation uses for examples; local ARNs are never real. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Principal that sent the messages (S3 notifications carry the S3 service principal's id). */
const SENDER_ID = 'AIDALOCALSENDER000000';

export function queueArn(region: string, name: string): string {
  return `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:${name}`;
}

export function newMessage(body: string, now: number): QueuedMessage {
  return {
    messageId: randomUUID(),
    body,
    md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
    sentTimestamp: now,
    receiveCount: 0,
    availableSince: now,
  };
}

/** Marks a message received now and returns the record for this delivery (new receipt handle each time). */
export function receive(message: QueuedMessage, now: number, arn: string, region: string): SQSRecord {
  message.receiveCount += 1;
  message.firstReceiveTimestamp ??= now;
  return {
    messageId: message.messageId,
    receiptHandle: `AQEB${randomBytes(96).toString('base64')}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: SENDER_ID,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
    },
    messageAttributes: {},
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: region,
  };
}

/**
 * Ids to retry from a partial batch response. As in Lambda, an item identifier that is empty
 * or not in the batch makes the whole batch a failure.
 */
export function failedMessageIds(response: SQSBatchResponse | undefined, messages: QueuedMessage[]): Set<string> {
  const failures = response && Array.isArray(response.batchItemFailures) ? response.batchItemFailures : [];
  const ids = new Set(messages.map((m) => m.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    if (!failure?.itemIdentifier || !ids.has(failure.itemIdentifier)) return ids;
    failed.add(failure.itemIdentifier);
  }
  return failed;
}
