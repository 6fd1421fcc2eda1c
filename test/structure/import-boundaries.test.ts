/**
 * Structure check: the import boundaries of BOUNDARY_RULES hold over the whole repository.
 * The failure names the importing file, the line and the rule.
 */
import { join } from 'node:path';
import {
  buildImportGraph,
  checkBoundaries,
  formatBoundaryViolation,
  type ImportGraph,
  readImportGraph,
} from '../support/import-graph';
import { BOUNDARY_RULES, repositoryGraph } from './rules';

function violations(graph: ImportGraph): string[] {
  return checkBoundaries(graph, BOUNDARY_RULES).map(formatBoundaryViolation);
}

describe('import boundaries', () => {
  it('hold in the repository', () => {
    const graph = repositoryGraph();
    expect(graph.has('shared/config.ts')).toBe(true);
    expect(violations(graph)).toEqual([]);
  });

  describe('the check itself', () => {
    it('fails on a fixture tree with forbidden imports, naming file, line and rule', () => {
      const graph = readImportGraph(join(__dirname, '../fixtures/structure/tree'), [
        'handlers',
        'shared',
        'local',
        'bench',
      ]);
      expect(violations(graph)).toEqual([
        `shared/leak.ts:2 imports '../local/tool', breaking the rule: ${BOUNDARY_RULES[0].name}`,
        `shared/pipeline/step.ts:2 imports '@aws-sdk/client-s3', breaking the rule: ${BOUNDARY_RULES[1].name}`,
      ]);
    });

    it('fails on each forbidden kind of import, type-only and unresolved ones included', () => {
      const graph = buildImportGraph(
        new Map([
          ['handlers/h.ts', "import { x } from '../test/support/x';"],
          ['shared/a.ts', "\n\nexport type { B } from '../bench/b';"],
          ['shared/b.ts', "const s = require('../bin/build.js');"],
          ['shared/pipeline/p.ts', "type C = typeof import('@aws-sdk/client-sfn');"],
          ['shared/pipeline/q.ts', "import { s3 } from '../clients';\nimport { w } from '../aws/s3-storage';"],
        ]),
      );
      expect(checkBoundaries(graph, BOUNDARY_RULES).map((v) => [v.file, v.line, v.rule])).toEqual([
        ['handlers/h.ts', 1, BOUNDARY_RULES[0].name],
        ['shared/a.ts', 3, BOUNDARY_RULES[0].name],
        ['shared/b.ts', 1, BOUNDARY_RULES[0].name],
        ['shared/pipeline/p.ts', 1, BOUNDARY_RULES[1].name],
        ['shared/pipeline/q.ts', 1, BOUNDARY_RULES[2].name],
        ['shared/pipeline/q.ts', 2, BOUNDARY_RULES[2].name],
      ]);
    });

    it('passes on a clean tree: shared/ uses shared/, the SDK outside shared/pipeline/, local/ imports shared/', () => {
      const graph = buildImportGraph(
        new Map([
          ['handlers/h.ts', "import { run } from '../shared/pipeline/run';"],
          ['shared/pipeline/run.ts', "import type { Port } from '../ports';\nimport sql from '../sql/x.sql';"],
          ['shared/ports.ts', 'export interface Port {}'],
          ['shared/clients.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
          ['shared/aws/s3.ts', "import { GetObjectCommand } from '@aws-sdk/client-s3';"],
          ['local/stack.ts', "import { config } from '../shared/config';"],
          ['test/unit/x.test.ts', "import { stack } from '../../local/stack';"],
        ]),
      );
      expect(violations(graph)).toEqual([]);
    });
  });
});
