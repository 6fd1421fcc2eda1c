/**
 * Failures of the local S3 store and server, each carrying the S3 error code and HTTP status
 * that AWS answers with, so that the SDK raises the same named exception (NoSuchKey, ...).
 */
export class S3Error extends Error {
  /** S3 error code, e.g. `NoSuchKey`; the SDK uses it as the exception name. */
  readonly code: string;
  readonly status: number;
  /** Extra elements of the `<Error>` document (`Key`, `BucketName`, ...). */
  readonly details: Record<string, string>;

  constructor(code: string, status: number, message: string, details: Record<string, string> = {}) {
    super(message);
    this.name = 'S3Error';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export class NoSuchBucketError extends S3Error {
  constructor(bucket: string) {
    super('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: bucket });
    this.name = 'NoSuchBucketError';
  }
}

export class NoSuchKeyError extends S3Error {
  constructor(key: string) {
    super('NoSuchKey', 404, 'The specified key does not exist.', { Key: key });
    this.name = 'NoSuchKeyError';
  }
}

export class NoSuchUploadError extends S3Error {
  constructor(uploadId: string) {
    super(
      'NoSuchUpload',
      404,
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { UploadId: uploadId },
    );
    this.name = 'NoSuchUploadError';
  }
}

/** 400 InvalidArgument and friends. */
export function badRequest(code: string, message: string, details: Record<string, string> = {}): S3Error {
  return new S3Error(code, 400, message, details);
}
