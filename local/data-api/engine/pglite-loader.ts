/** Loads PGlite through Node's own loader (see local/node-require.ts for why jest needs that). */
import type * as PGliteModule from '@electric-sql/pglite';
import { nodeRequire } from '../../node-require';

/** The `@electric-sql/pglite` module (PGlite class, `types`), loaded once. */
export function loadPGlite(): typeof PGliteModule {
  return nodeRequire<typeof PGliteModule>('@electric-sql/pglite');
}
