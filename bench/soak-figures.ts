/**
 * The soak test's figures for docs/benchmarks.md. The soak (test/soak, `npm run soak`) runs 60 s
 * of hostile traffic and is not re-run by the bench; its last run's table lives in docs/soak.md,
 * and is copied here so that the benchmark page carries every measured figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../local/paths';

/** The heading line and table of the latest "## 60 s run" of docs/soak.md (empty if none). */
export function soakLines(path = join(repoRoot(), 'docs', 'soak.md')): string[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('## 60 s run'));
  if (start < 0) return [];
  // The table: the first run of `|` lines after the heading.
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  const table = first < 0 ? [] : lines.slice(first, end < 0 ? lines.length : end);
  return [
    '## Soak: hostile requests alongside a load',
    '',
    `From docs/soak.md (\`npm run soak\`, not re-run by the bench), ${lines[start].replace(/^## /, '')}: 200 concurrent`,
    'clients, half their requests malformed, while `samples/sparkify` loads through the event path.',
    '',
    ...table,
    '',
  ];
}
