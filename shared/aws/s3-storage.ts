import {
  CopyObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { normalizeEtag } from '../keys';
import type { ListedObject, ObjectStorage } from '../ports';
import { awsError } from './aws-errors';

const isNotFound = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** CopyObject wants the source key URL-encoded (but '/' kept). */
const copySource = (bucket: string, key: string): string =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** ObjectStorage on S3 (AWS or the local server: only the client's endpoint differs). */
export class S3Storage implements ObjectStorage {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async putText(key: string, body: string, contentType = 'application/json'): Promise<void> {
    try {
      await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
    } catch (err) {
      throw awsError('S3 PutObject', err);
    }
  }

  async getText(key: string): Promise<string | null> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await out.Body?.transformToString('utf-8')) ?? '';
    } catch (err) {
      if (isNotFound(err)) return null;
      throw awsError('S3 GetObject', err);
    }
  }

  /**
   * The object's listing entry, or null when there is none. A listing with the key as prefix
   * rather than HeadObject: a role whose s3:ListBucket is limited by `s3:prefix` (every role of
   * the template) gets 403, not 404, from HeadObject of a missing key, because S3 evaluates that
   * implicit ListBucket without a prefix (S3 User Guide, "How Amazon S3 authorizes a request";
   * HeadObject API Reference, "Permissions"). A key sorts first among the keys it prefixes, so
   * one entry answers.
   */
  async head(key: string): Promise<ListedObject | null> {
    try {
      const out = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: key, MaxKeys: 1 }));
      const o = out.Contents?.[0];
      if (o?.Key !== key) return null;
      return { key, etag: normalizeEtag(o.ETag ?? ''), size: o.Size ?? 0, lastModified: o.LastModified };
    } catch (err) {
      throw awsError('S3 ListObjectsV2', err);
    }
  }

  async copy(sourceKey: string, targetKey: string): Promise<boolean> {
    try {
      await this.s3.send(
        new CopyObjectCommand({ Bucket: this.bucket, Key: targetKey, CopySource: copySource(this.bucket, sourceKey) }),
      );
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw awsError('S3 CopyObject', err);
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    let token: string | undefined;
    do {
      const page = await this.s3
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }))
        .catch((err: unknown) => {
          throw awsError('S3 ListObjectsV2', err);
        });
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        yield { key: o.Key, etag: normalizeEtag(o.ETag ?? ''), size: o.Size ?? 0, lastModified: o.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
