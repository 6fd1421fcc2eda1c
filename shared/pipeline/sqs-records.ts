import type { SQSRecord } from 'aws-lambda';
import { InvalidEventError } from '../errors';
import { decodeEventKey, normalizeEtag, routeKey } from '../keys';
import type { RoutedFile } from '../manifest';

export interface ParsedMessage {
  messageId: string;
  files: RoutedFile[];
  /** Keys dropped on purpose (not data files, other buckets, other events), for the log. */
  ignored: string[];
}

interface S3NotificationRecord {
  eventName?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string; size?: number; eTag?: string; sequencer?: string } };
}

/**
 * Reads one SQS message carrying an S3 event notification. Throws InvalidEventError for a body
 * that is not one (so that message alone fails); S3's test event and non-data keys are ignored.
 */
export function parseSqsRecord(record: SQSRecord, bucket: string): ParsedMessage {
  let body: { Records?: S3NotificationRecord[]; Event?: string };
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new InvalidEventError(`message ${record.messageId}: body is not JSON`);
  }
  const parsed: ParsedMessage = { messageId: record.messageId, files: [], ignored: [] };
  if (body?.Event === 's3:TestEvent') return parsed;
  if (!body || !Array.isArray(body.Records)) {
    throw new InvalidEventError(`message ${record.messageId}: no S3 Records in the body`);
  }
  for (const r of body.Records) {
    const object = r.s3?.object;
    if (!object?.key || typeof r.eventName !== 'string') {
      throw new InvalidEventError(`message ${record.messageId}: S3 record without eventName or object key`);
    }
    let key: string;
    try {
      key = decodeEventKey(object.key);
    } catch {
      throw new InvalidEventError(`message ${record.messageId}: malformed key encoding '${object.key}'`);
    }
    const routed = r.eventName.startsWith('ObjectCreated:') && r.s3?.bucket?.name === bucket ? routeKey(key) : null;
    if (!routed) {
      parsed.ignored.push(key);
      continue;
    }
    if (!object.eTag || typeof object.size !== 'number') {
      throw new InvalidEventError(`message ${record.messageId}: ${key} has no eTag or size`);
    }
    parsed.files.push({
      key,
      etag: normalizeEtag(object.eTag),
      size: object.size,
      sequencer: object.sequencer,
      ...routed,
    });
  }
  return parsed;
}
