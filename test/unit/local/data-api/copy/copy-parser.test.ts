import { isCopyStatement, parseCopy } from '../../../../../local/data-api/copy';
import { CopyNotSupportedError, CopySyntaxError } from '../../../../../local/data-api/copy/errors';

const base = "COPY t FROM 's3://b/p' IAM_ROLE default";

describe('isCopyStatement', () => {
  test.each([
    ['COPY t FROM ...', true],
    ['  copy t from x', true],
    ['-- note\n/* c */ Copy t', true],
    ['SELECT 1', false],
    ['copyright', false],
  ])('%s -> %s', (sql, expected) => {
    expect(isCopyStatement(sql)).toBe(expected);
  });
});

describe('parseCopy', () => {
  test('reads the Sparkify log COPY with every common option', () => {
    const cmd = parseCopy(`copy Public.Staging_Events (a, "B") from 's3://bucket/log_data'
      credentials 'aws_iam_role=arn:aws:iam::1:role/x' format as json 's3://bucket/log_json_path.json'
      region as 'us-west-2' timeformat as 'epochmillisecs' truncatecolumns blanksasnull emptyasnull
      compupdate off statupdate on comprows 1000 maxerror as 7 gzip acceptinvchars as '^' dateformat 'auto';`);
    expect(cmd).toMatchObject({
      schema: 'public',
      table: 'staging_events',
      columns: ['a', 'b'],
      from: 's3://bucket/log_data',
      json: { kind: 'jsonpaths', url: 's3://bucket/log_json_path.json' },
      region: 'us-west-2',
      timeFormat: 'epochmillisecs',
      dateFormat: 'auto',
      truncateColumns: true,
      blanksAsNull: true,
      emptyAsNull: true,
      maxError: 7,
      compression: 'gzip',
      acceptInvChars: '^',
      manifest: false,
    });
    expect(JSON.stringify(cmd)).not.toContain('arn:aws');
  });

  test('JSON without FORMAT, auto ignorecase, MANIFEST, access keys, ACCEPTINVCHARS default', () => {
    const cmd = parseCopy(`COPY t FROM 's3://b/m.manifest' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'sekret'
      SESSION_TOKEN 'tok' MANIFEST JSON AS 'auto ignorecase' ACCEPTINVCHARS IGNOREHEADER 1 EXPLICIT_IDS`);
    expect(cmd).toMatchObject({
      manifest: true,
      json: { kind: 'auto', ignoreCase: true },
      acceptInvChars: '?',
      ignoreHeader: 1,
      explicitIds: true,
    });
    expect(JSON.stringify(cmd)).not.toMatch(/AKIA|sekret|tok'/);
  });

  test('bare JSON means auto; MAXERROR above 100000 is clamped; IGNOREALLERRORS lifts the limit', () => {
    expect(parseCopy(`${base} JSON`).json).toEqual({ kind: 'auto', ignoreCase: false });
    expect(parseCopy(`${base} JSON 'auto' MAXERROR 500000`).maxError).toBe(100000);
    expect(parseCopy(`${base} JSON 'auto' IGNOREALLERRORS`).maxError).toBeGreaterThan(1e9);
  });

  test.each([
    [`${base} JSON 'auto' CSV`, 'CSV cannot be used with JSON format'],
    [`${base} JSON 'auto' DELIMITER ','`, 'DELIMITER cannot be used with JSON format'],
    [`${base} JSON 'auto' NULL AS 'x'`, 'NULL AS cannot be used with JSON format'],
    [`${base} JSON 'auto' REMOVEQUOTES`, 'REMOVEQUOTES cannot be used with JSON format'],
    [`${base} JSON 'auto' FROBNICATE`, 'syntax error at or near "FROBNICATE"'],
    [`${base} JSON 'AUTO'`, "Invalid JSON option 'AUTO'"],
    [`${base} JSON 'auto' MAXERROR 2 IGNOREALLERRORS`, 'IGNOREALLERRORS cannot be used with MAXERROR'],
    [`${base} JSON 'auto' GZIP GZIP`, 'conflicting or redundant options'],
    [`${base} JSON 'auto' MAXERROR 'x'`, 'MAXERROR expects a non-negative integer'],
    ["COPY t FROM 's3://b/p' JSON 'auto'", 'Missing credentials'],
    ["COPY t 's3://b/p' IAM_ROLE default JSON 'auto'", 'expected FROM'],
  ])('%s fails: %s', (sql, message) => {
    expect(() => parseCopy(sql)).toThrow(CopySyntaxError);
    expect(() => parseCopy(sql)).toThrow(message);
  });

  test.each([
    [`${base} JSON 'auto' LZOP`, 'LZOP compression is not supported by the local emulator'],
    [`${base} FORMAT AS ORC`, 'FORMAT ORC is not supported by the local emulator'],
    [`${base} FIXEDWIDTH 'a:1'`, 'FORMAT FIXEDWIDTH is not supported by the local emulator'],
    ["COPY t FROM 'dynamodb://x' IAM_ROLE default JSON 'auto'", 'is not supported by the local emulator'],
  ])('%s is not supported: %s', (sql, message) => {
    expect(() => parseCopy(sql)).toThrow(CopyNotSupportedError);
    expect(() => parseCopy(sql)).toThrow(message);
  });

  test('syntax errors never echo quoted values (they may be credentials)', () => {
    let message = '';
    try {
      parseCopy(
        "COPY t FROM 's3://b/p' CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=S' 'extra' JSON 'auto'",
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('syntax error at or near a quoted string');
  });
});
