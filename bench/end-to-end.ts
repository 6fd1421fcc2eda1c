/**
 * End-to-end local load: a fresh local stack on a temp state folder (warehouse on disk, as
 * `redshift-ingest local load` runs it), every file uploaded through the S3 API as `runLoad`
 * does, then wait until the pipeline settled. The result is verified against the reference star
 * schema before any number is reported, and the warehouse's busy time is split by kind of work
 * so a slow run says where its time went.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from '../local/cli/commands';
import { engineSql } from '../local/cli/run-local';
import type { ExpectedStarSchema } from '../local/generate';
import { type LocalStackOptions, startLocalStack } from '../local/stack';
import { type EngineProfile, EngineProfiler } from './engine-profile';
import { BenchVerificationError, verifyLedger, verifyStarSchema } from './verify';

export interface EndToEndOptions {
  batchWindowMs: number;
  batchSize: number;
  manifestMaxFiles: number;
}

export interface EndToEndResult {
  seconds: number;
  /** Seconds until the last PUT returned. */
  uploadSeconds: number;
  /** Seconds from the last PUT to settled. */
  drainSeconds: number;
  files: number;
  executions: number;
  /** Files per COPY, from the ledger's batch ids (one COPY per batch when nothing is quarantined). */
  filesPerCopy: { avg: number; max: number; batches: number };
  counters: Record<string, number>;
  profile: EngineProfile;
}

/** Loads `dir` end to end and checks the result; throws BenchVerificationError when it is wrong. */
export async function loadEndToEnd(
  dir: string,
  files: number,
  expected: ExpectedStarSchema,
  opts: EndToEndOptions & Pick<LocalStackOptions, 'iam'>,
): Promise<EndToEndResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'ri-bench-e2e-'));
  const stack = await startLocalStack({ stateDir, ...opts });
  const profiler = new EngineProfiler(stack.dataApi.engine);
  try {
    const t0 = performance.now();
    let uploadedAt = 0;
    const report = await runLoad(stack, dir, {
      progress: (_line: string, final?: boolean) => {
        if (final && uploadedAt === 0) uploadedAt = performance.now();
      },
    });
    const t1 = performance.now();
    profiler.stop();

    const sql = engineSql(stack);
    const what = `end-to-end load of ${dir}`;
    if (report.files.loaded !== files || report.files.quarantined !== 0) {
      throw new BenchVerificationError(`${what}: ${JSON.stringify(report.files)} for ${files} files`);
    }
    const failed = report.executions.filter((e) => e.status !== 'SUCCEEDED');
    if (failed.length > 0)
      throw new BenchVerificationError(`${what}: executions not SUCCEEDED: ${JSON.stringify(failed.slice(0, 3))}`);
    await verifyStarSchema(what, sql, expected);
    await verifyLedger(what, sql, files);

    const batches = await sql('SELECT batch_id, COUNT(*) AS n FROM ingest.loaded_files GROUP BY batch_id');
    const sizes = batches.map((b) => Number(b.n));
    return {
      seconds: (t1 - t0) / 1000,
      uploadSeconds: ((uploadedAt || t1) - t0) / 1000,
      drainSeconds: (t1 - (uploadedAt || t1)) / 1000,
      files,
      executions: report.executions.length,
      filesPerCopy: {
        avg: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length),
        max: Math.max(0, ...sizes),
        batches: sizes.length,
      },
      counters: stack.counters.snapshot(),
      profile: profiler.profile(t0, uploadedAt || t1, t1),
    };
  } finally {
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
