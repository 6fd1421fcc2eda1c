/**
 * The deployment's identities, loaded once: reading serverless.yml resolves its
 * `${file(bin/*.js)}` variables (an esbuild compile of the dataset declarations inside
 * `bin/datasets-config.js`), 0.6-2 s per load, and tests start many stacks. Cached per process
 * and on disk under `node_modules/.cache`, keyed by a hash of serverless.yml, every input it
 * reads (bin/, statemachine/, the datasets folder) and the parameters, so a changed template or
 * dataset is read again and an unchanged one costs a file read.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { DeployedIdentities } from './iam';
import { identitiesFromPackagedTemplate, identitiesFromServerless } from './iam';

/** Where the identities come from and with which parameters. */
export interface IdentitySource {
  /** serverless.yml, or a packaged CloudFormation template (`.json`). */
  path: string;
  params: Record<string, string>;
  /** serverless CLI options for its JS file variables (`datasets`: the folder the stack loads). */
  cliOptions?: Record<string, string>;
  /** Folders whose files serverless.yml reads (hashed into the disk cache key). */
  inputs: string[];
  /** Packaged templates: the stack name that prefixes function names. */
  stackName?: string;
}

const memory = new Map<string, Promise<DeployedIdentities>>();

function hashFiles(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) hashFiles(hash, path);
    } else if (entry.isFile() && statSync(path).size < 4 * 1024 * 1024) {
      hash.update(`${path}\n`).update(readFileSync(path));
    }
  }
}

/** The cache key: the definition, its inputs, the parameters. */
export function identitySourceKey(source: IdentitySource): string {
  const hash = createHash('sha256');
  hash.update(
    `${source.path}\n${JSON.stringify(source.params)}\n${JSON.stringify(source.cliOptions ?? {})}\n${source.stackName ?? ''}\n`,
  );
  hash.update(readFileSync(source.path));
  for (const dir of source.inputs) hashFiles(hash, dir);
  return hash.digest('hex').slice(0, 32);
}

type Serialized = Omit<DeployedIdentities, 'roles' | 'functions' | 'stateMachines'> & {
  roles: [string, unknown][];
  functions: [string, unknown][];
  stateMachines: [string, unknown][];
};

function serialize(ids: DeployedIdentities): string {
  return JSON.stringify({
    ...ids,
    roles: [...ids.roles],
    functions: [...ids.functions],
    stateMachines: [...ids.stateMachines],
  });
}

function deserialize(text: string): DeployedIdentities {
  const raw = JSON.parse(text) as Serialized;
  return {
    ...raw,
    roles: new Map(raw.roles),
    functions: new Map(raw.functions),
    stateMachines: new Map(raw.stateMachines),
  } as DeployedIdentities;
}

function load(source: IdentitySource): Promise<DeployedIdentities> {
  if (extname(source.path) === '.json') {
    return Promise.resolve(
      identitiesFromPackagedTemplate(source.path, { stackName: source.stackName ?? 'redshift-ingest-dev' }),
    );
  }
  return identitiesFromServerless(source.path, { params: source.params, cliOptions: source.cliOptions });
}

/** The identities of `source`, from memory, the disk cache (`cacheDir`), or a fresh load. */
export function cachedIdentities(source: IdentitySource, cacheDir?: string): Promise<DeployedIdentities> {
  const key = identitySourceKey(source);
  let found = memory.get(key);
  if (!found) {
    found = (async () => {
      const file = cacheDir ? join(cacheDir, `identities-${key}.json`) : undefined;
      if (file && existsSync(file)) return deserialize(readFileSync(file, 'utf8'));
      const ids = await load(source);
      if (file) {
        // Written then renamed: concurrent test workers never read half a file.
        mkdirSync(dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, serialize(ids));
        renameSync(temp, file);
      }
      return ids;
    })();
    // A failed load is not cached: the next start reports it again.
    found.catch(() => memory.delete(key));
    memory.set(key, found);
  }
  return found;
}
