import type { RunReport } from './report';

/** Progress on stderr (stdout stays for the report), at most every `intervalMs`. */
export function progressPrinter(enabled: boolean, intervalMs = 1000) {
  let last = 0;
  return (message: string, force = false) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    process.stderr.write(`${message}\n`);
  };
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

/** The human summary printed without --json. */
export function formatSummary(report: RunReport, seconds: number): string {
  const lines: string[] = [];
  const f = report.files;
  lines.push(
    `Files: ${f.seen} seen, ${f.loaded} loaded, ${f.skipped} skipped (already loaded), ${f.quarantined} quarantined`,
  );
  const byStatus = new Map<string, number>();
  for (const e of report.executions) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  lines.push(
    `Executions: ${report.executions.length}${byStatus.size ? ` (${[...byStatus].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ')})` : ''}`,
  );
  lines.push('', `${pad('table', 12)}rows`, `${pad('-----', 12)}----`);
  for (const [t, n] of Object.entries(report.tables)) lines.push(`${pad(t, 12)}${n}`);
  if (report.loadErrors.length > 0) {
    lines.push('', 'Quarantined files (copies under quarantine/):');
    for (const e of report.loadErrors) lines.push(`  ${e.key}${e.line !== null ? `:${e.line}` : ''}  ${e.reason}`);
  }
  const failed = report.executions.filter((e) => e.status !== 'SUCCEEDED');
  if (failed.length > 0) {
    lines.push('', 'Executions that did not succeed:');
    for (const e of failed) lines.push(`  ${e.batchId} ${e.status} ${e.error ?? ''}`);
  }
  lines.push('', `Done in ${seconds.toFixed(1)} s.`);
  return lines.join('\n');
}

/** Rows as an aligned text table (for `local sql` without --json). */
export function formatRows(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return '(0 rows)';
  const cols = Object.keys(rows[0]);
  const text = (v: unknown) => (v === null || v === undefined ? 'NULL' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [
    line(cols),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...rows.map((r) => line(cols.map((c) => text(r[c])))),
    `(${rows.length} rows)`,
  ].join('\n');
}
