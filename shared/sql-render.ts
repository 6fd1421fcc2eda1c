import { isBatchId, isStagingTable } from './batch-id';
import { isDatasetName } from './datasets';
import { COPY_OPTION_ALTERNATION } from './datasets/copy-options';
import { SqlRenderError } from './errors';
import bestSongMatchSql from './sql/fragments/best_song_match.sql';

/**
 * Renders the project's .sql templates.
 *
 * - `{{> name}}` includes a fragment of shared/sql/fragments (SQL written once, used by several
 *   templates); its leading comment is dropped.
 * - `{{name}}` is a placeholder; a value is accepted only if its name is on the allow-list below
 *   and the value has that placeholder's shape, so nothing from an event (least of all an S3
 *   key) can reach SQL text. Ids and table names are checked by their owner (batch-id.ts).
 */

const FRAGMENTS: Readonly<Record<string, string>> = { best_song_match: bestSongMatchSql };

/** The fragments a template may include (`{{> name}}`). */
export function fragmentNames(): string[] {
  return Object.keys(FRAGMENTS);
}

const S3_URL = "'s3:\\/\\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\/[A-Za-z0-9_./-]{1,512}'";
/** The COPY options a dataset may declare (shared/datasets/copy-options.ts) and compression keywords. */
const COPY_OPTION = COPY_OPTION_ALTERNATION;
/** One character of a CSV quote or a delimiter: no quote, no backslash. */
const CHAR = "'[^'\\\\]'";

type Shape = (value: string) => boolean;
const pattern =
  (re: RegExp): Shape =>
  (value) =>
    re.test(value);
/** A quoted literal (no quote inside) whose content passes `test`. */
const literal =
  (test: (content: string) => boolean): Shape =>
  (value) =>
    /^'[^']*'$/.test(value) && test(value.slice(1, -1));

const SHAPES = {
  /** The staging tables of a batch (data or file list), schema-qualified. */
  staging: isStagingTable,
  files: isStagingTable,
  /** Quoted literals of validated ids. */
  dataset_literal: literal(isDatasetName),
  batch_literal: literal(isBatchId),
  /** s3:// URLs of objects we wrote (manifests, files lists, JSONPaths). */
  manifest_url: pattern(new RegExp(`^${S3_URL}$`)),
  files_url: pattern(new RegExp(`^${S3_URL}$`)),
  /** The data format clause of COPY: JSON, CSV, delimited text or Parquet. */
  format: pattern(
    new RegExp(
      `^(?:FORMAT AS JSON (?:'auto'|'auto ignorecase'|${S3_URL})|FORMAT AS CSV(?: QUOTE AS ${CHAR})?(?: DELIMITER ${CHAR})?|DELIMITER ${CHAR}|FORMAT AS PARQUET)$`,
    ),
  ),
  iam_role: pattern(/^'arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+'$/),
  copy_options: pattern(new RegExp(`^(?:(?:${COPY_OPTION})(?: |$))*$`)),
} satisfies Record<string, Shape>;

export type Placeholder = keyof typeof SHAPES;

/** The fragment's SQL without its leading comment lines. */
function fragment(name: string): string {
  const sql = FRAGMENTS[name];
  if (sql === undefined) throw new SqlRenderError(`fragment {{> ${name}}} does not exist`);
  return sql.replace(/^(\s*--[^\n]*\n)*/, '').trim();
}

/** Includes fragments, then replaces every `{{name}}`; unknown names, missing values and bad shapes throw. */
export function renderSql(template: string, values: Partial<Record<Placeholder, string>>): string {
  return template
    .replace(/\{\{>\s*([a-z_]+)\s*\}\}/g, (_, name: string) => fragment(name))
    .replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
      if (!Object.hasOwn(SHAPES, name)) {
        throw new SqlRenderError(`placeholder {{${name}}} is not on the allow-list`);
      }
      const value = values[name as Placeholder];
      if (value === undefined) throw new SqlRenderError(`no value for {{${name}}}`);
      if (!SHAPES[name as Placeholder](value)) {
        throw new SqlRenderError(`value for {{${name}}} does not have the allowed shape`);
      }
      return value;
    });
}

/**
 * Splits one of our .sql files into statements: on ';' at the end of a line. Our files keep
 * semicolons out of strings and comments, which a test checks; this is not a general SQL parser.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.replace(/^\s*(--[^\n]*\n\s*)*/g, '').trim())
    .filter((s) => s.length > 0 && !/^(--[^\n]*\s*)*$/.test(s));
}

/** Quotes a value that was validated elsewhere as a SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
