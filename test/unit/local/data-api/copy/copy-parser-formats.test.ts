/**
 * parseCopy for the non-JSON formats ("COPY: Data format parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html; "COPY: File
 * compression parameters", https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html).
 */
import { parseCopy } from '../../../../../local/data-api/copy';
import { CopyNotSupportedError, CopySyntaxError } from '../../../../../local/data-api/copy/errors';

const base = "COPY t FROM 's3://b/p' IAM_ROLE default";

describe('parseCopy: formats and their options', () => {
  test('no format keyword is pipe-delimited text with NULL AS left to its default', () => {
    expect(parseCopy(base)).toMatchObject({ format: 'text', delimiter: '|', compression: 'none' });
    expect(parseCopy(base).nullAs).toBeUndefined();
  });

  test('CSV defaults to a comma and a double quote; QUOTE AS and DELIMITER AS change them', () => {
    expect(parseCopy(`${base} CSV`)).toMatchObject({ format: 'csv', delimiter: ',', quote: '"' });
    expect(parseCopy(`${base} FORMAT AS CSV QUOTE AS '%' DELIMITER AS ';'`)).toMatchObject({
      format: 'csv',
      delimiter: ';',
      quote: '%',
    });
  });

  test('every text option is read', () => {
    const cmd = parseCopy(`${base} DELIMITER ';' NULL AS 'NULL' ESCAPE REMOVEQUOTES FILLRECORD IGNOREBLANKLINES
      IGNOREHEADER AS 1 EMPTYASNULL BLANKSASNULL DATEFORMAT 'DD/MM/YYYY' TIMEFORMAT 'auto' ACCEPTANYDATE
      ACCEPTINVCHARS TRUNCATECOLUMNS MAXERROR 3 GZIP`);
    expect(cmd).toMatchObject({
      format: 'text',
      delimiter: ';',
      nullAs: 'NULL',
      escape: true,
      removeQuotes: true,
      fillRecord: true,
      ignoreBlankLines: true,
      ignoreHeader: 1,
      emptyAsNull: true,
      blanksAsNull: true,
      dateFormat: 'DD/MM/YYYY',
      timeFormat: 'auto',
      acceptAnyDate: true,
      acceptInvChars: '?',
      truncateColumns: true,
      maxError: 3,
      compression: 'gzip',
    });
  });

  test.each([
    ['GZIP', 'gzip'],
    ['BZIP2', 'bzip2'],
    ['ZSTD', 'zstd'],
  ])('%s is one compression for every file', (kw, compression) => {
    expect(parseCopy(`${base} JSON 'auto' ${kw}`).compression).toBe(compression);
  });

  test('FORMAT AS PARQUET with the parameters columnar formats accept ("COPY from columnar data formats")', () => {
    expect(
      parseCopy(`${base} FORMAT AS PARQUET MANIFEST ACCEPTINVCHARS FILLRECORD EXPLICIT_IDS STATUPDATE OFF`),
    ).toMatchObject({ format: 'parquet', manifest: true });
  });

  test.each([
    [`${base} CSV ESCAPE`, 'ESCAPE cannot be used with CSV format'],
    [`${base} CSV REMOVEQUOTES`, 'REMOVEQUOTES cannot be used with CSV format'],
    [`${base} FORMAT AS PARQUET GZIP`, 'GZIP cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET IGNOREHEADER 1`, 'IGNOREHEADER cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET DELIMITER ','`, 'DELIMITER cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET TRUNCATECOLUMNS`, 'TRUNCATECOLUMNS cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET DATEFORMAT 'auto'`, 'DATEFORMAT cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET NULL AS '-'`, 'NULL AS cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET MAXERROR 10`, 'MAXERROR cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET ACCEPTANYDATE`, 'ACCEPTANYDATE cannot be used with PARQUET format'],
    [`${base} FORMAT AS PARQUET REGION 'us-west-2'`, 'REGION argument is not supported for PARQUET based COPY'],
    [`${base} JSON 'auto' FILLRECORD`, 'FILLRECORD cannot be used with JSON format'],
    [`${base} JSON 'auto' IGNOREBLANKLINES`, 'IGNOREBLANKLINES cannot be used with JSON format'],
    [`${base} JSON 'auto' ESCAPE`, 'ESCAPE cannot be used with JSON format'],
    [`${base} CSV FORMAT AS PARQUET`, 'conflicting or redundant options: FORMAT PARQUET'],
    [`${base} CSV JSON 'auto'`, 'CSV cannot be used with JSON format'],
    [`${base} GZIP ZSTD`, 'conflicting or redundant options: compression'],
    [`${base} DELIMITER '||'`, 'COPY delimiter must be a single one-byte character'],
    [`${base} DELIMITER '\n'`, 'COPY delimiter cannot be newline or carriage return'],
    [`${base} CSV QUOTE AS ','`, 'COPY delimiter and quote must be different'],
    [`${base} CSV QUOTE AS 'ab'`, 'COPY quote must be a single one-byte character'],
    [`${base} QUOTE AS '%'`, 'QUOTE AS can only be used with CSV format'],
    [`${base} ESCAPE DELIMITER '\\'`, 'COPY delimiter cannot be backslash with ESCAPE'],
  ])('%s fails: %s', (sql, message) => {
    expect(() => parseCopy(sql)).toThrow(new CopySyntaxError(message));
  });

  test('LZOP is refused: no maintained JavaScript reader exists', () => {
    expect(() => parseCopy(`${base} LZOP`)).toThrow(new CopyNotSupportedError('LZOP compression'));
  });
});

describe('parseCopy: DELIMITER escapes', () => {
  test.each([
    ["'\\t'", '\t'],
    ["'\\011'", '\t'],
    ["'\\174'", '|'],
    ["','", ','],
  ])('DELIMITER %s is %j ("COPY: Data format parameters", DELIMITER)', (literal, char) => {
    expect(parseCopy(`${base} DELIMITER ${literal}`).delimiter).toBe(char);
  });
});
