// One esbuild call for the bundles the CLI and the dataset compiler need: CommonJS for Node,
// packages left external, .sql files as text. Built beside the target and renamed, so two
// commands starting at once never read half a file.
const fs = require('node:fs');
const path = require('node:path');

function bundleForNode(entry, outfile, extra = {}) {
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  require('esbuild').buildSync({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    loader: { '.sql': 'text' },
    logLevel: 'warning',
    ...extra,
  });
  fs.renameSync(tmp, outfile);
  return outfile;
}

module.exports = { bundleForNode };
