import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnName, redshiftType } from './infer-types';
import { readSample, type Sample } from './read-sample';

/**
 * `redshift-ingest datasets init NAME --prefix P --sample FILE`: a dataset folder from a sample
 * file, to edit: dataset.yml, the staging table (columns and types inferred from the sample), the
 * target table, a pass-through transform (upsert on the first column that is set and distinct in
 * every sample row) and not_null / unique checks. The folder loads the sample as it is.
 */

export class InitError extends Error {
  override name = 'InitError';
}

export interface InitOptions {
  datasetsDir: string;
  name: string;
  prefix: string;
  sample: string;
}

export interface InitResult {
  folder: string;
  files: string[];
  columns: Array<{ name: string; type: string }>;
  key: string;
}

const pad = (name: string, width: number) => name.padEnd(width, ' ');

function tableSql(intro: string, table: string, columns: InitResult['columns'], ifNotExists: boolean): string {
  const width = Math.max(...columns.map((c) => c.name.length)) + 2;
  const body = columns.map((c) => `  ${pad(c.name, width)}${c.type}`).join(',\n');
  return `${intro}\nCREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${table} (\n${body}\n);\n`;
}

/** The JSON mapping: `auto` when keys are the column names, `auto ignorecase` for case only, else a JSONPaths file. */
function jsonMapping(sample: Sample, names: string[]): { paths: string; jsonpaths?: string } {
  if (sample.columns.every((c, i) => c.source === names[i])) return { paths: 'auto' };
  if (sample.columns.every((c, i) => c.source.toLowerCase() === names[i])) return { paths: 'auto ignorecase' };
  const jsonpaths = sample.columns.map((c) => `$['${c.source.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);
  return { paths: 'jsonpaths.json', jsonpaths: `${JSON.stringify({ jsonpaths }, null, 2)}\n` };
}

export async function initDataset(opts: InitOptions): Promise<InitResult> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(opts.name)) {
    throw new InitError(`dataset name '${opts.name}' must be a lowercase identifier of at most 31 characters`);
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*\/(?:[A-Za-z0-9_.-]+\/)*$/.test(opts.prefix)) {
    throw new InitError(`--prefix '${opts.prefix}' must be a key prefix ending with '/' (e.g. ${opts.name}/)`);
  }
  const folderName = opts.name.replace(/_/g, '-');
  const folder = join(opts.datasetsDir, folderName);
  if (existsSync(folder)) throw new InitError(`${folder} already exists`);

  const sample = await readSample(opts.sample);
  if (sample.columns.length === 0 || sample.rows === 0)
    throw new InitError(`${opts.sample} holds no rows to infer from`);
  const names = sample.columns.map((c) => columnName(c.source));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new InitError(`two columns of the sample become '${dup}': rename one in the sample first`);
  const columns = sample.columns.map((c, i) => ({ name: names[i], type: redshiftType(c.type) }));
  const keyIndex = sample.unique.indexOf(true);
  const anchor = keyIndex >= 0 ? keyIndex : sample.columns.findIndex((c) => c.type.nulls === 0);
  if (anchor < 0)
    throw new InitError('every column is empty in some sample row: no column can identify the rows of a batch');
  const key = names[anchor];
  const table = `public.${opts.name}`;

  const files: Record<string, string> = {};
  const formatLines: string[] = [];
  // COMPUPDATE does not apply to Parquet ("COPY from columnar data formats").
  const options = sample.format === 'parquet' ? ['STATUPDATE OFF'] : ['COMPUPDATE OFF', 'STATUPDATE OFF'];
  const temporal = sample.columns.some((c) => c.type.kind === 'date' || c.type.kind === 'timestamp');
  if (sample.format === 'json') {
    const mapping = jsonMapping(sample, names);
    formatLines.push('format:', '  type: json', `  paths: ${mapping.paths}`);
    if (mapping.jsonpaths) files['jsonpaths.json'] = mapping.jsonpaths;
    options.unshift('EMPTYASNULL', ...(temporal ? ["TIMEFORMAT 'auto'"] : []));
  } else if (sample.format === 'csv') {
    formatLines.push(
      'format:',
      '  type: csv',
      ...(sample.delimiter === ',' ? [] : [`  delimiter: "${sample.delimiter}"`]),
    );
    options.unshift('IGNOREHEADER 1', 'EMPTYASNULL', ...(temporal ? ["DATEFORMAT 'auto'", "TIMEFORMAT 'auto'"] : []));
  } else {
    formatLines.push('format:', '  type: parquet');
  }
  const plain = sample.suffix.replace(/\.gz$/, '');
  const checks = [
    ...(keyIndex >= 0
      ? [`  - unique: { table: ${opts.name}, column: ${key} }`, `    batch_rows: { key: ${key} }`]
      : []),
    ...sample.columns.flatMap((c, i) =>
      i !== anchor && c.type.nulls === 0
        ? [`  - not_null: { table: ${opts.name}, column: ${names[i]} }`, `    batch_rows: { key: ${key} }`]
        : [],
    ),
  ];
  if (checks.length === 0)
    checks.push(`  - not_null: { table: ${opts.name}, column: ${key} }`, `    batch_rows: { key: ${key} }`);

  files['dataset.yml'] = [
    '# yaml-language-server: $schema=../dataset.schema.json',
    `# Written by \`redshift-ingest datasets init\` from ${sample.rows} rows of a ${sample.format} sample: edit freely.`,
    `name: ${opts.name}`,
    `prefix: ${opts.prefix}`,
    'files:',
    `  - { suffix: ${plain}, compression: none }`,
    ...(sample.format === 'parquet' ? [] : [`  - { suffix: ${plain}.gz, compression: gzip }`]),
    ...formatLines,
    `copy_options: [${options.join(', ')}]`,
    'staging: staging.sql',
    'schema: schema.sql',
    'transform: transform.sql',
    `targets: [${table}]`,
    '# Each check counts the rows of this batch that break it; any violation fails the batch.',
    'checks:',
    ...checks,
    '',
  ].join('\n');
  files['staging.sql'] = tableSql(
    `-- Staging table of one ${opts.name} batch. COPY fills it ${sample.format === 'json' ? 'by key' : 'by position'}.\nDROP TABLE IF EXISTS {{staging}};`,
    '{{staging}}',
    columns,
    false,
  );
  files['schema.sql'] = tableSql(`-- The target table, created before the first load.`, table, columns, true);
  const list = names.join(', ');
  files['transform.sql'] = [
    `-- Pass-through into ${table}: the batch's row for a ${key} replaces the stored one.`,
    `DELETE FROM ${table} USING {{staging}} s WHERE ${table}.${key} = s.${key};`,
    '',
    `INSERT INTO ${table} (${list})`,
    `SELECT ${list} FROM {{staging}};`,
    '',
  ].join('\n');

  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return { folder, files: Object.keys(files), columns, key };
}
