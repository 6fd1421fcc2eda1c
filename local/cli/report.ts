import { batchIdOfExecutionName } from '../../shared/batch-id';
import type { ExecutionRecord } from '../stepfunctions';

/** The `--json` report of load / replay / backfill (DESIGN.md "Command line"). */
export interface RunReport {
  files: { seen: number; loaded: number; skipped: number; quarantined: number };
  executions: Array<{ batchId: string; dataset: string; files: number; status: string; error: string | null }>;
  tables: Record<'songplays' | 'users' | 'songs' | 'artists' | 'time', number>;
  loadErrors: Array<{ key: string; line: number | null; column: string | null; code: number | null; reason: string }>;
  quarantined: string[];
}

export type SqlRunner = (sql: string) => Promise<Array<Record<string, unknown>>>;

export const STAR_TABLES = ['songplays', 'users', 'songs', 'artists', 'time'] as const;

/** Counts of the star schema's tables (0 before the schema exists). */
export async function tableCounts(sql: SqlRunner): Promise<RunReport['tables']> {
  const exists = await sql(
    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'songplays'",
  );
  if (Number(exists[0]?.n ?? 0) === 0) return { songplays: 0, users: 0, songs: 0, artists: 0, time: 0 };
  const rows = await sql(
    STAR_TABLES.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM public.${t}`).join(' UNION ALL '),
  );
  const counts = Object.fromEntries(STAR_TABLES.map((t) => [t, 0])) as RunReport['tables'];
  for (const r of rows) counts[r.t as keyof RunReport['tables']] = Number(r.n);
  return counts;
}

interface LedgerRow {
  key: string;
  etag: string;
  status: string;
  batch_id: string;
  error: string | null;
  error_line: number | null;
  error_column: string | null;
  error_code: number | null;
  loaded_at: unknown;
}

/** The ledger by key@etag (empty before the schema exists). */
async function readLedger(sql: SqlRunner): Promise<Map<string, LedgerRow>> {
  const ledger = new Map<string, LedgerRow>();
  const exists = await sql(
    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'ingest' AND table_name = 'loaded_files'",
  );
  if (Number(exists[0]?.n ?? 0) === 0) return ledger;
  const rows = (await sql(
    'SELECT key, etag, status, batch_id, error, error_line, error_column, error_code, loaded_at FROM ingest.loaded_files',
  )) as unknown as LedgerRow[];
  for (const r of rows) ledger.set(`${r.key}@${r.etag}`, r);
  return ledger;
}

/**
 * Builds the report for the files this run saw (key@etag) and the executions it started: a file
 * is quarantined when its ledger row says failed; loaded when its ledger row was written since
 * the run began (`since`, epoch ms), skipped when earlier. The counts come from the ledger only:
 * an execution of this run that restarted a batch a crashed stack had already committed, or one
 * that was aborted, does not make its files "loaded". Without `since`, a row counts as loaded
 * when a batch of this run wrote it (the older rule).
 */
export async function buildReport(
  sql: SqlRunner,
  seen: ReadonlyArray<{ key: string; etag: string }>,
  executions: ReadonlyArray<ExecutionRecord>,
  since?: number,
): Promise<RunReport> {
  const tables = await tableCounts(sql);
  const ledger = await readLedger(sql);
  const runBatches = new Set(executions.map((e) => batchIdOf(e)));
  const filesPerBatch = new Map<string, number>();
  for (const r of ledger.values()) filesPerBatch.set(r.batch_id, (filesPerBatch.get(r.batch_id) ?? 0) + 1);
  const unique = [...new Map(seen.map((f) => [`${f.key}@${f.etag}`, f])).values()];
  const report: RunReport = {
    files: { seen: unique.length, loaded: 0, skipped: 0, quarantined: 0 },
    executions: executions.map((e) => ({
      batchId: batchIdOf(e),
      dataset: String(parseJson(e.input)?.dataset ?? ''),
      files: filesPerBatch.get(batchIdOf(e)) ?? 0,
      status: e.status,
      error: e.status === 'SUCCEEDED' ? null : failureText(e),
    })),
    tables,
    loadErrors: [],
    quarantined: [],
  };
  for (const f of unique) {
    const row = ledger.get(`${f.key}@${f.etag}`);
    if (!row) continue;
    if (row.status === 'failed') {
      report.files.quarantined++;
      report.quarantined.push(f.key);
      report.loadErrors.push({
        key: f.key,
        line: row.error_line === null ? null : Number(row.error_line),
        column: row.error_column,
        code: row.error_code === null ? null : Number(row.error_code),
        reason: row.error ?? '',
      });
    } else if (since !== undefined ? writtenSince(row.loaded_at, since) : runBatches.has(row.batch_id))
      report.files.loaded++;
    else report.files.skipped++;
  }
  report.quarantined.sort();
  return report;
}

/**
 * True when a ledger `loaded_at` (GETDATE(): UTC, whole seconds; text from the Data API, or a
 * Date) is not before `since`, compared at the second so a row written in the run's first second
 * counts.
 */
function writtenSince(loadedAt: unknown, since: number): boolean {
  const ms =
    loadedAt instanceof Date
      ? loadedAt.getTime()
      : Date.parse(`${String(loadedAt).trim().replace(' ', 'T').replace(/Z?$/, 'Z')}`);
  return Number.isFinite(ms) && ms >= Math.floor(since / 1000) * 1000;
}

/** `<Error>: <message>`, unwrapping the Lambda error JSON that Step Functions puts in the cause. */
function failureText(e: ExecutionRecord): string | null {
  const cause = parseJson(e.cause);
  const message = typeof cause?.errorMessage === 'string' ? cause.errorMessage : e.cause;
  return [e.error, message].filter(Boolean).join(': ') || null;
}

const parseJson = (text: string | undefined): Record<string, unknown> | undefined => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** The batch id of an execution (its name without a `-r<n>` restart suffix). */
const batchIdOf = (e: ExecutionRecord): string =>
  String(parseJson(e.input)?.batchId ?? batchIdOfExecutionName(e.name) ?? e.name);

/** 0: everything loaded or skipped; 2: some files quarantined, the rest loaded; 1: anything else. */
export function exitCodeFor(report: RunReport): number {
  const { seen, loaded, skipped, quarantined } = report.files;
  const accounted = loaded + skipped + quarantined === seen;
  const executionsOk = report.executions.every(
    (e) => e.status === 'SUCCEEDED' || e.error?.includes('NoCleanFilesError'),
  );
  if (!accounted || !executionsOk) return 1;
  return quarantined > 0 ? 2 : 0;
}
