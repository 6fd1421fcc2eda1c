/** Writes a body to a file while computing the digests S3 reports (MD5 for the ETag, CRC32 checksum). */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

export type Body = Buffer | Uint8Array | string | Readable;

const FLUSH_BYTES = 1024 * 1024;

export interface WrittenBody {
  size: number;
  md5Hex: string;
  /** Base64 of the big-endian CRC32, as in `x-amz-checksum-crc32`. */
  crc32Base64: string;
}

/** Writes `body` to `file` (created or truncated); on failure the partial file is removed. */
export async function writeHashed(body: Body, file: string): Promise<WrittenBody> {
  const md5 = createHash('md5');
  let crc = 0;
  let size = 0;
  try {
    if (body instanceof Readable) {
      // A file handle and plain writes, flushed every MiB: bounded memory for large bodies, and
      // none of the stream-pipeline machinery per small object (it showed in profiles).
      const handle = await fs.promises.open(file, 'w');
      try {
        let pending: Buffer[] = [];
        let pendingSize = 0;
        for await (const chunk of body as AsyncIterable<Buffer | string>) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          md5.update(buf);
          crc = crc32(buf, crc);
          size += buf.length;
          pending.push(buf);
          pendingSize += buf.length;
          if (pendingSize >= FLUSH_BYTES) {
            await handle.write(Buffer.concat(pending, pendingSize));
            pending = [];
            pendingSize = 0;
          }
        }
        if (pendingSize > 0) await handle.write(Buffer.concat(pending, pendingSize));
      } finally {
        await handle.close();
      }
    } else {
      // In-memory bodies (the local stack's own writes) skip the stream machinery.
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      md5.update(buf);
      crc = crc32(buf);
      size = buf.length;
      await fs.promises.writeFile(file, buf);
    }
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  const crcBytes = Buffer.alloc(4);
  crcBytes.writeUInt32BE(crc >>> 0);
  return { size, md5Hex: md5.digest('hex'), crc32Base64: crcBytes.toString('base64') };
}
