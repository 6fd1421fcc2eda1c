import { resetConfig } from '../../shared/config';
import { STACK_ADMIN_KEY } from '../stack-iam';

/** What the handlers need to find the local stack. */
export interface LocalTarget {
  bucket: string;
  endpoints: { s3: string; dataApi: string; sfn: string };
  stateMachineArn: string;
  manifestMaxFiles?: number;
  manifestMaxBytes?: number;
  /** The deployment's COPY role (IAM enforced); default: a placeholder role nothing checks. */
  copyRoleArn?: string;
}

/** The Redshift Serverless workgroup of the local stack (the Data API refuses other names). */
export const LOCAL_WORKGROUP = 'local';

/** The role COPY names locally: a syntactically valid ARN the emulator accepts and ignores. */
const LOCAL_COPY_ROLE = 'arn:aws:iam::000000000000:role/local-redshift-copy';

/**
 * Points the handlers of this process at a local stack: the same settings serverless.yml gives
 * them in AWS, with the endpoints as the only real difference. Credentials are placeholders the
 * local servers ignore (nothing leaves the machine).
 */
export function useLocalTarget(target: LocalTarget): void {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    // The stack's own calls (set-up SQL, replay from the CLI) are its administrator's; each
    // Lambda invocation overlays its role's keys (function-env.ts).
    AWS_ACCESS_KEY_ID: STACK_ADMIN_KEY,
    AWS_SECRET_ACCESS_KEY: 'local',
    INGEST_BUCKET: target.bucket,
    REDSHIFT_WORKGROUP: LOCAL_WORKGROUP,
    REDSHIFT_DATABASE: 'dev',
    COPY_IAM_ROLE_ARN: target.copyRoleArn ?? LOCAL_COPY_ROLE,
    STATE_MACHINE_ARN: target.stateMachineArn,
    MANIFEST_MAX_FILES: String(target.manifestMaxFiles ?? 5000),
    MANIFEST_MAX_BYTES: String(target.manifestMaxBytes ?? 1024 ** 3),
    POLL_MAX_ATTEMPTS: '200',
    POLL_MAX_WAIT_SECONDS: '10',
    BACKFILL_MIN_AGE_SECONDS: '0',
    AWS_ENDPOINT_URL_S3: target.endpoints.s3,
    AWS_ENDPOINT_URL_REDSHIFT_DATA: target.endpoints.dataApi,
    AWS_ENDPOINT_URL_SFN: target.endpoints.sfn,
  });
  delete process.env.REDSHIFT_CLUSTER_ID;
  resetConfig();
}
