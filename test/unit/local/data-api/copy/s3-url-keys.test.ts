/**
 * Issue 12, finding 6: S3 keys may contain any valid UTF-8, newlines included (Amazon S3 User
 * Guide, "Naming Amazon S3 objects"); a COPY manifest entry naming such a key is one object.
 */
import { parseS3Url } from '../../../../../local/data-api/copy/sources';

describe('parseS3Url', () => {
  it('keeps a key with newlines, carriage returns and tabs whole', () => {
    expect(parseS3Url('s3://ingest/log_data/a\nb\r\nc\td.json')).toEqual({
      bucket: 'ingest',
      key: 'log_data/a\nb\r\nc\td.json',
    });
  });

  it('keeps a key that ends in a newline, and multi-byte characters', () => {
    expect(parseS3Url('s3://ingest/log_data/😀\uE000\n')).toEqual({ bucket: 'ingest', key: 'log_data/😀\uE000\n' });
  });

  it('still refuses what is not an s3:// URL', () => {
    expect(parseS3Url('https://ingest/log_data/a.json')).toBeNull();
    expect(parseS3Url('s3://')).toBeNull();
  });
});
