/**
 * Engine-only baseline: the same work as an end-to-end load (parse + COPY + star schema), on the
 * same engine (DataApiEngine over PGlite, Redshift dialect translation, the emulator's runCopy),
 * with no pipeline around it: no S3 server, no queue, no Lambdas, no state machine, no polling.
 * Each dataset is one COPY and one transform, the best batching the pipeline could achieve, so
 * end-to-end / engine-only is the pipeline's overhead.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlRunner } from '../local/cli/report';
import { listFiles } from '../local/cli/upload';
import { type CopyContext, DataApiEngine, runCopy } from '../local/data-api';
import { batchIdFor, stagingTablesOf } from '../shared/batch-id';
import { type DatasetName, datasetNames, datasetSpec, datasetSpecs } from '../shared/datasets';
import { buildFilesJsonl } from '../shared/manifest';
import { formatClause } from '../shared/pipeline/copy-statements';
import schemaSql from '../shared/sql/schema.sql';
import stagingFilesSql from '../shared/sql/staging_files.sql';
import transformEndSql from '../shared/sql/transform_end.sql';
import { quoteLiteral, renderSql, splitStatements } from '../shared/sql-render';
import { memoryCopyContext } from './memory-context';

const BUCKET = 'bench';
const ROLE = "'arn:aws:iam::000000000000:role/bench'";
/** Songs first: the log transform then resolves plays directly, as a warm warehouse would. */
const ORDER: DatasetName[] = ['song_data', 'log_data'];

export interface EngineOnlyResult {
  seconds: number;
  /** Seconds per phase: reading the files, COPY (JSON scan + bulk load), transform. */
  phases: { read: number; copy: number; transform: number };
  files: number;
}

/** Runs Redshift SQL (a whole .sql file or statement list) as one transaction on the engine. */
async function exec(engine: DataApiEngine, statements: string[]): Promise<void> {
  await engine.execute(statements.join(';\n'));
}

/** COPY of one dataset's files (by prefix) and of its file list, in one transaction. */
async function copyDataset(engine: DataApiEngine, ctx: CopyContext, name: DatasetName, staging: string, files: string) {
  const spec = datasetSpec(name);
  const format = formatClause(spec.format, (key) => `'s3://${BUCKET}/${key}'`);
  const options = spec.copyOptions.join(' ');
  const dataCopy = `COPY ${staging} FROM 's3://${BUCKET}/${spec.prefix}' IAM_ROLE ${ROLE} ${format} ${options}`;
  const filesCopy = `COPY ${files} FROM 's3://${BUCKET}/bench-files/${name}.jsonl' IAM_ROLE ${ROLE} FORMAT AS JSON 'auto' COMPUPDATE OFF STATUPDATE OFF`;
  await engine.run(async (pg) => {
    await pg.query('BEGIN');
    try {
      await runCopy(dataCopy, ctx);
      await runCopy(filesCopy, ctx);
      await pg.query('COMMIT');
    } catch (error) {
      await pg.query('ROLLBACK');
      throw error;
    }
  });
}

/**
 * Loads every file under `dir` into a fresh warehouse in `workDir` (a folder, like the local
 * stack's warehouse, so storage costs the same) and returns the time it took. `check` runs on
 * the loaded warehouse before it is closed (outside the timing).
 */
export async function loadEngineOnly(
  dir: string,
  check?: (sql: SqlRunner) => Promise<void>,
): Promise<EngineOnlyResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'ri-bench-engine-'));
  const engine = await DataApiEngine.open({ dataDir: join(workDir, 'warehouse') });
  try {
    const t0 = performance.now();
    const objects = new Map<string, Buffer>();
    const byDataset = new Map<DatasetName, Array<{ key: string; etag: string; size: number }>>();
    for (const f of await listFiles(dir)) {
      const name = datasetSpecs().find((d) => f.key.startsWith(d.prefix))?.name;
      if (!name) continue;
      const body = readFileSync(f.path);
      objects.set(`${BUCKET}/${f.key}`, body);
      const list = byDataset.get(name) ?? [];
      list.push({ key: f.key, etag: createHash('md5').update(body).digest('hex'), size: body.length });
      byDataset.set(name, list);
    }
    for (const name of datasetNames()) {
      const { format } = datasetSpec(name);
      if (format.kind === 'json' && typeof format.paths === 'object') {
        objects.set(`${BUCKET}/${format.paths.key}`, Buffer.from(JSON.stringify(format.paths.document)));
      }
      objects.set(`${BUCKET}/bench-files/${name}.jsonl`, Buffer.from(buildFilesJsonl(byDataset.get(name) ?? [])));
    }
    const t1 = performance.now();

    // The tables the administrator's set-up creates: the service's own, then each dataset's.
    await exec(
      engine,
      [schemaSql, ...datasetSpecs().map((d) => d.schemaSql)].flatMap((sql) => splitStatements(sql)),
    );
    const ctx = memoryCopyContext(engine.pg, objects);
    let copyMs = 0;
    let transformMs = 0;
    for (const name of ORDER) {
      if (!byDataset.has(name)) continue;
      // Names of a real batch: the SQL renderer accepts only a batch's staging tables and id.
      const batchId = batchIdFor(name, byDataset.get(name) ?? []);
      const { stagingTable: staging, filesTable: files } = stagingTablesOf(batchId);
      const c0 = performance.now();
      await exec(engine, [
        ...splitStatements(renderSql(datasetSpec(name).stagingSql, { staging })),
        ...splitStatements(renderSql(stagingFilesSql, { files })),
      ]);
      await copyDataset(engine, ctx, name, staging, files);
      const c1 = performance.now();
      const values = {
        staging,
        files,
        dataset_literal: quoteLiteral(name),
        batch_literal: quoteLiteral(batchId),
      };
      const spec = datasetSpec(name);
      await exec(
        engine,
        [spec.lockSql, spec.transformSql, spec.checksSql, transformEndSql].flatMap((s) =>
          splitStatements(renderSql(s, values)),
        ),
      );
      copyMs += c1 - c0;
      transformMs += performance.now() - c1;
    }
    const seconds = (performance.now() - t0) / 1000;
    const files = [...byDataset.values()].reduce((n, l) => n + l.length, 0);
    await check?.(async (text) => (await engine.execute(text)).rows);
    return { seconds, phases: { read: (t1 - t0) / 1000, copy: copyMs / 1000, transform: transformMs / 1000 }, files };
  } finally {
    await engine.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
