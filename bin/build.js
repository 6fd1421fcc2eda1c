// Builds dist/cli.cjs from the TypeScript sources with esbuild when it is missing or stale,
// so `npx redshift-ingest` and `npm start` work right after `npm ci` with no separate build step.
const fs = require('node:fs');
const path = require('node:path');
const { bundleForNode } = require('./bundle');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, 'dist', 'cli.cjs');
// The Data API's warehouse runs in a worker thread, which loads its own bundle from beside the
// CLI's (local/data-api/warehouse/worker-script.ts).
const workerEntry = path.join(root, 'local', 'data-api', 'warehouse', 'worker-main.ts');
const workerOutfile = path.join(root, 'dist', 'data-api-worker.cjs');
const sourceDirs = ['handlers', 'shared', 'local', 'bench', 'statemachine', 'datasets'].map((d) => path.join(root, d));
const sourceFiles = ['serverless.yml', 'package.json'].map((f) => path.join(root, f));

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(outfile) || !fs.existsSync(workerOutfile)) return true;
  const built = Math.min(fs.statSync(outfile).mtimeMs, fs.statSync(workerOutfile).mtimeMs);
  const newestSource = Math.max(
    ...sourceDirs.map(newestMtime),
    ...sourceFiles.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs),
  );
  return newestSource > built;
}

function ensureBuilt() {
  if (!isStale()) return outfile;
  // The datasets folders compile into the catalog the bundle carries; invalid ones stop the build.
  require('./datasets-config').compile();
  bundleForNode(workerEntry, workerOutfile, { sourcemap: 'inline' });
  return bundleForNode(path.join(root, 'local', 'cli', 'main.ts'), outfile, { sourcemap: 'inline' });
}

module.exports = { ensureBuilt, root };
