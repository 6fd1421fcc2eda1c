/** The pure-JavaScript readers COPY needs, loaded through Node's own loader (local/node-require.ts). */
import type * as Hyparquet from 'hyparquet';
import type { Compressors } from 'hyparquet';
import { nodeRequire } from '../../node-require';

/** The hyparquet reader (metadata, schema, rows). */
export function hyparquet(): typeof Hyparquet {
  return nodeRequire<typeof Hyparquet>('hyparquet');
}

/** Page decompressors beyond hyparquet's built-in snappy: GZIP, BROTLI, ZSTD, LZ4. */
export function parquetCompressors(): Compressors {
  return nodeRequire<{ compressors: Compressors }>('hyparquet-compressors').compressors;
}

/** seek-bzip's whole-buffer bzip2 decoder. */
export function bzip2Decode(input: Buffer): Buffer {
  return nodeRequire<{ decode(input: Buffer): Buffer }>('seek-bzip').decode(input);
}

/** fzstd's Zstandard decoder (Node 20's zlib has none; Node 22's is not used so both behave alike). */
export function zstdDecompress(input: Uint8Array): Uint8Array {
  return nodeRequire<{ decompress(input: Uint8Array): Uint8Array }>('fzstd').decompress(input);
}
