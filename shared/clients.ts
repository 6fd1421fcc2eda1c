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

let cached: { cfg: Config; clients: Clients } | undefined;

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
  if (!cached || cached.cfg !== cfg) cached = { cfg, clients: buildClients(cfg) };
  return cached.clients;
}
