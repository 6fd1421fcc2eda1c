/**
 * IAM on the local S3 server: every request is authorized after routing and before it acts, as
 * the caller its signature names (S3 User Guide, "How Amazon S3 authorizes a request"), with
 * the action, resource ARN and condition keys of its operation (local/iam/operations.ts). A
 * denial is S3's 403 `AccessDenied` document; under `--strict-iam` an unknown key is
 * `InvalidAccessKeyId`. A missing key answers 403 rather than 404 to a caller without
 * `s3:ListBucket` ("GetObject", "HeadObject": Permissions).
 */
import type { AuthorizeInput, Authorizer, AwsErrorResponse, OperationCall } from '../iam';
import { accessKeyFromRequest } from '../iam';
import { S3Error } from './errors';
import type { S3Call } from './request';

/** A denial, carrying the exact response the authorizer built. */
export class S3AccessError extends S3Error {
  constructor(readonly response: AwsErrorResponse) {
    super(response.code, response.status, response.message);
    this.name = 'S3AccessError';
  }
}

type S3Operation = Extract<OperationCall, { service: 's3' }>['operation'];

function copySource(call: S3Call): { bucket: string; key: string } | undefined {
  const raw = call.req.headers['x-amz-copy-source'];
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header) return undefined;
  const path = decodeURIComponent(header.split('?')[0]).replace(/^\/+/, '');
  const slash = path.indexOf('/');
  return slash < 0 ? undefined : { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

/** The operation a request is (the same dispatch as the server's routes); undefined: not served. */
export function s3OperationOf(call: S3Call): S3Operation | undefined {
  const { method, bucket, key, query } = call;
  if (!bucket) return method === 'GET' ? 'ListBuckets' : undefined;
  if (key === undefined) {
    if (method === 'PUT') return 'CreateBucket';
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'GET' && query.has('location')) return 'GetBucketLocation';
    if (method === 'GET' && query.has('uploads')) return 'ListMultipartUploads';
    if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
    if (method === 'GET') return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    return undefined;
  }
  const upload = query.has('uploadId');
  const copy = call.req.headers['x-amz-copy-source'] !== undefined;
  switch (method) {
    case 'PUT':
      if (upload) return copy ? 'UploadPartCopy' : 'UploadPart';
      return copy ? 'CopyObject' : 'PutObject';
    case 'GET':
      return upload ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return upload ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload';
      return upload ? 'CompleteMultipartUpload' : undefined;
  }
  return undefined;
}

/** What the authorizer needs of a request; undefined for requests no route serves. */
export function authorizeInputOf(call: S3Call): AuthorizeInput | undefined {
  const operation = s3OperationOf(call);
  if (!operation) return undefined;
  const maxKeys = call.query.get('max-keys');
  return {
    accessKeyId: accessKeyFromRequest(call.req.headers, call.query),
    requestId: call.requestId,
    call: {
      service: 's3',
      operation,
      bucket: call.bucket,
      key: call.key,
      source: copySource(call),
      prefix: call.query.get('prefix') ?? undefined,
      delimiter: call.query.get('delimiter') ?? undefined,
      maxKeys: maxKeys === null ? undefined : Number(maxKeys),
      // DeleteObjects' keys are in its body: authorized as a whole (docs/local-fidelity.md, IAM).
      keys: operation === 'DeleteObjects' ? [] : undefined,
    },
  };
}

/** Throws S3's denial when the caller may not make this request. */
export function authorizeS3(authorizer: Authorizer | undefined, input: AuthorizeInput | undefined): void {
  if (!authorizer?.enabled || !input) return;
  const result = authorizer.authorize(input);
  if (!result.allowed) throw new S3AccessError(result.error);
}

/** The 403 S3 answers instead of a 404 for a missing key, when the caller may not list the bucket. */
export function missingObjectError(
  authorizer: Authorizer | undefined,
  input: AuthorizeInput | undefined,
): S3AccessError | undefined {
  if (!authorizer?.enabled || !input) return undefined;
  if (input.call.service !== 's3' || (input.call.operation !== 'GetObject' && input.call.operation !== 'HeadObject'))
    return undefined;
  const response = authorizer.missingObject(input);
  return response ? new S3AccessError(response) : undefined;
}
