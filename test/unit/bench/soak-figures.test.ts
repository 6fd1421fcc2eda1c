import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soakLines } from '../../../bench/soak-figures';

const doc = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'soak-doc-')), 'soak.md');
  writeFileSync(path, text);
  return path;
};

test('copies the heading and the table of the 60 s run, nothing after the table', () => {
  const lines = soakLines(
    doc(
      '# Soak\n\nintro\n\n## 60 s run, today\n\n| figure | value |\n| --- | --- |\n| requests | 9 |\n\nBy kind: prose\n| not | this |\n',
    ),
  );
  expect(lines).toContain('| requests | 9 |');
  expect(lines).not.toContain('| not | this |');
  expect(lines.join('\n')).toContain('60 s run, today');
});

test('no run recorded: no section', () => {
  expect(soakLines(doc('# Soak\n\nno runs yet\n'))).toEqual([]);
  expect(soakLines('/nonexistent/soak.md')).toEqual([]);
});
