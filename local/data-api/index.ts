/**
 * Local Redshift Data API emulator (HTTP awsJson1_1 on PGlite): the entry point for code outside
 * this folder. See docs/architecture.md.
 *
 * Layers, each depending only on the ones below it:
 *   api/        HTTP transport, Data API operations, statement store and lifecycle
 *   warehouse/  the engine's front on the main thread, and the worker thread that owns PGlite
 *   execution/  the transaction runner, statement dispatch (COPY vs SQL), load errors, S3 reads
 *   dialect/    SQL tokenizer, Redshift -> PostgreSQL translation, `:name` parameters
 *   copy/       COPY ... FROM 's3://...' JSON
 *   engine/     PGlite, the serial queue, text results (depends on nothing else here)
 */

export { type DataApiServer, type DataApiServerOptions, startDataApiServer } from './api/server';
export { TRANSIENT_FAILURE_ERROR } from './api/statement-lifecycle';
export { type CopyContext, type LoadErrorRow, runCopy } from './copy';
export { type TranslatedStatement, translateRedshiftSql } from './dialect/dialect';
export { bindParameters, type SqlParameter } from './dialect/parameters';
export type { SqlConnection } from './engine/connection';
export { Engine } from './engine/engine';
export { loadPGlite } from './engine/pglite-loader';
export { quoteIdent, quoteTableName } from './execution/copy-context';
export { SqlExecutionError } from './execution/errors';
export type { InProcessObjects, S3Settings } from './execution/s3-objects';
export { DataApiEngine, type EngineOptions, type ExecuteResult } from './warehouse/data-api-engine';
