import { batchPaths, stagingTablesOf } from '../../../../shared/batch-id';
import { copyStatements } from '../../../../shared/pipeline/copy-statements';
import { testConfig } from '../../../support/fakes';

const cfg = testConfig();
const LOG_ID = 'log_data-0123456789abcdef01234567';
const SONG_ID = 'song_data-0123456789abcdef01234567';

describe('COPY statements', () => {
  const tables = stagingTablesOf(LOG_ID);

  it('load through a manifest with the JSONPaths file and never name a data key', () => {
    const sqls = copyStatements(cfg, {
      dataset: 'log_data',
      compression: 'gzip',
      ...tables,
      manifestKey: batchPaths(LOG_ID).manifest(1),
      filesKey: batchPaths(LOG_ID).files(1),
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
      ...stagingTablesOf(SONG_ID),
      manifestKey: batchPaths(SONG_ID).manifest(1),
      filesKey: batchPaths(SONG_ID).files(1),
    });
    const copy = sqls[sqls.length - 1];
    expect(copy).toContain("FORMAT AS JSON 'auto'");
    expect(copy).not.toMatch(/\bGZIP\b/);
  });
});
