/** UNLOAD's options as "UNLOAD" (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html) lists them. */
import { parseUnload } from '../../../../../local/data-api/dialect/unload-parser';
import { fileName } from '../../../../../local/data-api/execution/unload';

const ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/r'";

describe('UNLOAD parser and file names', () => {
  test('defaults: pipe-delimited text, parallel, no header, nulls as empty strings, 6.2 GB parts', () => {
    const cmd = parseUnload(
      `UNLOAD ('select * from venue where venuestate=''NV''') TO 's3://bucket/unload/venue_' ${ROLE}`,
    );
    expect(cmd).toMatchObject({
      query: "select * from venue where venuestate='NV'",
      bucket: 'bucket',
      prefix: 'unload/venue_',
      format: 'TEXT',
      delimiter: '|',
      header: false,
      nullAs: '',
      parallel: true,
      manifest: false,
      maxFileSize: 6.2 * 1024 * 1024 * 1024,
    });
    expect(fileName(cmd, 0)).toBe('0000_part_00');
    expect(fileName(cmd, 12)).toBe('0000_part_12');
  });

  test('every reproduced option', () => {
    const cmd = parseUnload(
      `unload ('select 1') to 's3://b/p/' credentials 'aws_iam_role=arn:aws:iam::1:role/r' format as csv delimiter as ';' header null as 'NULL' gzip parallel off manifest verbose maxfilesize as 100 mb allowoverwrite partition by (a, b) include extension 'csv' region as 'us-west-2'`,
    );
    expect(cmd).toMatchObject({
      format: 'CSV',
      delimiter: ';',
      header: true,
      nullAs: 'NULL',
      gzip: true,
      parallel: false,
      manifest: 'verbose',
      maxFileSize: 100 * 1024 * 1024,
      allowOverwrite: true,
      partitionBy: ['a', 'b'],
      partitionInclude: true,
      extension: 'csv',
    });
    expect(fileName(cmd, 1)).toBe('001.csv.gz');
    expect(fileName(parseUnload(`UNLOAD ('select 1') TO 's3://b/p' ${ROLE} FORMAT PARQUET`), 0)).toBe(
      '0000_part_00.parquet',
    );
  });

  test('what Redshift refuses is refused with the reason', () => {
    expect(() => parseUnload("UNLOAD ('select 1') TO 's3://b/p'")).toThrow(
      'an authorization (IAM_ROLE or CREDENTIALS) is required',
    );
    expect(() => parseUnload(`UNLOAD ('select 1') TO 's3://b/p' ${ROLE} FORMAT PARQUET HEADER`)).toThrow(
      'DELIMITER, HEADER and ADDQUOTES cannot be used with FORMAT PARQUET',
    );
    expect(() => parseUnload(`UNLOAD ('select 1') TO 's3://b/p' ${ROLE} MAXFILESIZE 7 GB`)).toThrow(
      'MAXFILESIZE must be between 5 MB and 6.2 GB',
    );
    expect(() => parseUnload(`UNLOAD ('select 1') TO 'b/p' ${ROLE}`)).toThrow(
      "the TO path must be s3://bucket/prefix, got 'b/p'",
    );
    expect(() => parseUnload(`UNLOAD ('select 1') TO 's3://b/p' ${ROLE} ENCRYPTED`)).toThrow(
      'UNLOAD option ENCRYPTED is not supported locally',
    );
  });
});
