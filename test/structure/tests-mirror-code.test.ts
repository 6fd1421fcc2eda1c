/**
 * Structure check: unit tests mirror the code. Every folder of test/unit that holds files is
 * named after the source folder it tests (test/unit/local/queue -> local/queue).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { REPO_ROOT } from './rules';

const UNIT = 'test/unit/';

/** The test/unit folders (holding files) with no source folder of the same path. */
function unmirroredUnitFolders(files: string[], isSourceFolder: (path: string) => boolean): string[] {
  const folders = new Set(files.filter((f) => f.startsWith(UNIT)).map((f) => posix.dirname(f.slice(UNIT.length))));
  return [...folders].filter((folder) => folder === '.' || !isSourceFolder(folder)).sort();
}

describe('unit tests mirror the code', () => {
  it('every test/unit folder is a source folder', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', UNIT], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => f !== '' && existsSync(join(REPO_ROOT, f)));
    expect(files.length).toBeGreaterThan(0);
    const isSourceFolder = (p: string) => existsSync(join(REPO_ROOT, p)) && statSync(join(REPO_ROOT, p)).isDirectory();
    expect(unmirroredUnitFolders(files, isSourceFolder).map((f) => `${UNIT}${f}/ has no source folder ${f}/`)).toEqual(
      [],
    );
  });

  describe('the check itself', () => {
    const sources = new Set(['local', 'local/queue', 'shared', 'shared/pipeline']);
    it('fails on a test folder named after no source folder, and on tests at the top of test/unit', () => {
      expect(
        unmirroredUnitFolders(
          ['test/unit/queue/local-queue.test.ts', 'test/unit/loose.test.ts', 'test/unit/local/queue/a.test.ts'],
          (p) => sources.has(p),
        ),
      ).toEqual(['.', 'queue']);
    });

    it('passes when every folder mirrors a source folder', () => {
      expect(
        unmirroredUnitFolders(
          [
            'test/unit/local/queue/local-queue.test.ts',
            'test/unit/shared/pipeline/x.test.ts',
            'test/integration/s3/y.ts',
          ],
          (p) => sources.has(p),
        ),
      ).toEqual([]);
    });
  });
});
