import { join } from 'node:path';
import { buildImportGraph, parseImports, readImportGraph, unresolvedImports } from '../support/import-graph';
import { repositoryGraph } from './rules';

describe('parseImports (the import graph reader)', () => {
  it('finds static, re-export, side-effect, dynamic, typeof-import and require imports with their lines', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import './side-effect';",
      "export * from './star';",
      "export type { T } from './types';",
      'import {',
      '  c,',
      "} from '../c';",
      "const d = await import('./d');",
      "type E = typeof import('./e');",
      "const f = require('./f');",
      "import g = require('./g');",
      "import sql from './q.sql';",
    ].join('\n');
    expect(parseImports(text).map((r) => [r.specifier, r.line, r.kind, r.typeOnly])).toEqual([
      ['./a', 1, 'import', false],
      ['./b', 2, 'import', true],
      ['./side-effect', 3, 'import', false],
      ['./star', 4, 'export', false],
      ['./types', 5, 'export', true],
      ['../c', 8, 'import', false],
      ['./d', 9, 'dynamic', false],
      ['./e', 10, 'dynamic', true],
      ['./f', 11, 'require', false],
      ['./g', 12, 'require', false],
      ['./q.sql', 13, 'import', false],
    ]);
  });

  it('ignores imports written in comments, strings, templates and regular expressions', () => {
    const text = [
      "// import { x } from '../local/x';",
      "/* export * from '../local/y'; */",
      'const s = "import z from \'../local/z\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template literal, on purpose
      "const t = `require('../local/t') ${'import(\\'../local/u\\')'}`;",
      "const r = /import v from '..\\/local\\/v'/;",
      'const fromValue = { from: 1 };',
      'export const value = fromValue.from;',
      "import { real } from './real';",
    ].join('\n');
    expect(parseImports(text).map((r) => r.specifier)).toEqual(['./real']);
  });

  it('finds imports inside template expressions and ignores member calls named require/import', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template literal, on purpose
    const text = ["const a = `${require('./inside')}`;", "loader.require('./not-an-import');"].join('\n');
    expect(parseImports(text).map((r) => r.specifier)).toEqual(['./inside']);
  });

  it('resolves relative specifiers to files: extensions, index.ts, .sql and .json as written', () => {
    const graph = readImportGraph(join(__dirname, '../fixtures/structure/tree'), ['handlers', 'shared']);
    expect(graph.get('handlers/run.ts')?.map((e) => e.target)).toEqual(['shared/index.ts']);
    expect(graph.get('shared/index.ts')?.map((e) => e.target)).toEqual(['shared/util.ts']);
    expect(graph.get('shared/util.ts')?.map((e) => e.target)).toEqual(['shared/query.sql', 'shared/settings.json']);
    // A target outside the folders read is still resolved (it exists on disk).
    expect(graph.get('shared/leak.ts')?.map((e) => e.target)).toEqual(['local/tool.ts']);
    // Packages have no target.
    expect(graph.get('shared/pipeline/step.ts')?.map((e) => [e.specifier, e.target])).toEqual([
      ['@aws-sdk/client-s3', undefined],
    ]);
  });

  it('keeps the intended path of a relative import that does not resolve', () => {
    const graph = buildImportGraph(new Map([['shared/a.ts', "import x from '../local/missing';"]]));
    expect(graph.get('shared/a.ts')).toEqual([
      expect.objectContaining({ target: undefined, targetPath: 'local/missing' }),
    ]);
  });

  it('every relative import of the repository resolves to a file (bin/ and test/support/ JavaScript too)', () => {
    expect(unresolvedImports(repositoryGraph())).toEqual([]);
  });

  it('reports a relative import that resolves to no file, with its line', () => {
    const graph = buildImportGraph(
      new Map([['bin/a.js', "const fs = require('node:fs');\nconst b = require('./gone');"]]),
    );
    expect(unresolvedImports(graph)).toEqual(["bin/a.js:2 imports './gone' (no such file)"]);
  });
});
