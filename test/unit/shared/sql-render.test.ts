import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import transformLogSql from '../../../datasets/sparkify-logs/transform.sql';
import transformSongSql from '../../../datasets/sparkify-songs/transform.sql';
import { stagingTablesOf } from '../../../shared/batch-id';
import { SqlRenderError } from '../../../shared/errors';
import bestSongMatchSql from '../../../shared/sql/fragments/best_song_match.sql';
import { renderSql, splitStatements } from '../../../shared/sql-render';

const ID = 'log_data-0123456789abcdef01234567';

/** Every .sql file under shared/sql, fragments included. */
function sqlFiles(dir = join(__dirname, '../../../shared/sql')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sqlFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('renderSql', () => {
  it('fills allow-listed placeholders with values of the allowed shape', () => {
    const { stagingTable } = stagingTablesOf(ID);
    expect(renderSql('DROP TABLE {{staging}}', { staging: stagingTable })).toBe(`DROP TABLE ${stagingTable}`);
    expect(
      renderSql('SELECT {{dataset_literal}}, {{batch_literal}}', {
        dataset_literal: "'song_data'",
        batch_literal: `'${ID}-a'`,
      }),
    ).toBe(`SELECT 'song_data', '${ID}-a'`);
  });

  it('takes staging tables, datasets and batch ids only as batch-id.ts defines them', () => {
    expect(() => renderSql('DROP TABLE {{staging}}', { staging: 'staging.log_data_abc' })).toThrow(/allowed shape/);
    expect(() => renderSql('DROP TABLE {{files}}', { files: 'public.users' })).toThrow(/allowed shape/);
    expect(() => renderSql('SELECT {{dataset_literal}}', { dataset_literal: "'other_data'" })).toThrow(/allowed shape/);
    expect(() => renderSql('SELECT {{batch_literal}}', { batch_literal: "'bench-log_data'" })).toThrow(/allowed shape/);
    expect(() => renderSql('SELECT {{batch_literal}}', { batch_literal: `'${ID}'' OR ''1'` })).toThrow(/allowed shape/);
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
    for (const file of sqlFiles()) {
      for (const stmt of splitStatements(readFileSync(file, 'utf8'))) {
        expect(stmt.replace(/--[^\n]*/g, '')).not.toMatch(/;/);
      }
    }
  });
});

describe('fragments', () => {
  it('are included by {{> name}} without their leading comment, placeholders rendered after', () => {
    const sql = renderSql('SELECT * FROM (\n{{> best_song_match}}\n) m', {});
    expect(sql).toContain('ROW_NUMBER() OVER (PARTITION BY s.title, s.artist_name, s.duration ORDER BY s.song_id)');
    expect(sql).toContain('JOIN song_keys k');
    expect(sql).not.toMatch(/--/);
    expect(splitStatements(sql)).toHaveLength(1);
  });

  it('refuses an unknown fragment', () => {
    expect(() => renderSql('{{> no_such_fragment}}', {})).toThrow(SqlRenderError);
  });

  it('write the best song match once: both transforms include it and neither ranks songs itself', () => {
    const ranking = 'PARTITION BY s.title, s.artist_name, s.duration ORDER BY s.song_id';
    expect(bestSongMatchSql).toContain(ranking);
    for (const transform of [transformLogSql, transformSongSql]) {
      expect(transform).toContain('{{> best_song_match}}');
      expect(transform).toContain('CREATE TEMP TABLE song_keys');
      expect(transform).not.toContain(ranking);
    }
  });
});
