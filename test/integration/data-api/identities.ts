/**
 * Identities for Data API tests: a resolver that maps access key ids to IAM identities (as the
 * local IAM store will), and SDK clients signing with those keys.
 */
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { Caller, CallerResolver } from '../../../local/data-api/api/caller';
import { LOCAL_ADMIN } from '../../../local/data-api/api/caller';

/** The ingest Lambdas' role, the state machine's role, and an IAM user. */
export const IDENTITIES: Record<string, Caller> = {
  AKIDWAREHOUSE1: { arn: 'arn:aws:iam::123456789012:role/ingest-warehouse', kind: 'role', name: 'ingest-warehouse' },
  // A second IAM session (other temporary keys) of the same role.
  AKIDWAREHOUSE2: { arn: 'arn:aws:iam::123456789012:role/ingest-warehouse', kind: 'role', name: 'ingest-warehouse' },
  AKIDSTATEMACHINE: { arn: 'arn:aws:iam::123456789012:role/ingest-states', kind: 'role', name: 'ingest-states' },
  AKIDALICE: { arn: 'arn:aws:iam::123456789012:user/alice', kind: 'user', name: 'alice' },
};

/** Known keys map to their identity; any other key is the local administrator. */
export const resolveTestCaller: CallerResolver = (key) => (key && IDENTITIES[key]) || LOCAL_ADMIN;

/** A real Data API client signing with `accessKeyId`, without retries (errors surface at once). */
export function clientAs(endpoint: string, accessKeyId: string): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
