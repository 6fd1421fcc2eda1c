#!/usr/bin/env node
// Entry point of the `redshift-ingest` command: builds the CLI bundle if needed, then runs it.
const { ensureBuilt } = require('./build');

// The local tool supports Node 20 (Lambda runs nodejs22.x); the SDK's notice about its own
// future Node 22 requirement would otherwise open every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The handlers' structured logs are for CloudWatch; locally the report says what failed and why.
process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';

const { main } = require(ensureBuilt());
main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    console.error(err?.stack ? err.stack : String(err));
    process.exit(1);
  },
);
