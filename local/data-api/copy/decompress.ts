import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Compression } from './copy-command';
import { CopySourceError } from './errors';
import { bzip2Decode, zstdDecompress } from './node-modules';

const gunzipAsync = promisify(gunzip);

const LABEL: Record<Compression, string> = { none: 'NONE', gzip: 'GZIP', bzip2: 'BZIP2', zstd: 'ZSTD' };

/**
 * Undo the COPY's compression on one file. Redshift applies the one compression option to every
 * file it reads ("COPY: File compression parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html): a file
 * that is not in that format fails the whole COPY, MAXERROR does not apply.
 * @throws CopySourceError naming the file and the compression
 */
export async function decompress(body: Buffer, compression: Compression, url: string): Promise<Buffer> {
  try {
    switch (compression) {
      case 'none':
        return body;
      case 'gzip':
        return await gunzipAsync(body);
      case 'bzip2':
        return bzip2Decode(body);
      case 'zstd': {
        const out = zstdDecompress(body);
        return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
      }
    }
  } catch (e) {
    throw new CopySourceError(`Failed to decompress '${url}' as ${LABEL[compression]}: ${describe(e)}`);
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e); // seek-bzip throws strings
}
