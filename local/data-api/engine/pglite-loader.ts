/**
 * Loads PGlite with Node's own module loader.
 *
 * PGlite's CommonJS build calls `import('fs/promises')` and `import('node:module')` while it
 * starts. Jest runs modules in a vm sandbox that rejects dynamic import() unless Node runs with
 * --experimental-vm-modules (and jest 30 routes `createRequire` back into its sandbox), so a
 * PGlite loaded through jest's registry cannot start. `Module.prototype.require` always goes
 * through Node's real loader, in jest, under tsx and in the esbuild CLI bundle (which keeps
 * packages external), so one code path works everywhere.
 */
import { Module } from 'node:module';
import { dirname } from 'node:path';
import type * as PGliteModule from '@electric-sql/pglite';

let loaded: typeof PGliteModule | undefined;

/** The `@electric-sql/pglite` module (PGlite class, `types`), loaded once. */
export function loadPGlite(): typeof PGliteModule {
  if (!loaded) {
    const host = new Module(__filename);
    host.filename = __filename;
    host.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      dirname(__filename),
    );
    loaded = host.require('@electric-sql/pglite') as typeof PGliteModule;
  }
  return loaded;
}
