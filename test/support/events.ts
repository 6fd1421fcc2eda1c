import { createHash, randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';

/** Factories for the events the pipeline receives, shaped as AWS sends them. */

export function s3Record(
  key: string,
  opts: { bucket?: string; size?: number; eTag?: string; eventName?: string; sequencer?: string } = {},
) {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2026-11-25T12:00:00.000Z',
    eventName: opts.eventName ?? 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      bucket: { name: opts.bucket ?? 'sparkify-ingest', arn: `arn:aws:s3:::${opts.bucket ?? 'sparkify-ingest'}` },
      object: {
        // S3 form-encodes keys in notifications.
        key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
        size: opts.size ?? 100,
        eTag: opts.eTag ?? createHash('md5').update(key).digest('hex'),
        sequencer: opts.sequencer ?? '0055AED6DCD90281E5',
      },
    },
  };
}

export function sqsRecord(body: string): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SenderId: 'AIDA',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:ingest',
    awsRegion: 'us-east-1',
  };
}

export const s3Message = (...records: ReturnType<typeof s3Record>[]): SQSRecord =>
  sqsRecord(JSON.stringify({ Records: records }));
