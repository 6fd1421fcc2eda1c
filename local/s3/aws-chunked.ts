/**
 * Decoder for the `aws-chunked` content encoding that current AWS SDKs use to send bodies with
 * flexible checksums (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` or a signed
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`). Framing:
 *
 *   <hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0[;...]\r\n<trailer: value>\r\n ... \r\n
 *
 * Only the payload is stored; the trailers (checksums) are kept for the caller to inspect.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/** Raised when the framing is broken (the server answers 400 IncompleteBody). */
export class AwsChunkedFramingError extends Error {
  constructor(message: string) {
    super(`aws-chunked body: ${message}`);
    this.name = 'AwsChunkedFramingError';
  }
}

/** Longest header or trailer line we accept before calling the framing broken. */
const MAX_LINE = 64 * 1024;

type State = 'size' | 'data' | 'crlf' | 'trailer' | 'done';

/** Streaming decoder: write the framed body, read the payload. */
export class AwsChunkedDecoder extends Transform {
  /** Trailer headers (e.g. `x-amz-checksum-crc32`), lower-cased names, filled at the end. */
  readonly trailers: Record<string, string> = {};
  private pending: Buffer = Buffer.alloc(0);
  private state: State = 'size';
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.consume();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    // Some clients stop right after the last trailer line; the payload is complete by then.
    if (this.state === 'done' || (this.state === 'trailer' && this.pending.length === 0)) callback();
    else callback(new AwsChunkedFramingError(`body ended while reading ${this.state}`));
  }

  private consume(): void {
    while (this.pending.length > 0) {
      if (this.state === 'done') {
        this.pending = Buffer.alloc(0);
        return;
      }
      if (this.state === 'data') {
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'crlf';
        continue;
      }
      if (this.state === 'crlf') {
        if (this.pending.length < 2) return;
        if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a) {
          throw new AwsChunkedFramingError('chunk data not followed by CRLF');
        }
        this.pending = this.pending.subarray(2);
        this.state = 'size';
        continue;
      }
      const eol = this.pending.indexOf('\r\n');
      if (eol < 0) {
        if (this.pending.length > MAX_LINE) throw new AwsChunkedFramingError('header line too long');
        return;
      }
      const line = this.pending.subarray(0, eol).toString('latin1');
      this.pending = this.pending.subarray(eol + 2);
      if (this.state === 'size') this.readSize(line);
      else this.readTrailer(line);
    }
  }

  private readSize(line: string): void {
    const hex = line.split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(hex)) throw new AwsChunkedFramingError(`bad chunk size line ${JSON.stringify(line)}`);
    const size = parseInt(hex, 16);
    if (size === 0) this.state = 'trailer';
    else {
      this.remaining = size;
      this.state = 'data';
    }
  }

  private readTrailer(line: string): void {
    if (line === '') {
      this.state = 'done';
      return;
    }
    const colon = line.indexOf(':');
    if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
}

/** True when a request body uses the aws-chunked framing. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return /(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding) || sha.startsWith('STREAMING-');
}

/** The Content-Encoding to store: the request's, minus `aws-chunked` (as S3 does). */
export function storedContentEncoding(headers: IncomingHttpHeaders): string | undefined {
  const values = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && v.toLowerCase() !== 'aws-chunked');
  return values.length > 0 ? values.join(', ') : undefined;
}
