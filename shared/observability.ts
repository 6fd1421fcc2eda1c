import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { LogFn } from './pipeline/deps';

/**
 * Structured logs and metrics (Powertools). Log level comes from POWERTOOLS_LOG_LEVEL; unset (the
 * local stack) means WARN, so the CLI's own output is not flooded. SQL text is never logged:
 * statement ids and batch ids are.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'redshift-ingest',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
});

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'RedshiftIngest',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'redshift-ingest',
});

/** The pipeline's LogFn over the Powertools logger. */
export const logFn: LogFn = (message, fields) => logger.info(message, fields ?? {});

/** Publishes one metric right away (a handler records at most a couple per invocation). */
function emit(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void {
  if (!process.env.POWERTOOLS_METRICS_NAMESPACE || value <= 0) return;
  metrics.addMetric(name, unit, value);
  metrics.publishStoredMetrics();
}

export const recordFilesLoaded = (n: number): void => emit('FilesLoaded', MetricUnit.Count, n);
export const recordFilesQuarantined = (n: number): void => emit('FilesQuarantined', MetricUnit.Count, n);
export const recordCopySeconds = (s: number): void => emit('CopySeconds', MetricUnit.Seconds, s);
