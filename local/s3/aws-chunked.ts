/**
 * Decoder for the `aws-chunked` content encoding that current AWS SDKs use to send bodies with
 * flexible checksums (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` or a signed
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`). Framing:
 *
 *   <hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0[;...]\r\n<trailer: value>\r\n ... \r\n
 *
 * Only the payload is stored; the trailers (checksums) are kept for the caller to inspect.
 * Every framing failure is an {@link AwsChunkedFramingError}: `truncated` (the body ended early,
 * or its decoded length differs from `x-amz-decoded-content-length`) or `malformed`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

export type FramingFailure = 'truncated' | 'malformed';

/**
 * Raised when the framing is broken. The server answers 400 `IncompleteBody` for `truncated`
 * and 400 `InvalidRequest` for `malformed` (see server.ts).
 */
export class AwsChunkedFramingError extends Error {
  readonly kind: FramingFailure;

  constructor(message: string, kind: FramingFailure = 'malformed') {
    super(`aws-chunked body: ${message}`);
    this.name = 'AwsChunkedFramingError';
    this.kind = kind;
  }
}

/**
 * Longest chunk-size or trailer line accepted. Real lines are under 200 bytes (hex size plus a
 * 64-hex `chunk-signature`; a checksum trailer); the cap keeps a hostile line's buffering small.
 */
const MAX_LINE = 4096;
/** Trailer lines accepted after the last chunk (SDKs send one checksum and maybe a signature). */
const MAX_TRAILERS = 32;
/** Hex digits of a chunk size: 13 keep it within Number.MAX_SAFE_INTEGER. */
const MAX_SIZE_DIGITS = 13;

type State = 'size' | 'data' | 'crlf' | 'trailer' | 'done';

export interface AwsChunkedDecoderOptions {
  /** `x-amz-decoded-content-length`: the payload must have exactly this many bytes. */
  decodedLength?: number;
}

/** Streaming decoder: write the framed body, read the payload. */
export class AwsChunkedDecoder extends Transform {
  /** Trailer headers (e.g. `x-amz-checksum-crc32`), lower-cased names, filled at the end. */
  readonly trailers: Record<string, string> = {};
  private pending: Buffer = Buffer.alloc(0);
  /** Where to resume looking for CRLF in `pending` (no byte is searched twice). */
  private searchFrom = 0;
  private state: State = 'size';
  private remaining = 0;
  private decoded = 0;
  private trailerCount = 0;
  private readonly decodedLength?: number;

  constructor(options: AwsChunkedDecoderOptions = {}) {
    super();
    this.decodedLength = options.decodedLength;
  }

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
    else callback(new AwsChunkedFramingError(`body ended while reading ${this.state}`, 'truncated'));
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
      const eol = this.pending.indexOf('\r\n', this.searchFrom);
      if (eol < 0) {
        if (this.pending.length > MAX_LINE) throw new AwsChunkedFramingError('header line too long');
        // A CR at the very end may be the first half of the CRLF.
        this.searchFrom = Math.max(0, this.pending.length - 1);
        return;
      }
      if (eol > MAX_LINE) throw new AwsChunkedFramingError('header line too long');
      const line = this.pending.subarray(0, eol).toString('latin1');
      this.pending = this.pending.subarray(eol + 2);
      this.searchFrom = 0;
      if (this.state === 'size') this.readSize(line);
      else this.readTrailer(line);
    }
  }

  private readSize(line: string): void {
    const hex = line.split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.replace(/^0+(?=.)/, '').length > MAX_SIZE_DIGITS) {
      throw new AwsChunkedFramingError(`bad chunk size line ${JSON.stringify(line.slice(0, 80))}`);
    }
    const size = parseInt(hex, 16);
    if (size === 0) {
      if (this.decodedLength !== undefined && this.decoded !== this.decodedLength) {
        throw new AwsChunkedFramingError(
          `decoded ${this.decoded} bytes, x-amz-decoded-content-length says ${this.decodedLength}`,
          'truncated',
        );
      }
      this.state = 'trailer';
      return;
    }
    this.decoded += size;
    if (this.decodedLength !== undefined && this.decoded > this.decodedLength) {
      throw new AwsChunkedFramingError(`chunks exceed x-amz-decoded-content-length ${this.decodedLength}`, 'truncated');
    }
    this.remaining = size;
    this.state = 'data';
  }

  private readTrailer(line: string): void {
    if (line === '') {
      this.state = 'done';
      return;
    }
    if (++this.trailerCount > MAX_TRAILERS) throw new AwsChunkedFramingError('too many trailer lines');
    const colon = line.indexOf(':');
    if (colon <= 0) throw new AwsChunkedFramingError(`bad trailer line ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    // Only x-amz-* trailers mean anything to S3; other names (e.g. `__proto__`) are not kept.
    if (/^x-amz-[a-z0-9-]+$/.test(name)) this.trailers[name] = line.slice(colon + 1).trim();
  }
}

/** True when a request body uses the aws-chunked framing. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return /(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding) || sha.startsWith('STREAMING-');
}

/** `x-amz-decoded-content-length` as a number, when present and well formed. */
export function decodedContentLength(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['x-amz-decoded-content-length'];
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** The Content-Encoding to store: the request's, minus `aws-chunked` (as S3 does). */
export function storedContentEncoding(headers: IncomingHttpHeaders): string | undefined {
  const values = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && v.toLowerCase() !== 'aws-chunked');
  return values.length > 0 ? values.join(', ') : undefined;
}
