/**
 * Local Redshift Data API emulator (HTTP awsJson1_1 on PGlite). See docs/architecture.md.
 */
export { startDataApiServer, type DataApiServer, type DataApiServerOptions } from './server';
export { DataApiEngine, type EngineOptions } from './engine';
export { SqlExecutionError, type ExecuteResult } from './engine-execute';
export { translateRedshiftSql, type TranslatedStatement } from './dialect';
export { bindParameters, type SqlParameter } from './parameters';
export { TRANSIENT_FAILURE_ERROR } from './statement-runner';
