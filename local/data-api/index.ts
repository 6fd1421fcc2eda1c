/**
 * Local Redshift Data API emulator (HTTP awsJson1_1 on PGlite). See docs/architecture.md.
 */

export { type TranslatedStatement, translateRedshiftSql } from './dialect';
export { DataApiEngine, type EngineOptions } from './engine';
export { type ExecuteResult, SqlExecutionError } from './engine-execute';
export { bindParameters, type SqlParameter } from './parameters';
export { type DataApiServer, type DataApiServerOptions, startDataApiServer } from './server';
export { TRANSIENT_FAILURE_ERROR } from './statement-runner';
