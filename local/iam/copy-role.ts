/**
 * The COPY role is not part of the deployable template: docs/deploy.md tells the administrator
 * to create it (trusted by `redshift.amazonaws.com` and `redshift-serverless.amazonaws.com`,
 * allowed `s3:GetObject` on the data, manifest and JSONPaths prefixes of the ingest bucket) and
 * to pass its ARN as `copyRoleArn`. This is that role, as documented there, so a COPY is
 * evaluated against exactly what a real deployment would grant it; keep the two in step.
 */
import type { RoleIdentity } from './identities';

export interface CopyRoleOptions {
  roleArn: string;
  bucket: string;
  /** The object prefixes COPY reads (docs/deploy.md: data prefixes, manifests/, config/jsonpaths/). */
  prefixes: string[];
  partition?: string;
}

/** The COPY role as docs/deploy.md documents it. */
export function documentedCopyRole(opts: CopyRoleOptions): RoleIdentity {
  const partition = opts.partition ?? 'aws';
  const name = opts.roleArn.split('/').pop() ?? opts.roleArn;
  return {
    name,
    arn: opts.roleArn,
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: ['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'] },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    policies: [
      {
        source: `${name}/copy (docs/deploy.md)`,
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: opts.prefixes.map((p) => `arn:${partition}:s3:::${opts.bucket}/${p}*`),
            },
          ],
        },
      },
    ],
    unknownManagedPolicies: [],
  };
}
