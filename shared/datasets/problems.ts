/**
 * What is wrong with a dataset declaration, located so that an editor can jump to it:
 * `datasets/orders/dataset.yml:12:5: checks[1].not_null.table: must match pattern ...`.
 */
export interface DatasetProblem {
  /** The file, as shown to the user (relative to the datasets folder's parent). */
  file: string;
  /** 1-based line and column, when known. */
  line?: number;
  column?: number;
  /** The field: a path into dataset.yml (`checks[1].not_null.table`), or what the message is about. */
  field: string;
  message: string;
}

export function formatProblem(p: DatasetProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  return `${where}: ${p.field}: ${p.message}`;
}

/** Declarations that cannot be compiled; the message lists every problem, one per line. */
export class DatasetConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<DatasetProblem>) {
    super(`invalid dataset declarations:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'DatasetConfigError';
  }
}

/** `checks[1].not_null.table` from a path of keys and indexes. */
export function fieldName(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(document)';
}
