/**
 * The metadata of a stored object and the attributes of a put: shared by the store
 * (object-store.ts), its per-bucket index (bucket-index.ts) and the HTTP routes, in a module of
 * their own so that none of those has to import another for a type.
 */

/** What the store knows about one object. */
export interface ObjectMeta {
  key: string;
  size: number;
  /** Quoted, as in HTTP: `"<md5 hex>"` or `"<md5>-<parts>"`. */
  etag: string;
  lastModified: Date;
  contentType: string;
  contentEncoding?: string;
  cacheControl?: string;
  contentDisposition?: string;
  /** `x-amz-meta-*` values, names lower-cased without the prefix. */
  userMetadata: Record<string, string>;
  /** Base64 CRC32 of the bytes (what S3 returns as `x-amz-checksum-crc32`). */
  checksumCrc32?: string;
}

/** Optional attributes of a put. */
export interface PutOptions {
  contentType?: string;
  contentEncoding?: string;
  cacheControl?: string;
  contentDisposition?: string;
  userMetadata?: Record<string, string>;
  /** Use this ETag instead of the md5 of the bytes (multipart uploads). */
  etag?: string;
  /**
   * The CRC32 (base64) the client sent, read once the body has been consumed (aws-chunked
   * bodies carry it in a trailer). A mismatch fails the put with BadDigest, nothing stored.
   */
  expectedCrc32?: () => string | undefined;
}
