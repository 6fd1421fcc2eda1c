import { ConfigError } from './errors';

/** Where the warehouse is and how the Data API reaches it. Exactly one target is set. */
export type RedshiftTarget =
  | { kind: 'workgroup'; workgroupName: string; database: string; secretArn?: string }
  | { kind: 'cluster'; clusterIdentifier: string; database: string; dbUser?: string; secretArn?: string };

/** Everything a handler needs, parsed once from the environment and frozen. */
export interface Config {
  /** The Lambda's region, which is the bucket's: the stack deploys in the bucket's region. */
  readonly region: string;
  readonly bucket: string;
  readonly redshift: RedshiftTarget;
  /** The warehouse's region: where the Data API client goes (REDSHIFT_REGION, default `region`). */
  readonly redshiftRegion: string;
  readonly copyRoleArn: string;
  /**
   * COPY's REGION clause: the bucket's region, set only when the warehouse is elsewhere (COPY
   * reads the bucket in the warehouse's region unless told; Redshift Database Developer Guide,
   * "COPY parameter reference", REGION).
   */
  readonly copyRegion?: string;
  /** How long a Lambda waits for a statement it runs itself: less than its timeout. */
  readonly warehouseWaitSeconds: number;
  /** The administrator secret the setup function runs as (SETUP_SECRET_ARN); setup only. */
  readonly setupSecretArn?: string;
  /** The database user the pipeline runs as (PIPELINE_DB_USER, e.g. `IAMR:<role>`): set-up grants to it. */
  readonly pipelineDbUser?: string;
  readonly stateMachineArn?: string;
  readonly manifestMaxFiles: number;
  readonly manifestMaxBytes: number;
  readonly pollMaxAttempts: number;
  readonly pollMaxWaitSeconds: number;
  /** Backfill leaves objects younger than this to the event path. */
  readonly backfillMinAgeSeconds: number;
  /** Backfill drops staging tables of batches older than this (executions that died). */
  readonly stagingMaxAgeSeconds: number;
  /** Endpoint overrides: set by the local stack only; undefined means the AWS default. */
  readonly endpoints: { readonly s3?: string; readonly redshiftData?: string; readonly sfn?: string };
}

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

const required = (env: Env, name: string): string => {
  const v = value(env, name);
  if (!v) throw new ConfigError(`${name} is required but not set`);
  return v;
};

const positiveInt = (env: Env, name: string, fallback: number): number => {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got '${raw}'`);
  return n;
};

const nonNegativeInt = (env: Env, name: string, fallback: number): number => {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
};

function parseTarget(env: Env): RedshiftTarget {
  const database = value(env, 'REDSHIFT_DATABASE') ?? 'dev';
  const workgroupName = value(env, 'REDSHIFT_WORKGROUP');
  const clusterIdentifier = value(env, 'REDSHIFT_CLUSTER_ID');
  if (workgroupName && clusterIdentifier) {
    throw new ConfigError('set REDSHIFT_WORKGROUP or REDSHIFT_CLUSTER_ID, not both');
  }
  if (workgroupName) return { kind: 'workgroup', workgroupName, database };
  if (clusterIdentifier) {
    const dbUser = value(env, 'REDSHIFT_DB_USER');
    const secretArn = value(env, 'REDSHIFT_SECRET_ARN');
    if (!dbUser && !secretArn) {
      throw new ConfigError('REDSHIFT_CLUSTER_ID needs REDSHIFT_DB_USER or REDSHIFT_SECRET_ARN');
    }
    return { kind: 'cluster', clusterIdentifier, database, dbUser, secretArn };
  }
  throw new ConfigError('REDSHIFT_WORKGROUP or REDSHIFT_CLUSTER_ID is required but neither is set');
}

/** Parses the environment; throws ConfigError naming the first bad setting. */
export function parseConfig(env: Env): Config {
  const bucket = required(env, 'INGEST_BUCKET');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(`INGEST_BUCKET '${bucket}' is not a valid bucket name`);
  }
  const copyRoleArn = required(env, 'COPY_IAM_ROLE_ARN');
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(copyRoleArn)) {
    throw new ConfigError(`COPY_IAM_ROLE_ARN '${copyRoleArn}' is not an IAM role ARN`);
  }
  const region = value(env, 'AWS_REGION') ?? value(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1';
  const redshiftRegion = value(env, 'REDSHIFT_REGION') ?? region;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(redshiftRegion)) {
    throw new ConfigError(`REDSHIFT_REGION '${redshiftRegion}' is not a region name`);
  }
  const setupSecretArn = value(env, 'SETUP_SECRET_ARN');
  if (setupSecretArn && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/.test(setupSecretArn)) {
    throw new ConfigError(`SETUP_SECRET_ARN '${setupSecretArn}' is not a Secrets Manager secret ARN`);
  }
  return Object.freeze({
    region,
    bucket,
    redshift: Object.freeze(parseTarget(env)),
    redshiftRegion,
    copyRoleArn,
    copyRegion: redshiftRegion === region ? undefined : region,
    warehouseWaitSeconds: positiveInt(env, 'WAREHOUSE_WAIT_SECONDS', 45),
    setupSecretArn,
    pipelineDbUser: value(env, 'PIPELINE_DB_USER'),
    stateMachineArn: value(env, 'STATE_MACHINE_ARN'),
    manifestMaxFiles: positiveInt(env, 'MANIFEST_MAX_FILES', 5000),
    manifestMaxBytes: positiveInt(env, 'MANIFEST_MAX_BYTES', 1024 * 1024 * 1024),
    pollMaxAttempts: positiveInt(env, 'POLL_MAX_ATTEMPTS', 60),
    pollMaxWaitSeconds: positiveInt(env, 'POLL_MAX_WAIT_SECONDS', 30),
    backfillMinAgeSeconds: nonNegativeInt(env, 'BACKFILL_MIN_AGE_SECONDS', 900),
    stagingMaxAgeSeconds: nonNegativeInt(env, 'STAGING_MAX_AGE_SECONDS', 86_400),
    endpoints: Object.freeze({
      s3: value(env, 'AWS_ENDPOINT_URL_S3'),
      redshiftData: value(env, 'AWS_ENDPOINT_URL_REDSHIFT_DATA'),
      sfn: value(env, 'AWS_ENDPOINT_URL_SFN'),
    }),
  });
}

let cached: Config | undefined;

/** The process's config, parsed on first use (the local stack sets the env before that). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests and the local stack, which change the environment between runs in one process. */
export function resetConfig(): void {
  cached = undefined;
}
