import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { LogFn } from './pipeline/deps';

/**
 * Structured logs and metrics (Powertools) for the handlers.
 *
 * - Log level from POWERTOOLS_LOG_LEVEL; unset (the local stack, the CLI) means WARN, so the
 *   CLI's own output is not flooded with per-batch lines.
 * - `batchId` / `statementId` become keys of every later line of the invocation.
 * - SQL text never reaches a log line: fields that carry SQL are dropped, and credential-looking
 *   values are masked (COPY only ever names an IAM role, but a log line must not depend on that).
 * - Metrics are EMF lines on stdout, emitted only where POWERTOOLS_METRICS_NAMESPACE is set
 *   (serverless.yml sets it on AWS), so local runs print none.
 */

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL', 'TRACE'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

function logLevelFromEnv(): LogLevel {
  const raw = process.env.POWERTOOLS_LOG_LEVEL?.trim().toUpperCase();
  return (LOG_LEVELS as readonly string[]).includes(raw ?? '') ? (raw as LogLevel) : 'WARN';
}

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'redshift-ingest';

export const logger = new Logger({ serviceName, logLevel: logLevelFromEnv() });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'RedshiftIngest',
  serviceName,
});

/** Keys that stay on every log line of the invocation once seen. */
const PERSISTENT_KEYS = ['batchId', 'statementId'] as const;

/** Field names that may hold SQL text; their values are never logged. */
const SQL_FIELD = /^(sql|sqls|query|querystring|statement)$/i;

/** Credential-looking text (access key ids, secret keys, passwords, private keys) and its mask. */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/AKIA[0-9A-Z]{16}/g, '***'],
  [
    /\b(secret_access_key|aws_secret_access_key|session_token|password)(\s*[=:]?\s*)('[^']*'|"[^"]*"|[^\s,;]+)/gi,
    '$1$2***',
  ],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '***'],
];

/** Masks credential-looking substrings (keeps the key name so the line stays readable). */
export function maskSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, [re, mask]) => out.replace(re, mask), text);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (value instanceof Error) return { name: value.name, message: maskSecrets(value.message) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SQL_FIELD.test(k) ? '[sql omitted]' : scrub(v, depth + 1);
  }
  return out;
}

/** Fields safe to log: SQL dropped, secrets masked. */
function safeFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return scrub(fields) as Record<string, unknown>;
}

/** Adds batchId / statementId found in `fields` to every later line of this invocation. */
export function appendCorrelationKeys(fields: Record<string, unknown> | undefined): void {
  const keys: Record<string, string> = {};
  for (const k of PERSISTENT_KEYS) {
    const v = fields?.[k];
    if (typeof v === 'string' && v !== '') keys[k] = v;
  }
  if (Object.keys(keys).length > 0) logger.appendKeys(keys);
}

/** The pipeline's LogFn over the Powertools logger. */
export const logFn: LogFn = (message, fields) => {
  appendCorrelationKeys(fields);
  logger.info(maskSecrets(message), safeFields(fields));
};

// Inside withObservability metrics are flushed once at the end; outside it, right away.
let deferFlush = 0;

function emit(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void {
  if (!process.env.POWERTOOLS_METRICS_NAMESPACE || !Number.isFinite(value) || value <= 0) return;
  metrics.addMetric(name, unit, value);
  if (deferFlush === 0) metrics.publishStoredMetrics();
}

export const recordFilesLoaded = (n: number): void => emit('FilesLoaded', MetricUnit.Count, n);
export const recordFilesQuarantined = (n: number): void => emit('FilesQuarantined', MetricUnit.Count, n);
export const recordCopySeconds = (s: number): void => emit('CopySeconds', MetricUnit.Seconds, s);

/** Publishes stored metrics, if any (an empty flush would only print a warning). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

type Handler<E, R> = (event: E, context?: Context) => Promise<R>;

/**
 * Wraps a handler: Lambda context and the input's batchId on every log line, a structured
 * error line (name + masked message, never the input) when it throws, metrics flushed at the
 * end, per-invocation keys cleared so a warm container does not carry the last batch's ids.
 */
export function withObservability<E, R>(handler: Handler<E, R>): Handler<E, R> {
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    if (event && typeof event === 'object') appendCorrelationKeys(event as Record<string, unknown>);
    deferFlush++;
    try {
      return await handler(event, context);
    } catch (err) {
      const e = err as Error;
      logger.error('handler failed', { error: { name: e?.name, message: maskSecrets(String(e?.message ?? e)) } });
      throw err;
    } finally {
      deferFlush--;
      flushMetrics();
    }
  };
}
