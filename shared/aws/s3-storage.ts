import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
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

  async head(key: string): Promise<ListedObject | null> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, etag: normalizeEtag(out.ETag ?? ''), size: out.ContentLength ?? 0, lastModified: out.LastModified };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw awsError('S3 HeadObject', err);
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
