import { fragmentNames } from '../sql-render';
import type { DatasetProblem } from './problems';

/**
 * Checks the placeholders of a dataset's .sql file: each `{{name}}` must be one the pipeline
 * fills for that file, each `{{> name}}` a fragment of shared/sql/fragments. A name that does
 * not exist would otherwise fail only when the first batch runs.
 */
export function placeholderProblems(
  file: string,
  field: string,
  sql: string,
  allowed: ReadonlyArray<string>,
): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const lines = sql.split('\n');
  for (const [i, line] of lines.entries()) {
    for (const match of line.matchAll(/\{\{\s*(>)?\s*([^}\s]*)\s*\}\}/g)) {
      const [, include, name] = match;
      const column = (match.index ?? 0) + 1;
      if (include && !fragmentNames().includes(name)) {
        problems.push({ file, line: i + 1, column, field, message: `fragment {{> ${name}}} does not exist` });
      } else if (!include && !allowed.includes(name)) {
        problems.push({
          file,
          line: i + 1,
          column,
          field,
          message: `placeholder {{${name}}} does not exist here (available: ${allowed.map((a) => `{{${a}}}`).join(', ')})`,
        });
      }
    }
  }
  return problems;
}

/**
 * Our statement splitter cuts on ';' at the end of a line; a custom check is one SELECT placed
 * inside a subquery, so it may not hold a ';' at all (a trailing one is dropped).
 */
export function singleSelect(file: string, field: string, sql: string): { sql: string; problem?: DatasetProblem } {
  const body = sql.trim().replace(/;\s*$/, '');
  const at = body.indexOf(';');
  if (at >= 0) {
    const line = body.slice(0, at).split('\n').length;
    return {
      sql: body,
      problem: { file, line, field, message: 'a check is one SELECT returning the violating rows: no ";" inside' },
    };
  }
  if (!/^(--[^\n]*\n\s*)*(SELECT|WITH)\b/i.test(body)) {
    return {
      sql: body,
      problem: { file, line: 1, field, message: 'a check must be a SELECT returning the violating rows' },
    };
  }
  return { sql: body };
}

/** Replaces the build-time `[[name]]` tokens of a shared/sql template (values validated by the caller). */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template
    .replace(/^(\s*--[^\n]*\n)*/, '')
    .replace(/\[\[([a-z_]+)\]\]/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`template token [[${name}]] has no value`);
      return value;
    })
    .trim();
}
