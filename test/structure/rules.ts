import { join } from 'node:path';
import { type BoundaryRule, type ImportGraph, readImportGraph } from '../support/import-graph';

export const REPO_ROOT = join(__dirname, '../..');

/** The folders whose sources make up the import graph the checks read. */
export const SOURCE_FOLDERS = ['handlers', 'shared', 'local', 'bench', 'bin', 'test'];

/** Files that are inputs of the checks' own tests (they break the rules on purpose). */
export const CHECK_FIXTURES = 'test/fixtures/structure/';

/**
 * The import boundaries. The Lambda code (handlers/, shared/) is bundled and deployed, so it
 * never reaches into the local stack, the benchmarks, the scripts or the tests. The pipeline
 * (shared/pipeline/) talks to AWS only through the ports in shared/ports.ts: the AWS SDK is
 * imported by the adapters in shared/aws/ and by the client factory shared/clients.ts (and
 * shared/wiring.ts puts them together), never by the pipeline.
 */
export const BOUNDARY_RULES: BoundaryRule[] = [
  {
    name: 'handlers/ and shared/ never import local/, bench/, bin/ or test/',
    from: ['handlers/', 'shared/'],
    forbidFolders: ['local/', 'bench/', 'bin/', 'test/'],
  },
  {
    name: 'shared/pipeline/ never imports the AWS SDK (@aws-sdk/*); only shared/aws/ and shared/clients.ts do',
    from: ['shared/pipeline/'],
    forbidPackages: ['@aws-sdk/'],
  },
  {
    name: 'shared/pipeline/ reaches AWS only through shared/ports.ts: never imports shared/aws/, shared/clients.ts or shared/wiring.ts',
    from: ['shared/pipeline/'],
    forbidFolders: ['shared/aws/', 'shared/clients.ts', 'shared/wiring.ts'],
  },
];

/** The import graph of the repository's sources, without the checks' own fixtures. */
export function repositoryGraph(): ImportGraph {
  const graph = readImportGraph(REPO_ROOT, SOURCE_FOLDERS);
  for (const file of graph.keys()) if (file.startsWith(CHECK_FIXTURES)) graph.delete(file);
  return graph;
}
