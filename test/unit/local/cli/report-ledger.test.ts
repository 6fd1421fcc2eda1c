/**
 * Issue 12, finding 9 (report): the counts of a run come from the ledger only. A stack that
 * crashed after a batch's transform committed leaves its execution ABORTED; the next run restarts
 * that batch (same batch id, `-r1`), which finds every file in the ledger. Those files were
 * loaded by the earlier run: this run must report them skipped, not loaded.
 */
import { buildReport, exitCodeFor, type SqlRunner } from '../../../../local/cli/report';
import type { ExecutionRecord } from '../../../../local/stepfunctions';

const BATCH = 'log_data-0123456789abcdef01234567';
const RUN_STARTED = Date.parse('2026-12-03T11:00:00.500Z');

function ledgerSql(rows: Array<Record<string, unknown>>): SqlRunner {
  return async (text) => {
    if (text.includes('information_schema')) return [{ n: 1 }];
    if (text.includes('UNION ALL')) return [{ t: 'songplays', n: 5 }];
    if (text.includes('ingest.loaded_files')) return rows;
    throw new Error(`unexpected SQL: ${text}`);
  };
}

const row = (key: string, loadedAt: unknown, status = 'loaded') => ({
  key,
  etag: `etag-${key}`,
  status,
  batch_id: BATCH,
  error: status === 'failed' ? 'bad line' : null,
  error_line: status === 'failed' ? 3 : null,
  error_column: null,
  error_code: status === 'failed' ? 1207 : null,
  loaded_at: loadedAt,
});

const execution = (name: string, status: ExecutionRecord['status']): ExecutionRecord => ({
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:ingest:${name}`,
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest',
  name,
  status,
  startDate: RUN_STARTED + 1000,
  input: JSON.stringify({ batchId: BATCH, dataset: 'log_data' }),
});

const seen = ['a.json', 'b.json'].map((key) => ({ key, etag: `etag-${key}` }));

describe('buildReport counts from the ledger', () => {
  it('reports files a crashed earlier run committed as skipped, though this run restarted their batch', async () => {
    const sql = ledgerSql([row('a.json', '2026-12-03 10:59:58'), row('b.json', '2026-12-03 10:59:58')]);
    const report = await buildReport(sql, seen, [execution(`${BATCH}-r1`, 'SUCCEEDED')], RUN_STARTED);
    expect(report.files).toEqual({ seen: 2, loaded: 0, skipped: 2, quarantined: 0 });
    expect(exitCodeFor(report)).toBe(0);
  });

  it('reports rows written since the run began as loaded (same second included, Date or text)', async () => {
    const sql = ledgerSql([row('a.json', '2026-12-03 11:00:00'), row('b.json', new Date('2026-12-03T11:00:04Z'))]);
    const report = await buildReport(sql, seen, [execution(BATCH, 'SUCCEEDED')], RUN_STARTED);
    expect(report.files).toEqual({ seen: 2, loaded: 2, skipped: 0, quarantined: 0 });
  });

  it('does not count files of an aborted execution that never wrote the ledger', async () => {
    const sql = ledgerSql([row('a.json', '2026-12-03 11:00:03', 'failed')]);
    const report = await buildReport(sql, seen, [execution(BATCH, 'ABORTED')], RUN_STARTED);
    expect(report.files).toEqual({ seen: 2, loaded: 0, skipped: 0, quarantined: 1 });
    expect(report.loadErrors).toEqual([{ key: 'a.json', line: 3, column: null, code: 1207, reason: 'bad line' }]);
    expect(exitCodeFor(report)).toBe(1);
  });
});
