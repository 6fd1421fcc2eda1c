/**
 * The import graph of the repository's TypeScript/JavaScript sources, read without a compiler:
 * static `import … from '…'`, `import '…'`, `export … from '…'`, `import('…')` (also in
 * `typeof import('…')`) and `require('…')`. Type-only imports count as edges. Relative
 * specifiers are resolved to files (extensions, `index.ts`, `.sql`/`.json` as written).
 *
 * Used by the structure checks in test/structure/ (import boundaries, no cycles).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface ImportRef {
  /** The specifier as written. */
  specifier: string;
  /** 1-based line of the specifier. */
  line: number;
  kind: 'import' | 'export' | 'dynamic' | 'require';
  typeOnly: boolean;
}

export interface ImportEdge extends ImportRef {
  /** Repository-relative posix path of the resolved file; undefined for packages and unresolved paths. */
  target?: string;
  /** For a relative specifier: the repository-relative path it points at, resolved or not. */
  targetPath?: string;
}

/** File (repository-relative, posix) -> its imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.cjs', '.mjs'];
const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage']);

// ---------------------------------------------------------------------------------------------
// Tokenizer: just enough JavaScript/TypeScript lexing to tell code from strings, templates,
// comments and regular expressions, so that an import written inside a string is not an import.

interface Token {
  type: 'word' | 'string' | 'punct' | 'template' | 'regex' | 'number';
  value: string;
  line: number;
}

const REGEX_AFTER_WORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  // Brace depth at which each open template expression (`${`) resumes its template.
  const templateResume: number[] = [];
  let braceDepth = 0;

  const regexAllowed = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.type === 'word') return REGEX_AFTER_WORDS.has(prev.value);
    if (prev.type === 'punct') return !(prev.value === ')' || prev.value === ']' || prev.value === '}');
    return false;
  };

  /** Scans template text from i (just after ` or }) up to the closing ` or the next `${`. */
  const scanTemplate = (startLine: number): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        if (text[i + 1] === '\n') line += 1;
        i += 2;
      } else if (c === '`') {
        i += 1;
        tokens.push({ type: 'template', value: '`', line: startLine });
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        i += 2;
        tokens.push({ type: 'punct', value: '${', line });
        templateResume.push(braceDepth);
        braceDepth += 1;
        return;
      } else {
        if (c === '\n') line += 1;
        i += 1;
      }
    }
  };

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\n') {
      line += 1;
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
    } else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (let j = i; j < stop; j++) if (text[j] === '\n') line += 1;
      i = stop;
    } else if (c === "'" || c === '"') {
      const startLine = line;
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text[i + 1] ?? '';
          i += 2;
        } else {
          value += text[i];
          i += 1;
        }
      }
      i += 1;
      tokens.push({ type: 'string', value, line: startLine });
    } else if (c === '`') {
      i += 1;
      scanTemplate(line);
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i += 1;
      while (i < text.length && text[i] !== '\n') {
        const r = text[i];
        if (r === '\\') i += 1;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i += 1;
      }
      i += 1;
      while (i < text.length && /[a-z]/i.test(text[i])) i += 1;
      tokens.push({ type: 'regex', value: '/', line });
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w$]/.test(text[j])) j += 1;
      tokens.push({ type: 'word', value: text.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w.]/.test(text[j])) j += 1;
      tokens.push({ type: 'number', value: text.slice(i, j), line });
      i = j;
    } else if (c === '{') {
      braceDepth += 1;
      tokens.push({ type: 'punct', value: c, line });
      i += 1;
    } else if (c === '}') {
      braceDepth -= 1;
      i += 1;
      if (templateResume.length > 0 && templateResume[templateResume.length - 1] === braceDepth) {
        templateResume.pop();
        scanTemplate(line);
      } else {
        tokens.push({ type: 'punct', value: c, line });
      }
    } else if (c === '.' && next === '.' && text[i + 2] === '.') {
      tokens.push({ type: 'punct', value: '...', line });
      i += 3;
    } else {
      tokens.push({ type: 'punct', value: c, line });
      i += 1;
    }
  }
  return tokens;
}

