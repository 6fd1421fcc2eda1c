/**
 * S3 event notification records, shaped exactly as S3 delivers them to SQS, so that the batcher
 * sees locally what it sees in AWS.
 */
import { randomBytes } from 'node:crypto';
import type { S3EventRecord } from 'aws-lambda';
import { encodeS3EventKey } from './event-key';

/** The ObjectCreated event names this server emits. */
export type ObjectCreatedEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload';

/** What happened, as the server knows it. */
export interface ObjectCreatedFacts {
  eventName: ObjectCreatedEventName;
  region: string;
  bucket: string;
  /** The raw object key (not encoded). */
  key: string;
  size: number;
  /** ETag with or without quotes; the record carries it without. */
  etag: string;
  requestId: string;
  sourceIp: string;
  time?: Date;
}

/** Principal ids are opaque strings in AWS; a fixed one keeps local records stable. */
const LOCAL_PRINCIPAL = 'AWS:LOCALPRINCIPAL';
const LOCAL_OWNER = 'LOCALOWNER';

let lastSequencer = 0n;

/**
 * S3 sequencers are hex strings that only grow for a given key; consumers compare them (after
 * padding) to order events. Time-based so that they also grow across server restarts.
 */
export function nextSequencer(): string {
  const fromClock = BigInt(Date.now()) * 10000n;
  lastSequencer = fromClock > lastSequencer ? fromClock : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase().padStart(18, '0');
}

/** Builds the S3 event record for an object that was just created. */
export function buildObjectCreatedRecord(facts: ObjectCreatedFacts): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: facts.region,
    eventTime: (facts.time ?? new Date()).toISOString(),
    eventName: facts.eventName,
    userIdentity: { principalId: LOCAL_PRINCIPAL },
    requestParameters: { sourceIPAddress: facts.sourceIp },
    responseElements: {
      'x-amz-request-id': facts.requestId,
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'local-ingest-notification',
      bucket: {
        name: facts.bucket,
        ownerIdentity: { principalId: LOCAL_OWNER },
        arn: `arn:aws:s3:::${facts.bucket}`,
      },
      object: {
        key: encodeS3EventKey(facts.key),
        size: facts.size,
        eTag: facts.etag.replace(/"/g, ''),
        sequencer: nextSequencer(),
      },
    },
  };
}

/** The SQS message body S3 writes for one event: `{"Records":[record]}`. */
export function toSqsBody(record: S3EventRecord): string {
  return JSON.stringify({ Records: [record] });
}
