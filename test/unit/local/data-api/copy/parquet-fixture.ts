/**
 * Writes Parquet files for the COPY tests with hyparquet-writer (an ES module, so it is loaded
 * through Node's own require, as local/data-api/copy/node-modules.ts loads the reader).
 */
import { Module } from 'node:module';
import { dirname } from 'node:path';
import type { ColumnSource, ParquetWriteOptions } from 'hyparquet-writer';

type WriteBuffer = (options: Omit<ParquetWriteOptions, 'writer'>) => ArrayBuffer;

let write: WriteBuffer | undefined;

/** A Parquet file of the given columns (and explicit schema, row group size or codec when given). */
export function parquetFile(
  columnData: ColumnSource[],
  options: Omit<ParquetWriteOptions, 'writer' | 'columnData'> = {},
): Buffer {
  if (!write) {
    const host = new Module(__filename);
    host.filename = __filename;
    host.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      dirname(__filename),
    );
    write = (host.require('hyparquet-writer') as { parquetWriteBuffer: WriteBuffer }).parquetWriteBuffer;
  }
  return Buffer.from(write({ columnData, ...options }));
}
