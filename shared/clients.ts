import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { type Config, config } from './config';

/**
 * The one client factory. Each client is built once per process; the endpoint (and path-style
 * addressing for S3) is the only thing that differs between AWS and the local stack.
 */
interface Clients {
  s3: S3Client;
  redshiftData: RedshiftDataClient;
  sfn: SFNClient;
}

/**
 * Keyed by the function's name as well: constant in a Lambda container, so one entry on AWS;
 * where several functions share a process (the local stack), each function's clients resolve
 * its own role's credentials from its environment.
 */
const cached = new Map<string, { cfg: Config; clients: Clients }>();

export function buildClients(cfg: Config): Clients {
  const base = { region: cfg.region, maxAttempts: 5 };
  return {
    s3: new S3Client({ ...base, endpoint: cfg.endpoints.s3, forcePathStyle: cfg.endpoints.s3 !== undefined }),
    // The warehouse may be in another region than the bucket and this Lambda (docs/deploy.md).
    redshiftData: new RedshiftDataClient({ ...base, region: cfg.redshiftRegion, endpoint: cfg.endpoints.redshiftData }),
    sfn: new SFNClient({ ...base, endpoint: cfg.endpoints.sfn }),
  };
}

/** Clients for the process's config (rebuilt only if the config object changed). */
export function clients(): Clients {
  const cfg = config();
  const key = process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';
  let entry = cached.get(key);
  if (!entry || entry.cfg !== cfg) {
    entry = { cfg, clients: buildClients(cfg) };
    cached.set(key, entry);
  }
  return entry.clients;
}
