import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The repository root: the nearest folder above this file that holds serverless.yml.
 * Works from the sources, from jest and from the dist/ bundle alike.
 */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'serverless.yml'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`serverless.yml not found above ${__dirname}`);
    dir = parent;
  }
}

export const serverlessYmlPath = (): string => join(repoRoot(), 'serverless.yml');

/** The dataset declarations (datasets/<folder>/dataset.yml). */
export const datasetsDir = (): string => join(repoRoot(), 'datasets');

/** The real Sparkify sample the repository ships (30 log files, 71 song files). */
export const sparkifySampleDir = (): string => join(repoRoot(), 'samples', 'sparkify');
