/**
 * Who calls the Data API. AWS knows the caller from the request's SigV4 signature; the local
 * server reads the access key id of the `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<access key id>/<date>/<region>/redshift-data/aws4_request, ...`)
 * and asks a resolver which identity holds that key. The default resolver makes every key
 * the local administrator, so any client works unless an identity store (local/iam) is
 * plugged in through the server's `resolveCaller` option.
 */
/** An IAM identity, as the Data API derives database users and statement ownership from it. */
export interface Caller {
  /** The role's (not the assumed-role session's) or the user's ARN. */
  arn: string;
  kind: 'role' | 'user';
  /** Role or user name (database user `IAMR:<name>` / `IAM:<name>`). */
  name: string;
}

/** The identity behind an access key id; may throw a DataApiError (e.g. an unknown key under strict IAM). */
export type CallerResolver = (accessKeyId: string | undefined) => Caller;

/** The local administrator: every key, unless a resolver says otherwise. */
export const LOCAL_ADMIN: Caller = Object.freeze({
  arn: 'arn:aws:iam::123456789012:user/local-admin',
  kind: 'user',
  name: 'local-admin',
});

export const adminForEveryKey: CallerResolver = () => LOCAL_ADMIN;

/** What an operation knows of its request besides the input. */
export interface RequestContext {
  caller: Caller;
  /**
   * The access key id that signed the request: one IAM session (an assumed role's temporary
   * credentials), which ListStatements with RoleLevel=false narrows to.
   */
  accessKeyId: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\//;

/** The access key id of a SigV4 `Authorization` header; undefined for an unsigned request. */
export function accessKeyIdOf(authorization: string | undefined): string | undefined {
  return authorization ? CREDENTIAL.exec(authorization)?.[1] : undefined;
}

/** The request's caller through `resolve`; resolver errors that are not API errors are bugs and propagate. */
export function requestContext(authorization: string | undefined, resolve: CallerResolver): RequestContext {
  const accessKeyId = accessKeyIdOf(authorization);
  const caller = resolve(accessKeyId);
  return { caller, accessKeyId: accessKeyId ?? '' };
}
