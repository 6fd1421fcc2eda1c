import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A minimal valid dataset.yml (JSON 'auto', one unique check), with lines to override. */
export function datasetYml(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    name: 'name: orders',
    prefix: 'prefix: orders/',
    files: 'files:\n  - { suffix: .json, compression: none }',
    format: 'format:\n  type: json\n  paths: auto',
    copy_options: 'copy_options: [BLANKSASNULL]',
    staging: 'staging: staging.sql',
    transform: 'transform: transform.sql',
    targets: 'targets: [public.orders]',
    checks: 'checks:\n  - unique: { table: orders, column: order_id }\n    batch_rows: { key: order_id }',
    ...overrides,
  };
  return `# yaml-language-server: $schema=../dataset.schema.json\n${Object.values(fields).join('\n')}\n`;
}

export const STAGING_SQL = 'CREATE TABLE {{staging}} (order_id INTEGER, amount DOUBLE PRECISION);\n';
export const TRANSFORM_SQL =
  'INSERT INTO orders SELECT order_id, amount FROM {{staging}};\n-- batch {{batch_literal}}\n';

/** A temp datasets folder with one folder per entry: file name -> content. */
export function datasetsFolder(folders: Record<string, Record<string, string>>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ri-datasets-')), 'datasets');
  for (const [folder, files] of Object.entries(folders)) {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, folder, name, '..'), { recursive: true });
      writeFileSync(join(dir, folder, name), text);
    }
  }
  return dir;
}

/** One valid folder's files, with dataset.yml overrides and extra/replaced files. */
export function orders(overrides: Record<string, string> = {}, files: Record<string, string> = {}) {
  return { 'dataset.yml': datasetYml(overrides), 'staging.sql': STAGING_SQL, 'transform.sql': TRANSFORM_SQL, ...files };
}
