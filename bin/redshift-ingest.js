#!/usr/bin/env node
// Entry point of the `redshift-ingest` command: builds the CLI bundle if needed, then runs it.
const { ensureBuilt } = require('./build');

const { main } = require(ensureBuilt());
main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
