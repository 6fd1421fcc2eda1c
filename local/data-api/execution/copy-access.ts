/**
 * COPY reads S3 as its IAM_ROLE. Redshift assumes the role named in the statement (the role's
 * trust policy must let `redshift.amazonaws.com` assume it: Redshift Database Developer Guide,
 * "Authorization parameters" and Management Guide, "Authorizing Amazon Redshift to access other
 * AWS services on your behalf"), then makes each S3 request as that role session: a
 * ListObjects with `s3:prefix` for a prefix source, a GetObject per file or manifest. Every
 * read, including the in-process fast path, is authorized here first; a denial fails the COPY
 * with the S3 error text Redshift reports (`S3ServiceException:Access Denied,Status 403,...`).
 */
import type { Authorizer, LocalCredentials } from '../../iam';
import { servicePrincipal } from '../../iam';
import type { InProcessObjects } from './s3-objects';

/** Redshift could not assume the COPY's role (trust policy, unknown role). */
export class CopyRoleAccessError extends Error {
  constructor(roleArn: string) {
    super(`Not authorized to get credentials of role ${roleArn}`);
    this.name = 'CopyRoleAccessError';
  }
}

/** An S3 request of the COPY was denied: S3's error as Redshift words it. */
export class CopyS3AccessError extends Error {
  constructor(code: string, message: string, status: number, requestId: string) {
    super(
      `S3ServiceException:${message},Status ${status},Error ${code},Rid ${requestId},ExtRid ${requestId},CanRetry 1`,
    );
    this.name = 'CopyS3AccessError';
  }
}

const REQUEST_ID = 'LOCALIAMCOPY';

/**
 * `objects` as the role session of `roleArn` sees them; unchanged when IAM is off or the COPY
 * names no role (IAM_ROLE DEFAULT, keys: not evaluated, docs/local-fidelity.md).
 */
export function copyReadsAs(
  objects: InProcessObjects,
  authorizer: Authorizer | undefined,
  roleArn: string | undefined,
): InProcessObjects {
  if (!authorizer?.enabled || !roleArn) return objects;
  let session: LocalCredentials | undefined;
  const credentials = (): LocalCredentials => {
    if (!session) {
      const account = roleArn.split(':')[4] ?? '';
      // Redshift names the account it acts for, which trust policies check against confused
      // deputies (IAM User Guide, "The confused deputy problem": aws:SourceAccount).
      const assumed = authorizer.assumeRole(
        servicePrincipal('redshift.amazonaws.com', account),
        roleArn,
        'redshift-copy',
        {
          'aws:SourceAccount': account,
        },
      );
      if ('error' in assumed) throw new CopyRoleAccessError(roleArn);
      session = assumed.credentials;
    }
    return session;
  };
  const deny = (error: { code: string; message: string; status: number }): never => {
    throw new CopyS3AccessError(error.code, error.message, error.status, REQUEST_ID);
  };
  return {
    async get(bucket, key) {
      const input = {
        principal: credentials().principal,
        requestId: REQUEST_ID,
        call: { service: 's3' as const, operation: 'GetObject' as const, bucket, key },
      };
      const result = authorizer.authorize(input);
      if (!result.allowed) deny(result.error);
      const body = await objects.get(bucket, key);
      // A missing key is S3's 403 to a role without s3:ListBucket, as for any caller.
      if (body === null) {
        const missing = authorizer.missingObject(input);
        if (missing) deny(missing);
      }
      return body;
    },
    async list(bucket, prefix) {
      const result = authorizer.authorize({
        principal: credentials().principal,
        requestId: REQUEST_ID,
        call: { service: 's3', operation: 'ListObjectsV2', bucket, prefix },
      });
      if (!result.allowed) deny(result.error);
      return objects.list(bucket, prefix);
    },
  };
}
