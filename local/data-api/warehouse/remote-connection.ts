/**
 * The database as `engine.run` callbacks on the main thread see it: PGlite's `query` and `exec`,
 * each call sent to the warehouse thread and answered with its rows. Only what can cross threads
 * crosses: `rowMode`, and a `blob` (sent as bytes); custom `parsers` stay behind (values come
 * parsed by PGlite's default parsers, as they did when PGlite ran here).
 */
import type { Results } from '@electric-sql/pglite';
import type { SqlConnection } from '../engine/connection';
import type { WarehouseThread } from './warehouse-thread';

export function remoteConnection(thread: WarehouseThread): SqlConnection {
  const connection = {
    async query(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object'; blob?: Blob | File }) {
      const blob = options?.blob ? new Uint8Array(await options.blob.arrayBuffer()) : undefined;
      return thread.call({ type: 'query', sql, params, options: { rowMode: options?.rowMode, blob } });
    },
    async exec(sql: string) {
      return thread.call({ type: 'exec', sql });
    },
  };
  return connection as unknown as SqlConnection & { query<T>(...a: unknown[]): Promise<Results<T>> };
}
