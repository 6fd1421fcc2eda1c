/**
 * Loads a package with Node's own module loader, once.
 *
 * Some packages the local stack uses cannot go through jest's module registry: PGlite's CommonJS
 * build calls dynamic `import()` while it starts (jest's vm sandbox rejects that without
 * --experimental-vm-modules), and hyparquet / hyparquet-writer are ES modules (Node's `require`
 * loads them natively from Node 20.19; jest's CommonJS sandbox does not). `Module.prototype.require`
 * always goes through Node's real loader, in jest, under tsx and in the esbuild CLI bundle (which
 * keeps packages external), so one code path works everywhere.
 */
import { Module } from 'node:module';
import { dirname } from 'node:path';

const cache = new Map<string, unknown>();

export function nodeRequire<T>(name: string): T {
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
