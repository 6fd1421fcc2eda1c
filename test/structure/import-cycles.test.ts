/**
 * Structure check: no import cycles anywhere in the tree (type-only imports count).
 * The failure prints each cycle's files in import order, with the line of each import.
 */
import { join } from 'node:path';
import { buildImportGraph, findCycles, formatCycle, type ImportGraph, readImportGraph } from '../support/import-graph';
import { repositoryGraph } from './rules';

const cyclesOf = (graph: ImportGraph): string[] => findCycles(graph).map((c) => formatCycle(graph, c));

describe('import cycles', () => {
  it('there are none in the repository', () => {
    const graph = repositoryGraph();
    expect(graph.has('local/stack.ts')).toBe(true);
    expect(cyclesOf(graph)).toEqual([]);
  });

  describe('the check itself', () => {
    it('fails on a fixture tree with a cycle through a type-only import, printing the files in order', () => {
      const graph = readImportGraph(join(__dirname, '../fixtures/structure/tree'), [
        'handlers',
        'shared',
        'local',
        'bench',
      ]);
      expect(cyclesOf(graph)).toEqual(['local/first.ts:2 -> local/second.ts:1 -> local/third.ts:1 -> local/first.ts']);
    });

    it('reports every separate cycle once, a file importing itself included', () => {
      const graph = buildImportGraph(
        new Map([
          ['a.ts', "import './b';"],
          ['b.ts', "import './a';\nimport './c';"],
          ['c.ts', "export * from './d';"],
          ['d.ts', "const e = require('./e');"],
          ['e.ts', "type D = typeof import('./d');"],
          ['self.ts', "import { x } from './self';"],
          ['leaf.ts', "import './a';"],
        ]),
      );
      expect(findCycles(graph)).toEqual([
        ['a.ts', 'b.ts', 'a.ts'],
        ['d.ts', 'e.ts', 'd.ts'],
        ['self.ts', 'self.ts'],
      ]);
    });

    it('prints the shortest way round a larger component', () => {
      const graph = buildImportGraph(
        new Map([
          ['a.ts', "import './b';\nimport './c';"],
          ['b.ts', "import './c';"],
          ['c.ts', "import './d';"],
          ['d.ts', "import './a';\nimport './b';"],
        ]),
      );
      expect(findCycles(graph)).toEqual([['a.ts', 'c.ts', 'd.ts', 'a.ts']]);
    });

    it('passes on an acyclic graph (shared targets are not cycles)', () => {
      const graph = buildImportGraph(
        new Map([
          ['a.ts', "import './b';\nimport './c';"],
          ['b.ts', "import './d';"],
          ['c.ts', "import './d';"],
          ['d.ts', "import 'node:fs';"],
        ]),
      );
      expect(findCycles(graph)).toEqual([]);
    });
  });
});
