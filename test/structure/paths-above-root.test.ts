/**
 * Structure check: nothing in the repository reads or names a path above its root. Every
 * tracked (or new, not ignored) source, test, benchmark, script and doc is scanned, except the
 * sample data (samples/), package-lock.json, and this check's own inputs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPathsAboveRoot, formatPathViolation, type RepoFile } from '../support/paths-above-root';
import { CHECK_FIXTURES, REPO_ROOT } from './rules';

const ROOT = REPO_ROOT;

/** This check's own files: they spell out the violations they look for. */
const CHECK_FILES = ['test/support/paths-above-root.ts', 'test/structure/paths-above-root.test.ts'];

function repositoryFiles(): { files: RepoFile[]; allPaths: string[] } {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((p) => p !== '' && existsSync(join(ROOT, p)) && statSync(join(ROOT, p)).isFile());
  const allPaths = [...new Set(listed)].sort();
  const scanned = allPaths.filter(
    (p) =>
      !p.startsWith('samples/') &&
      p !== 'package-lock.json' &&
      !p.startsWith(CHECK_FIXTURES) &&
      !CHECK_FILES.includes(p),
  );
  const files: RepoFile[] = [];
  for (const path of scanned) {
    const text = readFileSync(join(ROOT, path), 'utf8');
    if (!text.includes('\0')) files.push({ path, text });
  }
  return { files, allPaths };
}

describe('paths above the repository root', () => {
  it('are neither read nor named anywhere in the repository', () => {
    const { files, allPaths } = repositoryFiles();
    expect(files.some((f) => f.path === 'docs/architecture.md')).toBe(true);
    expect(findPathsAboveRoot(files, allPaths).map(formatPathViolation)).toEqual([]);
  });

  describe('the check itself', () => {
    const check = (files: RepoFile[], allPaths?: string[]) =>
      findPathsAboveRoot(files, allPaths).map((v) => [v.file, v.line, v.reference]);

    it('fails on relative imports and __dirname paths that climb above the root', () => {
      expect(
        check([
          { path: 'test/unit/a.test.ts', text: "import x from '../../../outside/x';\nimport y from '../../local/y';" },
          { path: 'bench/b.ts', text: "\nconst dir = resolve(__dirname, '../..', 'data');" },
          { path: 'bench/c.ts', text: "const dir = join(__dirname, '..', '..');" },
          { path: 'local/d.ts', text: "const dir = join(process.cwd(), '../elsewhere');" },
          { path: 'bin/e.js', text: "const f = require('../../e');" },
        ]),
      ).toEqual([
        ['test/unit/a.test.ts', 1, '../../../outside/x'],
        ['bench/b.ts', 2, '../../data'],
        ['bench/c.ts', 1, '../..'],
        ['local/d.ts', 1, '../elsewhere'],
        ['bin/e.js', 1, '../../e'],
      ]);
    });

    it('fails on Markdown links and prose paths above the root, and on the old product folder', () => {
      // Built from parts so that this file does not itself name the old locations.
      const fixtures = ['shared', 'fixtures'].join('/');
      const reference = ['shared', 'reference'].join('/');
      expect(
        check([
          { path: 'docs/guide.md', text: 'See [the brief](../../brief.md).\n\n`../shared/DESIGN.md` is the brief.' },
          { path: 'README.md', text: `Samples were in \`../${fixtures}/song_data\`.\nAnd ${reference}/x.csv.` },
          { path: 'test/unit/g.test.ts', text: `const SAMPLE = join(repoRoot(), '${fixtures}');` },
        ]),
      ).toEqual([
        ['docs/guide.md', 1, '../../brief.md'],
        ['docs/guide.md', 3, '../shared/DESIGN.md'],
        ['README.md', 1, `../${fixtures}/song_data`],
        ['README.md', 2, reference],
        ['test/unit/g.test.ts', 1, fixtures],
      ]);
    });

    it("passes on paths inside the clone, the repository's own shared/ folder, and keys with ..", () => {
      const fixtures = ['shared', 'fixtures'].join('/');
      expect(
        check(
          [
            { path: 'test/unit/a.test.ts', text: "import x from '../../shared/config';\nconst k = 'x/../y/./z';" },
            { path: 'bench/b.ts', text: "const dir = resolve(__dirname, '../samples/sparkify');" },
            { path: 'docs/guide.md', text: 'See [the README](../README.md) and `shared/config.ts`, `shared/sql/`.' },
            { path: 'local/paths.ts', text: "const up = join(__dirname, '..');" },
            { path: `${fixtures}/notes.md`, text: `The repository has its own ${fixtures} now.` },
          ],
          [`${fixtures}/notes.md`],
        ),
      ).toEqual([]);
    });
  });
});
