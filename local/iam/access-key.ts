/**
 * The access key id a request was signed with: from a SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/aws4_request, ...`) or a
 * presigned URL's `X-Amz-Credential` (AWS General Reference / IAM User Guide, "Signature
 * Version 4": authorization header and query string). Signatures themselves are not verified
 * locally (docs/local-fidelity.md, IAM).
 */

/** The access key id of the request, or undefined when it is not signed. */
export function accessKeyFromRequest(
  headers: Record<string, string | string[] | undefined>,
  query?: URLSearchParams,
): string | undefined {
  const raw = headers.authorization;
  const auth = Array.isArray(raw) ? raw[0] : raw;
  const fromHeader = auth ? /Credential=([^/,\s]+)\//.exec(auth)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  const credential = query?.get('X-Amz-Credential');
  return credential ? credential.split('/')[0] : undefined;
}
