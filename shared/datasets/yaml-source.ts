import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type DatasetProblem, fieldName } from './problems';

/**
 * A parsed dataset.yml that still knows where each value was written, so a problem found in the
 * plain JS value (by the JSON Schema or by the compiler) is reported at its line and column.
 */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Problems of the YAML syntax itself. */
  syntaxProblems: DatasetProblem[];
  /** A problem at `path` (for `key: true`, at the key rather than its value). */
  problemAt(path: ReadonlyArray<string | number>, message: string, key?: boolean): DatasetProblem;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntaxProblems = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, field: '(syntax)', message: e.message.split('\n')[0] };
  });

  /** The deepest node on `path` (a missing key stops at its parent map). */
  const locate = (path: ReadonlyArray<string | number>, key: boolean): Node | undefined => {
    let node: unknown = doc.contents;
    let found: Node | undefined = doc.contents ?? undefined;
    for (const [i, part] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === part);
        if (!pair) break;
        const last = i === path.length - 1;
        found = (last && key ? pair.key : (pair.value ?? pair.key)) as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
        found = node.items[part] as Node;
        node = found;
      } else break;
    }
    return found;
  };

  return {
    file,
    value: syntaxProblems.length > 0 ? undefined : doc.toJS(),
    syntaxProblems,
    problemAt(path, message, key = false) {
      const offset = locate(path, key)?.range?.[0];
      const pos = offset === undefined ? undefined : lines.linePos(offset);
      return { file, line: pos?.line, column: pos?.col, field: fieldName(path), message };
    },
  };
}
