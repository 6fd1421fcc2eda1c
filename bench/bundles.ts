/**
 * Deployable bundle sizes and module init time (the cold-start share that is ours: loading and
 * evaluating the bundled handler, the AWS SDK clients included). Reads the zips that
 * `npm run package` leaves in .serverless/; never builds them itself, since packaging is the
 * deploy tooling's job and takes longer than the bench should.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BundleInfo {
  name: string;
  zipBytes: number;
  /** Median ms to require the handler module in a fresh node process; undefined when unmeasured. */
  initMs?: number;
}

export interface BundlesResult {
  /** Where the zips were looked for. */
  dir: string;
  bundles: BundleInfo[];
  /** Why nothing was measured (no zips), with the command that makes them. */
  note?: string;
}

/** Entry file of a handler inside its zip (serverless-esbuild keeps the source path, .js). */
function handlerFile(extracted: string): string | undefined {
  const handlers = join(extracted, 'handlers');
  if (!existsSync(handlers)) return undefined;
  const js = readdirSync(handlers).find((f) => f.endsWith('.js'));
  return js ? join(handlers, js) : undefined;
}

/** Requires `file` in a fresh node process `runs` times; median of the in-process timings. */
function initTime(file: string, runs = 5): number {
  const script =
    'const t=process.hrtime.bigint();require(process.argv[1]);' +
    'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Env of a deployed function, so config parsed at import time (if any) finds its settings.
    const out = execFileSync(process.execPath, ['-e', script, file], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        INGEST_BUCKET: 'bench-bucket',
        REDSHIFT_WORKGROUP: 'bench',
      },
    });
    times.push(Number(out));
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Sizes (and init times, when unzip is available) of .serverless/*.zip under `root`. */
export function measureBundles(root: string): BundlesResult {
  const dir = join(root, '.serverless');
  const zips = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.zip'))
        .sort()
    : [];
  if (zips.length === 0) {
    return { dir, bundles: [], note: 'no .serverless/*.zip: run `npm run package`, then `npm run bench` again' };
  }
  const bundles: BundleInfo[] = [];
  for (const zip of zips) {
    const info: BundleInfo = { name: zip.replace(/\.zip$/, ''), zipBytes: statSync(join(dir, zip)).size };
    const extracted = mkdtempSync(join(tmpdir(), 'ri-bench-zip-'));
    try {
      execFileSync('unzip', ['-q', '-o', join(dir, zip), '-d', extracted], { stdio: 'ignore' });
      const file = handlerFile(extracted);
      if (file) info.initMs = initTime(file);
    } catch {
      // No unzip, or a zip without a handler: the size alone is still worth reporting.
    } finally {
      rmSync(extracted, { recursive: true, force: true });
    }
    bundles.push(info);
  }
  return { dir, bundles };
}
