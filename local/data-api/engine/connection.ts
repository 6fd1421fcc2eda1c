/**
 * What SQL code needs of the database: `query` and `exec` as PGlite has them. In the warehouse
 * thread it is PGlite itself; on the main thread, `engine.run` callbacks get a stand-in that
 * sends each call to that thread (warehouse/remote-connection.ts).
 */
import type { PGlite } from '@electric-sql/pglite';

export type SqlConnection = Pick<PGlite, 'query' | 'exec'>;
