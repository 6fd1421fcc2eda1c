import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../shared/config';
import { copyStatements } from '../../../shared/pipeline/copy-statements';
import { stagingTables } from '../../../shared/pipeline/state';
import { transformStatements } from '../../../shared/pipeline/transform';
import { renderSql, SqlRenderError, splitStatements } from '../../../shared/sql-render';

const cfg = parseConfig({
  INGEST_BUCKET: 'sparkify-ingest',
  REDSHIFT_WORKGROUP: 'analytics',
  COPY_IAM_ROLE_ARN: 'arn:aws:iam::123456789012:role/redshift-copy',
});

describe('renderSql', () => {
  it('fills allow-listed placeholders with values of the allowed shape', () => {
    expect(renderSql('DROP TABLE {{staging}}', { staging: 'staging.log_data_abc' })).toBe(
      'DROP TABLE staging.log_data_abc',
    );
  });

  it('rejects placeholders that are not on the allow-list', () => {
    expect(() => renderSql('SELECT {{anything}}', {})).toThrow(SqlRenderError);
  });

  it('rejects values that do not have the shape, such as injected SQL or an S3 key', () => {
    expect(() => renderSql('DROP TABLE {{staging}}', { staging: 'staging.x; DROP TABLE users' })).toThrow(
      /allowed shape/,
    );
    expect(() => renderSql('COPY t FROM {{manifest_url}}', { manifest_url: "'s3://b/log_data/it''s.json'" })).toThrow(
      /allowed shape/,
    );
  });

  it('rejects a missing value', () => {
    expect(() => renderSql('DROP TABLE {{files}}', {})).toThrow(/no value/);
  });
});

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comment-only chunks', () => {
    expect(splitStatements('-- head\nCREATE TABLE a (x INT);\n\n-- note\nDROP TABLE b;\n-- tail\n')).toEqual([
      'CREATE TABLE a (x INT)',
      'DROP TABLE b',
    ]);
  });

  it('finds no semicolon inside a string or comment of our .sql files', () => {
    const dir = join(__dirname, '../../../shared/sql');
    for (const file of readdirSync(dir)) {
      for (const stmt of splitStatements(readFileSync(join(dir, file), 'utf8'))) {
        expect(stmt.replace(/--[^\n]*/g, '')).not.toMatch(/;/);
      }
    }
  });
});

describe('COPY statements', () => {
  const tables = stagingTables('log_data-0123456789abcdef01234567');

  it('load through a manifest with the JSONPaths file and never name a data key', () => {
    const sqls = copyStatements(cfg, {
      dataset: 'log_data',
      compression: 'gzip',
      ...tables,
      manifestKey: 'manifests/log_data/log_data-0123456789abcdef01234567/copy-1.manifest',
      filesKey: 'manifests/log_data/log_data-0123456789abcdef01234567/files-1.jsonl',
    });
    const copy = sqls[sqls.length - 1];
    expect(copy).toContain('COPY staging.log_data_0123456789abcdef01234567');
    expect(copy).toContain(
      "FROM 's3://sparkify-ingest/manifests/log_data/log_data-0123456789abcdef01234567/copy-1.manifest'",
    );
    expect(copy).toContain("IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-copy'");
    expect(copy).toMatch(/\bMANIFEST\b/);
    expect(copy).toContain("FORMAT AS JSON 's3://sparkify-ingest/config/jsonpaths/log_data.json'");
    expect(copy).toMatch(/\bGZIP\b/);
    expect(sqls.join('\n')).not.toMatch(/log_data\/2018/);
    expect(sqls.join('\n')).not.toMatch(/SECRET|ACCESS_KEY|PASSWORD/i);
  });

  it("load songs with JSON 'auto' and no GZIP for plain files", () => {
    const sqls = copyStatements(cfg, {
      dataset: 'song_data',
      compression: 'none',
      ...stagingTables('song_data-0123456789abcdef01234567'),
      manifestKey: 'manifests/song_data/song_data-0123456789abcdef01234567/copy-1.manifest',
      filesKey: 'manifests/song_data/song_data-0123456789abcdef01234567/files-1.jsonl',
    });
    const copy = sqls[sqls.length - 1];
    expect(copy).toContain("FORMAT AS JSON 'auto'");
    expect(copy).not.toMatch(/\bGZIP\b/);
  });
});

describe('transform statements', () => {
  it('lock first, write the ledger and drop staging last, within the Data API batch limit', () => {
    const sqls = transformStatements({
      batchId: 'log_data-0123456789abcdef01234567',
      dataset: 'log_data',
      batchKey: 'manifests/log_data/log_data-0123456789abcdef01234567/batch.json',
      load: {
        attempt: 1,
        ...stagingTables('log_data-0123456789abcdef01234567'),
        fileCount: 1,
        quarantined: 0,
        retries: 0,
        skipped: 0,
      },
    });
    expect(sqls[0]).toMatch(/^LOCK ingest\.loaded_files/);
    expect(sqls.some((s) => s.startsWith('INSERT INTO ingest.loaded_files'))).toBe(true);
    expect(sqls.slice(-2)).toEqual([
      'DROP TABLE staging.log_data_0123456789abcdef01234567',
      'DROP TABLE staging.log_data_0123456789abcdef01234567_files',
    ]);
    expect(sqls.length).toBeLessThanOrEqual(40);
    expect(sqls.join('\n')).not.toMatch(/\{\{/);
  });
});
