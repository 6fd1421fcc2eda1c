/**
 * Renders the project's .sql templates. Placeholders are `{{name}}`; a value is accepted only if
 * its name is on the allow-list below and the value has that placeholder's shape, so nothing from
 * an event (least of all an S3 key) can reach SQL text.
 */
const SHAPES = {
  /** A schema-qualified table we generated, e.g. staging.log_data_0f3a..._n1. */
  staging: /^staging\.[a-z][a-z0-9_]{0,110}$/,
  files: /^staging\.[a-z][a-z0-9_]{0,110}$/,
  /** Quoted literals of validated ids. */
  dataset_literal: /^'(log_data|song_data)'$/,
  batch_literal: /^'[a-z0-9_-]{1,80}'$/,
  /** s3:// URLs of objects we wrote (manifests, files lists, JSONPaths). */
  manifest_url: /^'s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[A-Za-z0-9_./-]{1,512}'$/,
  files_url: /^'s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[A-Za-z0-9_./-]{1,512}'$/,
  format: /^JSON (?:'auto'|'s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[A-Za-z0-9_./-]{1,512}')$/,
  iam_role: /^'arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+'$/,
  copy_options:
    /^(?:(?:GZIP|TRUNCATECOLUMNS|BLANKSASNULL|EMPTYASNULL|COMPUPDATE OFF|STATUPDATE OFF|ACCEPTINVCHARS|TIMEFORMAT 'auto'|TIMEFORMAT 'epochmillisecs'|MAXERROR \d{1,6}|REGION '[a-z]{2}(?:-[a-z]+)+-\d')(?: |$))*$/,
} as const;

export type Placeholder = keyof typeof SHAPES;

export class SqlRenderError extends Error {
  override name = 'SqlRenderError';
}

/** Replaces every `{{name}}` in `template`; unknown names, missing values and bad shapes throw. */
export function renderSql(template: string, values: Partial<Record<Placeholder, string>>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(SHAPES, name)) {
      throw new SqlRenderError(`placeholder {{${name}}} is not on the allow-list`);
    }
    const value = values[name as Placeholder];
    if (value === undefined) throw new SqlRenderError(`no value for {{${name}}}`);
    if (!SHAPES[name as Placeholder].test(value)) {
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
