/**
 * The example datasets that ship beside Sparkify load end to end on the local stack from files
 * `redshift-ingest generate --dataset` writes: subscriptions (gzipped ';'-delimited text with a
 * header, NULL AS, day-first dates and timestamps) and listens (Parquet). A bad file of each
 * format is quarantined with its key, line or row group, and reason, while the rest loads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runLoad } from '../../local/cli/commands';
import {
  generateExample,
  listensColumns,
  parquetWriteBuffer,
  SUBSCRIPTIONS_HEADER,
} from '../../local/generate/example-datasets';
import { sql, startTestStack, tempDir } from '../support/stack';

function write(root: string, rel: string, body: string | Buffer) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), body);
}

const BAD_CSV = 'subscriptions/2019/02/bad.csv';
const BAD_PARQUET = 'listens/2019/02/bad.parquet';

describe('the example datasets', () => {
  it('load from generated files; a bad delimited file and a bad Parquet file are quarantined', async () => {
    const data = tempDir('examples');
    const subs = await generateExample('subscriptions', { dir: data, rows: 300, seed: 7 });
    const listens = await generateExample('listens', { dir: data, rows: 300, seed: 7 });
    expect(subs.files.every((f) => f.endsWith('.csv.gz'))).toBe(true);
    expect(listens.files.every((f) => f.endsWith('.parquet'))).toBe(true);

    // Line 3 (the header is line 1) has a user_id that is not a number.
    write(
      data,
      BAD_CSV,
      `${SUBSCRIPTIONS_HEADER}\n9001;5;free;NULL;01/02/2019;01/02/2019 10:00:00;NULL\n9002;x;free;NULL;02/02/2019;02/02/2019 10:00:00;NULL\n`,
    );
    // Two row groups; the second holds a user_id beyond INTEGER's range.
    const rows = [1, 2, 3, 4].map((i) => ({
      id: BigInt(90_000 + i),
      user: i === 4 ? 2 ** 31 : i,
      song: 'Halo',
      seconds: 100,
      at: new Date(Date.UTC(2019, 1, i)),
    }));
    const columns = listensColumns(rows).map((c) =>
      c.name === 'user_id' ? { ...c, data: rows.map((r) => BigInt(r.user)), type: 'INT64' } : c,
    );
    write(data, BAD_PARQUET, parquetWriteBuffer({ columnData: columns, rowGroupSize: 2 }));

    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, data);
      expect(report.files).toEqual({
        seen: subs.files.length + listens.files.length + 2,
        loaded: subs.files.length + listens.files.length,
        skipped: 0,
        quarantined: 2,
      });
      expect(report.quarantined.sort()).toEqual([BAD_PARQUET, BAD_CSV]);
      const csvError = report.loadErrors.find((e) => e.key === BAD_CSV);
      expect(csvError).toMatchObject({ line: 3, column: 'user_id' });
      expect(csvError?.reason).toMatch(/x/);
      const parquetError = report.loadErrors.find((e) => e.key === BAD_PARQUET);
      expect(parquetError?.reason).toMatch(/row group 1/);
      expect(parquetError?.reason).toMatch(/user_id/);

      const [s] = await sql(
        stack,
        'SELECT COUNT(*) AS n, SUM(CASE WHEN plan IS NULL THEN 1 ELSE 0 END) AS no_plan, MIN(started_on) AS first FROM subscriptions',
      );
      expect(Number(s.n)).toBe(300);
      expect(Number(s.no_plan)).toBeGreaterThan(0);
      expect(String(s.first)).toMatch(/^2018-11-0/);
      const [l] = await sql(stack, 'SELECT COUNT(*) AS n, MIN(listened_at) AS first FROM listens');
      expect(Number(l.n)).toBe(300);
      expect(String(l.first)).toMatch(/^2018-11-01/);

      const ledger = await sql(
        stack,
        'SELECT dataset, status, COUNT(*) AS n FROM ingest.loaded_files GROUP BY dataset, status ORDER BY dataset, status',
      );
      expect(ledger.map((r) => [r.dataset, r.status, Number(r.n)])).toEqual([
        ['listens', 'failed', 1],
        ['listens', 'loaded', listens.files.length],
        ['subscriptions', 'failed', 1],
        ['subscriptions', 'loaded', subs.files.length],
      ]);
      const checks = await sql(
        stack,
        'SELECT check_name, SUM(violations) AS v FROM ingest.quality_results GROUP BY check_name ORDER BY check_name',
      );
      expect(checks.map((r) => [r.check_name, Number(r.v)])).toEqual([
        ['accepted_values_subscriptions_level', 0],
        ['listens_negative_seconds', 0],
        ['not_null_listens_listened_at', 0],
        ['not_null_subscriptions_user_id', 0],
        ['subscriptions_paid_without_amount', 0],
        ['unique_listens_listen_id', 0],
        ['unique_subscriptions_subscription_id', 0],
      ]);
    } finally {
      await stack.cleanup();
    }
  });
});