/** The imports of one source text, in order of appearance. */
export function parseImports(text: string): ImportRef[] {
  const tokens = tokenize(text);
  const refs: ImportRef[] = [];
  const at = (k: number): Token | undefined => tokens[k];
  const isPunct = (k: number, value: string) => at(k)?.type === 'punct' && at(k)?.value === value;
  const isWord = (k: number, value: string) => at(k)?.type === 'word' && at(k)?.value === value;

  /** From k, the `from '…'` that ends a static import/export clause (stops at `;` or a keyword). */
  const findFrom = (k: number): number | undefined => {
    for (let j = k; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.type === 'punct' && (t.value === ';' || t.value === '(' || t.value === '=')) return undefined;
      if (t.type === 'string' || t.type === 'template') return undefined;
      if (t.type === 'word' && t.value === 'from' && at(j + 1)?.type === 'string') return j + 1;
    }
    return undefined;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== 'word') continue;
    const member = isPunct(k - 1, '.') || isPunct(k - 1, '?.');
    if (member) continue;
    if (t.value === 'import') {
      if (isPunct(k + 1, '(') && at(k + 2)?.type === 'string') {
        const s = tokens[k + 2];
        refs.push({ specifier: s.value, line: s.line, kind: 'dynamic', typeOnly: isWord(k - 1, 'typeof') });
        continue;
      }
      if (at(k + 1)?.type === 'string') {
        const s = tokens[k + 1];
        refs.push({ specifier: s.value, line: s.line, kind: 'import', typeOnly: false });
        continue;
      }
      if (isPunct(k + 1, '.')) continue; // import.meta
      const typeOnly = isWord(k + 1, 'type') && !isWord(k + 2, 'from') && !isPunct(k + 2, ',');
      const s = findFrom(k + 1);
      if (s !== undefined) {
        refs.push({ specifier: tokens[s].value, line: tokens[s].line, kind: 'import', typeOnly });
        k = s;
      }
    } else if (t.value === 'export') {
      const typeOnly = isWord(k + 1, 'type');
      const first = typeOnly ? k + 2 : k + 1;
      if (!(isPunct(first, '*') || isPunct(first, '{'))) continue;
      const s = findFrom(first);
      if (s !== undefined) {
        refs.push({ specifier: tokens[s].value, line: tokens[s].line, kind: 'export', typeOnly });
        k = s;
      }
    } else if (t.value === 'require' && isPunct(k + 1, '(') && at(k + 2)?.type === 'string' && isPunct(k + 3, ')')) {
      const s = tokens[k + 2];
      refs.push({ specifier: s.value, line: s.line, kind: 'require', typeOnly: false });
    }
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------
// Resolution and the graph.

export function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * Resolves a relative specifier of `from` (both repository-relative) against the set of files
 * that exist; returns the file, or undefined.
 */
export function resolveRelative(
  from: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [
    base,
    ...RESOLVE_EXTENSIONS.map((e) => base + e),
    ...RESOLVE_EXTENSIONS.map((e) => `${base}/index${e}`),
  ];
  // ESM-style `./x.js` written for `./x.ts`.
  if (/\.(c|m)?js$/.test(base)) candidates.push(base.replace(/\.(c|m)?js$/, '.ts'));
  return candidates.find((c) => !c.startsWith('../') && exists(c));
}

/** Builds the graph of the given sources: path (repository-relative, posix) -> text. */
export function buildImportGraph(sources: Map<string, string>, exists?: (path: string) => boolean): ImportGraph {
  const fileExists = exists ?? ((p: string) => sources.has(p));
  const graph: ImportGraph = new Map();
  for (const [file, text] of sources) {
    const edges = parseImports(text).map((ref): ImportEdge => {
      if (!isRelative(ref.specifier)) return ref;
      const targetPath = posix.normalize(posix.join(posix.dirname(file), ref.specifier));
      return { ...ref, targetPath, target: resolveRelative(file, ref.specifier, fileExists) };
    });
    graph.set(file, edges);
  }
  return graph;
}

/** Source files (by extension) under the given top-level folders of root, repository-relative. */
export function listSourceFiles(root: string, folders: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (!statSync(abs).isDirectory()) {
      if (SOURCE_EXTENSIONS.some((e) => rel.endsWith(e)) && !rel.endsWith('.d.ts')) out.push(rel);
      return;
    }
    for (const name of readdirSync(abs).sort()) {
      if (SKIPPED_DIRS.has(name)) continue;
      walk(rel === '' ? name : `${rel}/${name}`);
    }
  };
  for (const folder of folders) walk(folder);
  return out;
}

