/**
 * How the warehouse worker (worker-main.ts) is loaded, in every way this code runs:
 *
 * - from the esbuild bundle (`node bin/redshift-ingest.js`, `npm run bench`): bin/build.js
 *   writes the worker's own bundle, dist/data-api-worker.cjs, beside dist/cli.cjs (whose
 *   __dirname this is), with `.sql` files inlined as text as in the CLI bundle;
 * - from the TypeScript sources (jest, tsx): a worker thread gets none of jest's transforms, so
 *   it registers tsx (a dependency) for `.ts` and reads `.sql` files as text itself, which is
 *   what esbuild's text loader and test/support/text-transform.js give the main thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerInit } from './protocol';

/** Name of the worker bundle next to the CLI bundle (bin/build.js writes it). */
export const WORKER_BUNDLE = 'data-api-worker.cjs';

/** Boot code of a worker running the sources (eval'd: nothing to ship besides the .ts files). */
const SOURCE_BOOT = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
require(workerData.boot.tsx).register();
require.extensions['.sql'] = (module, filename) => { module.exports = readFileSync(filename, 'utf8'); };
require(workerData.boot.entry);
`;

/** Start the worker thread that opens the warehouse described by `init`. */
export function startWorker(init: WorkerInit): Worker {
  const workerData = { warehouse: init };
  if (__filename.endsWith('.ts')) {
    const boot = {
      tsx: createRequire(__filename).resolve('tsx/cjs/api'),
      entry: join(__dirname, 'worker-main.ts'),
    };
    return new Worker(SOURCE_BOOT, { eval: true, workerData: { ...workerData, boot } });
  }
  const bundle = join(__dirname, WORKER_BUNDLE);
  if (!existsSync(bundle)) throw new Error(`the warehouse worker bundle ${bundle} is missing: run bin/build.js`);
  return new Worker(bundle, { workerData });
}
