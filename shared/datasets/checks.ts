import acceptedValuesSql from '../sql/checks/accepted_values.sql';
import notNullSql from '../sql/checks/not_null.sql';
import recordSql from '../sql/checks/record.sql';
import relationshipsSql from '../sql/checks/relationships.sql';
import uniqueSql from '../sql/checks/unique.sql';
import { quoteLiteral } from '../sql-render';
import type { DatasetProblem } from './problems';
import { fillTemplate, placeholderProblems, singleSelect } from './sql-files';
import type { YamlSource } from './yaml-source';

/**
 * Quality checks declared the way dbt declares tests, rendered to one INSERT into
 * ingest.quality_results that runs in the transform's transaction. Every test is scoped to the
 * rows of the batch (`batch_rows`): a scan of the whole table would grow with the warehouse.
 */

type Value = string | number | boolean;

export interface CheckDeclaration {
  name?: string;
  batch_rows?: { key: string; from?: string; column?: string };
  not_null?: { table: string; column: string };
  unique?: { table: string; column: string };
  accepted_values?: { table: string; column: string; values: Value[] };
  relationships?: { table: string; column: string; to: string; field: string };
  sql?: string;
}

const TESTS = ['not_null', 'unique', 'accepted_values', 'relationships', 'sql'] as const;
const TEMPLATES = {
  not_null: notNullSql,
  unique: uniqueSql,
  accepted_values: acceptedValuesSql,
  relationships: relationshipsSql,
};

export interface RenderedChecks {
  sql: string;
  names: string[];
  problems: DatasetProblem[];
}

const literal = (v: Value): string => (typeof v === 'string' ? quoteLiteral(v) : String(v));

/**
 * `readFile(name)` returns a file of the dataset's folder (undefined when missing) and its
 * display path, for custom SQL checks.
 */
export function renderChecks(
  checks: ReadonlyArray<CheckDeclaration>,
  source: YamlSource,
  readFile: (name: string) => { text?: string; display: string },
): RenderedChecks {
  const problems: DatasetProblem[] = [];
  const names: string[] = [];
  const selects: string[] = [];
  for (const [i, check] of checks.entries()) {
    const at = (field: string | undefined, message: string) =>
      problems.push(source.problemAt(field ? ['checks', i, field] : ['checks', i], message));
    const tests = TESTS.filter((t) => check[t] !== undefined);
    if (tests.length !== 1) {
      at(undefined, `a check declares exactly one of ${TESTS.join(', ')} (found ${tests.join(', ') || 'none'})`);
      continue;
    }
    const [test] = tests;
    let select: string;
    let name: string;
    if (test === 'sql') {
      if (!check.name) {
        at('name', 'a custom SQL check needs a name');
        continue;
      }
      name = check.name;
      const file = readFile(check.sql ?? '');
      if (file.text === undefined) {
        at('sql', `file ${file.display} does not exist`);
        continue;
      }
      const one = singleSelect(file.display, `checks[${i}].sql`, file.text);
      problems.push(...(one.problem ? [one.problem] : []));
      problems.push(...placeholderProblems(file.display, `checks[${i}].sql`, one.sql, ['staging', 'batch_literal']));
      select = one.sql;
    } else {
      const decl = check[test] as { table: string; column: string; values?: Value[]; to?: string; field?: string };
      name = check.name ?? `${test}_${decl.table.replace('.', '_')}_${decl.column}`;
      if (!check.batch_rows) {
        at('batch_rows', `a ${test} check needs batch_rows: which rows of ${decl.table} this batch wrote`);
        continue;
      }
      select = fillTemplate(TEMPLATES[test], {
        table: decl.table,
        column: decl.column,
        key: check.batch_rows.key,
        from: check.batch_rows.from ?? '{{staging}}',
        from_column: check.batch_rows.column ?? check.batch_rows.key,
        values: (decl.values ?? []).map(literal).join(', '),
        to: decl.to ?? '',
        field: decl.field ?? '',
      });
    }
    if (names.includes(name)) {
      at('name', `check name '${name}' is used twice`);
      continue;
    }
    names.push(name);
    selects.push(`SELECT ${quoteLiteral(name)} AS check_name, COUNT(*) AS violations FROM (\n${select}\n) v`);
  }
  const sql = selects.length > 0 ? fillTemplate(recordSql, { checks: selects.join('\nUNION ALL\n') }) : '';
  return { sql, names, problems };
}