/** The import graph of the source files under `folders` of `root`. */
export function readImportGraph(root: string, folders: string[]): ImportGraph {
  const sources = new Map<string, string>();
  for (const file of listSourceFiles(root, folders)) sources.set(file, readFileSync(join(root, file), 'utf8'));
  const exists = (p: string) => {
    if (sources.has(p)) return true;
    const abs = join(root, p);
    return existsSync(abs) && statSync(abs).isFile();
  };
  return buildImportGraph(sources, exists);
}

// ---------------------------------------------------------------------------------------------
// Checks.

export interface BoundaryRule {
  name: string;
  /** The rule applies to files under these folders (repository-relative, ending in `/`). */
  from: string[];
  /** Resolved (or intended) targets under these folders are forbidden. */
  forbidFolders?: string[];
  /** Package specifiers starting with one of these are forbidden. */
  forbidPackages?: string[];
}

export interface BoundaryViolation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** True when the edge's file (or, unresolved, the path it names) is `folder` or under it. */
function pointsInto(edge: ImportEdge, folder: string): boolean {
  if (edge.target !== undefined) return edge.target.startsWith(folder);
  if (edge.targetPath === undefined) return false;
  const path = edge.targetPath;
  return [path, `${path}/`, ...RESOLVE_EXTENSIONS.map((e) => path + e)].some((p) => p.startsWith(folder));
}

export function checkBoundaries(graph: ImportGraph, rules: BoundaryRule[]): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  for (const [file, edges] of graph) {
    for (const rule of rules) {
      if (!rule.from.some((f) => file.startsWith(f))) continue;
      for (const edge of edges) {
        const folderHit = (rule.forbidFolders ?? []).some((f) => pointsInto(edge, f));
        const packageHit =
          !isRelative(edge.specifier) && (rule.forbidPackages ?? []).some((p) => edge.specifier.startsWith(p));
        if (folderHit || packageHit)
          violations.push({ file, line: edge.line, specifier: edge.specifier, rule: rule.name });
      }
    }
  }
  return violations;
}

export function formatBoundaryViolation(v: BoundaryViolation): string {
  return `${v.file}:${v.line} imports '${v.specifier}', breaking the rule: ${v.rule}`;
}

/** Relative imports that resolve to no file: `file:line imports 'specifier' (no such file)`. */
export function unresolvedImports(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, edges] of graph) {
    for (const e of edges) {
      if (e.targetPath !== undefined && e.target === undefined)
        out.push(`${file}:${e.line} imports '${e.specifier}' (no such file)`);
    }
  }
  return out;
}

/**
 * The import cycles of the graph: one cycle per strongly connected component with more than one
 * file (or a file importing itself), each as its files in import order, the first file repeated
 * at the end (`a -> b -> c -> a`).
 */
export function findCycles(graph: ImportGraph): string[][] {
  const successors = (file: string): string[] => [
    ...new Set((graph.get(file) ?? []).flatMap((e) => (e.target && graph.has(e.target) ? [e.target] : []))),
  ];
  // Tarjan's strongly connected components (iterative: deep graphs must not overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number; succ: string[] }> = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: 0, succ: successors(node) });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next];
        frame.next += 1;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(w) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          component.push(w);
          if (w === frame.node) break;
        }
        components.push(component);
      }
    }
  }

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort()[0];
    if (component.length === 1 && !successors(start).includes(start)) continue;
    // Shortest path from start back to start inside the component (breadth first).
    const previous = new Map<string, string>();
    const queue = [start];
    let found = false;
    for (let q = 0; q < queue.length && !found; q++) {
      const node = queue[q];
      for (const w of successors(node)) {
        if (!members.has(w)) continue;
        if (w === start) {
          previous.set(start, node);
          found = true;
          break;
        }
        if (!previous.has(w)) {
          previous.set(w, node);
          queue.push(w);
        }
      }
    }
    const path = [start];
    let node = previous.get(start);
    while (node !== undefined && node !== start) {
      path.unshift(node);
      node = previous.get(node);
    }
    path.unshift(start);
    cycles.push(path);
  }
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** `a -> b -> a`, with the line of each import: `a:3 -> b:7 -> a`. */
export function formatCycle(graph: ImportGraph, cycle: string[]): string {
  return cycle
    .map((file, k) => {
      const next = cycle[k + 1];
      if (next === undefined) return file;
      const edge = (graph.get(file) ?? []).find((e) => e.target === next);
      return edge ? `${file}:${edge.line}` : file;
    })
    .join(' -> ');
}
