/**
 * Where COPY reads S3 objects: through the real S3 client over HTTP (any S3 endpoint, the local
 * S3 server by default), or straight from the store of an S3 server running in this process.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Authorizer } from '../../iam';

/**
 * Object reads as COPY needs them. Implemented over HTTP here, and by the local S3 server for a
 * COPY in the same process (the local stack's): the same bytes the server would send, at a
 * fraction of the cost per small file.
 */
export interface InProcessObjects {
  get(bucket: string, key: string): Promise<Buffer | null>;
  list(bucket: string, prefix: string): Promise<Array<{ key: string; size: number }>>;
}

/** Where COPY reads S3 objects. */
export interface S3Settings {
  endpoint: string;
  region?: string;
  /** Set when the S3 server runs in this process: COPY then reads its store directly. */
  inProcess?: InProcessObjects;
  /** IAM (local/iam): COPY's reads are authorized as its IAM_ROLE (copy-access.ts). */
  authorizer?: Authorizer;
}

/**
 * Opens COPY's object reads for one statement. `checkCancelled` throws when CancelStatement asked
 * the statement to stop; `signal` aborts its pending S3 requests.
 */
export type OpenObjects = (checkCancelled: () => void, signal?: AbortSignal, iamRole?: string) => InProcessObjects;

/** One S3 client per server, pointed at the local S3 server with static local credentials. */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Objects through the real S3 client over HTTP (any S3 endpoint). */
export function httpObjects(s3: S3Client, checkCancelled: () => void, signal?: AbortSignal): InProcessObjects {
  return {
    async get(bucket, key) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        if (!out.Body) return Buffer.alloc(0);
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NoSuchKey' || name === 'NotFound') return null;
        checkCancelled();
        throw error;
      }
    },
    async list(bucket, prefix) {
      const found: Array<{ key: string; size: number }> = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          { abortSignal: signal },
        );
        checkCancelled();
        for (const o of page.Contents ?? []) if (o.Key) found.push({ key: o.Key, size: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found;
    },
  };
}
