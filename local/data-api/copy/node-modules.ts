/**
 * Loads the pure-JavaScript readers COPY needs with Node's own module loader, as
 * engine/pglite-loader.ts does for PGlite: hyparquet and its compressors are ES modules, which
 * jest's CommonJS sandbox cannot load but Node's `require` can (require of an ES module, on by
 * default from Node 20.19). The esbuild CLI bundle keeps packages external, so this one code
 * path works in jest, under tsx and in the bundle.
 */
import { Module } from 'node:module';
import { dirname } from 'node:path';
import type * as Hyparquet from 'hyparquet';
import type { Compressors } from 'hyparquet';

const cache = new Map<string, unknown>();

function nodeRequire<T>(name: string): T {
  let mod = cache.get(name);
  if (mod === undefined) {
    const host = new Module(__filename);
    host.filename = __filename;
    host.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      dirname(__filename),
    );
    mod = host.require(name);
    cache.set(name, mod);
  }
  return mod as T;
}

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
