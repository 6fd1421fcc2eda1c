/**
 * COPY throughput: the emulator's `runCopy` (JSON scan, Redshift conversions, CSV, one bulk
 * load) next to a direct PGlite `COPY ... FROM '/dev/blob'` of the same rows as ready CSV, in
 * the same process and run. Rows are the real Sparkify log events, repeated to ~100k.
 *
 *   npm run bench (with the others), or alone from an esbuild bundle (.sql loaded as text)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPGlite, runCopy } from '../local/data-api';
import { LOG_KEYS } from '../local/generate/serialize';
import { sparkifySampleDir } from '../local/paths';
import { memoryCopyContext } from './memory-context';

const STAGING_EVENTS = `CREATE TABLE staging_events (
  artist varchar(256), auth varchar(32), firstname varchar(64), gender varchar(8), iteminsession int,
  lastname varchar(64), length float8, level varchar(16), location varchar(256), method varchar(8),
  page varchar(32), registration bigint, sessionid int, song varchar(256), status int, ts bigint,
  useragent varchar(512), userid int)`;
/** staging_events columns: the log keys of the jsonpaths order, lower-cased (as COPY maps them). */
const COLUMNS = LOG_KEYS.map((k) => k.toLowerCase());

function logFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.json')) out.push(join(d, e.name));
    }
  };
  walk(join(dir, 'log_data'));
  return out.sort();
}

/** The same rows as the direct baseline's CSV (what a perfect converter would emit). */
function directCsv(texts: string[]): { csv: string; rows: number } {
  const lines: string[] = [];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as Record<string, unknown>;
      lines.push(
        LOG_KEYS.map((k) => {
          let v = o[k];
          if (v === null || v === undefined || v === '') return '';
          if (k === 'registration') v = Math.trunc(v as number);
          return `"${String(v).replace(/"/g, '""')}"`;
        }).join(','),
      );
    }
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length };
}

/**
 * Measure rows/s of the emulator COPY and of a direct PGlite CSV COPY of the same rows.
 * @param repeat how many times the 8,056 fixture events are repeated (13 -> 104,728 rows)
 */
export async function measureCopyThroughput(
  repeat = 13,
): Promise<{ emulatorRowsPerSec: number; directRowsPerSec: number; rows: number }> {
  const files = logFiles(sparkifySampleDir());
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const objects = new Map<string, Buffer>();
  for (let r = 0; r < repeat; r++) {
    for (const [i, t] of texts.entries()) {
      objects.set(`bench/log_data/r${String(r).padStart(2, '0')}/f${String(i).padStart(2, '0')}.json`, Buffer.from(t));
    }
  }
  objects.set('bench/log_json_path.json', readFileSync(join(sparkifySampleDir(), 'log_json_path.json')));

  const pg = new (loadPGlite().PGlite)();
  try {
    await pg.exec(`${STAGING_EVENTS}; CREATE TABLE direct_events (LIKE staging_events);`);
    const ctx = memoryCopyContext(pg, objects);
    const sql =
      "COPY staging_events FROM 's3://bench/log_data/' IAM_ROLE default FORMAT AS JSON 's3://bench/log_json_path.json'";
    const t0 = performance.now();
    const result = await runCopy(sql, ctx);
    const emulatorMs = performance.now() - t0;

    const one = directCsv(texts);
    const csv = one.csv.repeat(repeat);
    const t1 = performance.now();
    const direct = await pg.query(`COPY direct_events (${COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([csv]),
    });
    const directMs = performance.now() - t1;

    const rows = result.rowsLoaded;
    if (rows !== (direct.affectedRows ?? 0))
      throw new Error(`row counts differ: emulator ${rows}, direct ${direct.affectedRows}`);
    return {
      emulatorRowsPerSec: Math.round(rows / (emulatorMs / 1000)),
      directRowsPerSec: Math.round(rows / (directMs / 1000)),
      rows,
    };
  } finally {
    await pg.close();
  }
}

if (require.main === module) {
  measureCopyThroughput().then(
    (m) => console.log(JSON.stringify(m)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
