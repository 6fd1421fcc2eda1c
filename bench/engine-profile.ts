/**
 * Where a local load spends its time, seen from the warehouse: every unit of work on the Data API
 * engine passes through `engine.run` (one job at a time), so timing the jobs and naming each by
 * the SQL it ran splits the warehouse's busy time into COPY (and the S3 reads inside it),
 * transform, quality checks and the rest. The SQL runs in the warehouse thread, so a job is named
 * by the statements it sends there (`engine.runStatements`) and by its direct `pg` calls. Whatever the wall clock shows beyond that is pipeline
 * overhead: uploads, the queue's batch window, Wait states, Lambda and HTTP hops.
 *
 * It wraps the methods of one engine instance (no source changes), and only for the bench.
 */
import type { DataApiEngine } from '../local/data-api';

type Kind = 'copy' | 'transform' | 'quality' | 'other';

interface Job {
  start: number;
  end: number;
  kind: Kind;
}

export interface EngineProfile {
  /** Warehouse busy seconds by kind of job. */
  busy: Record<Kind, number>;
  /** Wall seconds with at least one S3 GetObject of COPY in flight (part of busy.copy). */
  copyS3GetSeconds: number;
  jobs: number;
  /** Warehouse busy seconds after the last upload, and the idle rest of that span. */
  busyAfterUpload: number;
  idleAfterUpload: number;
}

const RANK: Record<Kind, number> = { other: 0, quality: 1, copy: 2, transform: 3 };

function kindOf(sql: string): Kind {
  // Statements of the pipeline open with `--` comments (shared/sql/*.sql).
  const text = sql.replace(/^(\s*--[^\n]*\n)*\s*/, '');
  if (/^COPY\b/i.test(text) || /FROM\s+'\/dev\/blob'/i.test(text)) return 'copy';
  // A transform's transaction ends with the batch's ledger rows (shared/sql/transform_end.sql);
  // it records its dataset's quality checks too, so their time is the transform's.
  if (/INSERT\s+INTO\s+ingest\.loaded_files\b/i.test(sql)) return 'transform';
  // What is left reading quality_results is the QualityChecks task judging them.
  if (/quality_results/i.test(sql)) return 'quality';
  return 'other';
}

export class EngineProfiler {
  private readonly jobs: Job[] = [];
  private current?: Job;
  private s3GetMs = 0;
  /** COPY fetches files several at a time: count the span with any GET in flight, once. */
  private s3InFlight = 0;
  private s3Since = 0;
  private active = true;

  constructor(engine: DataApiEngine) {
    const run = engine.run.bind(engine);
    engine.run = <T>(fn: Parameters<typeof run<T>>[0]): Promise<T> =>
      run(async (pg) => {
        const job: Job = { start: performance.now(), end: 0, kind: 'other' };
        this.current = job;
        try {
          return await fn(pg);
        } finally {
          job.end = performance.now();
          this.current = undefined;
          if (this.active) this.jobs.push(job);
        }
      });

    const name = (sql: string) => {
      const job = this.current;
      if (!job) return;
      const k = kindOf(sql);
      if (RANK[k] > RANK[job.kind]) job.kind = k;
    };
    const runStatements = engine.runStatements.bind(engine);
    engine.runStatements = (request) => {
      for (const unit of request.units) name(unit.sql);
      return runStatements(request);
    };
    const query = engine.pg.query.bind(engine.pg);
    engine.pg.query = ((sql: string, ...rest: unknown[]) => {
      name(sql);
      return (query as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as typeof engine.pg.query;

    const s3 = engine.s3Client();
    const send = s3.send.bind(s3);
    s3.send = (async (...args: Parameters<typeof send>) => {
      if (this.s3InFlight++ === 0) this.s3Since = performance.now();
      try {
        return await send(...args);
      } finally {
        if (--this.s3InFlight === 0) this.s3GetMs += performance.now() - this.s3Since;
      }
    }) as typeof s3.send;
  }

  /** Stops recording (verification queries after the load are not part of it). */
  stop(): void {
    this.active = false;
  }

  /** The profile of the jobs between `t0` and `tEnd`; `tUpload` is when the last PUT returned. */
  profile(t0: number, tUpload: number, tEnd: number): EngineProfile {
    const busy: Record<Kind, number> = { copy: 0, transform: 0, quality: 0, other: 0 };
    let after = 0;
    for (const j of this.jobs) {
      if (j.end < t0 || j.start > tEnd) continue;
      busy[j.kind] += (j.end - j.start) / 1000;
      after += Math.max(0, j.end - Math.max(j.start, tUpload)) / 1000;
    }
    return {
      busy,
      copyS3GetSeconds: this.s3GetMs / 1000,
      jobs: this.jobs.length,
      busyAfterUpload: after,
      idleAfterUpload: Math.max(0, (tEnd - tUpload) / 1000 - after),
    };
  }
}
