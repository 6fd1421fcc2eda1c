/**
 * Finds references in repository files that leave the clone: relative paths that climb above
 * the repository root, and mentions of locations that only ever existed beside the repository
 * (the old product folder `../shared/` with its fixtures, reference data and DESIGN.md).
 *
 * Purely lexical: works on (path, text) pairs, so it is tested on in-memory files.
 */
import { posix } from 'node:path';

export interface RepoFile {
  /** Repository-relative posix path. */
  path: string;
  text: string;
}

export interface PathViolation {
  file: string;
  line: number;
  reference: string;
  reason: string;
}

/**
 * Paths that existed beside the repository, never in it. A mention is an error unless the
 * repository itself has a file at or under that path (then the mention is about the repository).
 */
// Joined from parts so that the checker's own source does not read as a use of those paths.
export const OUTSIDE_LOCATIONS = [
  ['shared', 'fixtures'],
  ['shared', 'reference'],
  ['shared', 'DESIGN.md'],
].map((p) => p.join('/'));

const MARKDOWN = /\.(md|markdown)$/;

/** Where a relative path written in `file` is relative to, by kind of mention. */
type Base = 'file' | 'root';

/** True when `relative`, taken from `baseDir` (repository-relative, '' = root), leaves the root. */
export function escapesRoot(baseDir: string, relative: string): boolean {
  const joined = posix.normalize(posix.join(baseDir === '' ? '.' : baseDir, relative));
  return joined === '..' || joined.startsWith('../');
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Relative-path mentions of one file: [offset, path, base]. */
function relativeMentions(file: RepoFile): Array<{ offset: number; path: string; bases: Base[] }> {
  const out: Array<{ offset: number; path: string; bases: Base[] }> = [];
  const { text } = file;
  const markdown = MARKDOWN.test(file.path);
  const linkTargets = new Set<number>();
  if (markdown) {
    // [text](target) and [label]: target  -> relative to the Markdown file.
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$/gm)) {
      const target = m[1] ?? m[2];
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/')) continue;
      const offset = (m.index ?? 0) + m[0].indexOf(target);
      linkTargets.add(offset);
      out.push({ offset, path: target.split('#')[0], bases: ['file'] });
    }
  }
  // Any `../` chain not glued to a preceding path segment (so `x/../y` is not one).
  for (const m of text.matchAll(
    /(?<![\w./\\-])(?:\.\.\/)+(?:[\w.@$-][\w./@$-]*)?|(?<![\w./\\-])\.\.(?=['"`)\s]|$)/gm,
  )) {
    const offset = m.index ?? 0;
    if (linkTargets.has(offset)) continue;
    // Code: relative to the file (imports, __dirname). Prose in Markdown: a repository path is
    // written from the root, and a link was handled above; check both readings.
    out.push({ offset, path: m[0], bases: markdown ? ['root', 'file'] : ['file'] });
  }
  // path.join/resolve(__dirname, '..', '..') style: the string arguments together.
  for (const m of text.matchAll(
    /\b(?:resolve|join)\(\s*(__dirname|process\.cwd\(\)|repoRoot\(\))((?:\s*,\s*(['"`])[^'"`\n]*\3)+)/g,
  )) {
    const parts = [...m[2].matchAll(/(['"`])([^'"`\n]*)\1/g)].map((p) => p[2]);
    const joined = posix.join(...parts);
    out.push({ offset: m.index ?? 0, path: joined, bases: [m[1] === '__dirname' ? 'file' : 'root'] });
  }
  return out;
}

/** All references in `files` that leave the repository root. `allPaths`: every tracked path. */
export function findPathsAboveRoot(files: RepoFile[], allPaths: string[] = files.map((f) => f.path)): PathViolation[] {
  const violations: PathViolation[] = [];
  /** One violation per reference: on a line, a reference inside a longer one is the same mention. */
  const add = (v: PathViolation) => {
    const sameLine = violations.filter((o) => o.file === v.file && o.line === v.line);
    if (sameLine.some((o) => o.reference.includes(v.reference))) return;
    for (const o of sameLine) {
      if (v.reference.includes(o.reference)) violations.splice(violations.indexOf(o), 1);
    }
    violations.push(v);
  };
  const insideRepo = (location: string) => allPaths.some((p) => p === location || p.startsWith(`${location}/`));
  for (const file of files) {
    const dir = posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path);
    for (const mention of relativeMentions(file)) {
      for (const base of mention.bases) {
        if (escapesRoot(base === 'file' ? dir : '', mention.path)) {
          add({
            file: file.path,
            line: lineOf(file.text, mention.offset),
            reference: mention.path,
            reason: `climbs above the repository root (read from ${base === 'file' ? `${dir || '.'}/` : 'the root'})`,
          });
          break;
        }
      }
    }
    for (const location of OUTSIDE_LOCATIONS) {
      if (insideRepo(location)) continue;
      const pattern = new RegExp(
        `(?<![\\w-])(?:\\.\\./)*${location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`,
        'g',
      );
      for (const m of file.text.matchAll(pattern)) {
        add({
          file: file.path,
          line: lineOf(file.text, m.index ?? 0),
          reference: m[0],
          reason: `names ${location}, which lived beside the repository (not in it)`,
        });
      }
    }
  }
  return violations;
}

export function formatPathViolation(v: PathViolation): string {
  return `${v.file}:${v.line} '${v.reference}' ${v.reason}`;
}
