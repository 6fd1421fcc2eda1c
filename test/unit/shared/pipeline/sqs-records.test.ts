import { InvalidEventError } from '../../../../shared/errors';
import { parseSqsRecord } from '../../../../shared/pipeline/sqs-records';
import { s3Message, s3Record, sqsRecord } from '../../../support/events';

describe('parseSqsRecord', () => {
  it('decodes keys and routes data files', () => {
    const msg = s3Message(s3Record('log_data/2018/11/my file+1 été.json', { size: 7, eTag: 'abc' }));
    expect(parseSqsRecord(msg, 'sparkify-ingest').files).toEqual([
      {
        key: 'log_data/2018/11/my file+1 été.json',
        etag: 'abc',
        size: 7,
        sequencer: '0055AED6DCD90281E5',
        dataset: 'log_data',
        compression: 'none',
      },
    ]);
  });

  it('ignores folder markers, other prefixes, other buckets and non-create events', () => {
    const msg = s3Message(
      s3Record('log_data/'),
      s3Record('manifests/log_data/x/batch.json'),
      s3Record('log_data/2018/11/a.json', { bucket: 'someone-else' }),
      s3Record('log_data/2018/11/b.json', { eventName: 'ObjectRemoved:Delete' }),
    );
    const parsed = parseSqsRecord(msg, 'sparkify-ingest');
    expect(parsed.files).toEqual([]);
    expect(parsed.ignored).toHaveLength(4);
  });

  it("accepts S3's test event with nothing to load", () => {
    const msg = sqsRecord(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'sparkify-ingest' }));
    expect(parseSqsRecord(msg, 'sparkify-ingest').files).toEqual([]);
  });

  it.each([
    ['not json', 'body is not JSON'],
    [JSON.stringify({ hello: 1 }), 'no S3 Records'],
    [JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: {} }] }), 'without eventName or object key'],
  ])('rejects a malformed message alone: %s', (body, message) => {
    const msg = sqsRecord(body);
    expect(() => parseSqsRecord(msg, 'sparkify-ingest')).toThrow(InvalidEventError);
    expect(() => parseSqsRecord(msg, 'sparkify-ingest')).toThrow(message);
  });

  it('rejects a malformed key encoding', () => {
    const record = s3Record('log_data/x.json');
    record.s3.object.key = 'log_data/%E0%A4%A.json';
    expect(() => parseSqsRecord(s3Message(record), 'sparkify-ingest')).toThrow(/malformed key encoding/);
  });
});
