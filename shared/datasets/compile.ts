import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import transformBeginSql from '../sql/transform_begin.sql';
import { type CheckDeclaration, renderChecks } from './checks';
import { COMPRESSION_OPTIONS, copyOptionProblem } from './copy-options';
import { DatasetConfigError, type DatasetProblem } from './problems';
import { schemaProblems } from './schema-check';
import { fillTemplate, placeholderProblems } from './sql-files';
import type { Compression, DatasetFormat, DatasetSpec } from './types';
import { parseYamlSource, type YamlSource } from './yaml-source';

/**
 * Compiles the dataset folders of a datasets directory into the catalog the pipeline uses
 * (types.ts). Reads `<dir>/<folder>/dataset.yml` and the files it names; reports every problem
 * with file, line and field rather than stopping at the first. Runs at build and package time
 * (bin/datasets-config.js), in `redshift-ingest datasets validate`, and when the local stack or a
 * test loads a datasets folder at run time. Never in a Lambda: they bundle the result.
 */

/** Prefixes the service writes itself: a dataset under one would load our own documents. */
export const RESERVED_PREFIXES = ['manifests/', 'quarantine/', 'config/'];

interface Declaration {
  name: string;
  prefix: string;
  files: Array<{ suffix: string; compression: Compression }>;
  format:
    | { type: 'json'; paths: string }
    | { type: 'csv'; delimiter?: string; quote?: string }
    | { type: 'delimited'; delimiter: string }
    | { type: 'parquet' };
  copy_options?: string[];
  staging: string;
  transform: string;
  schema?: string;
  targets: string[];
  batch?: { max_files?: number; max_bytes?: number };
  checks: CheckDeclaration[];
}

export interface CompileResult {
  specs: DatasetSpec[];
  problems: DatasetProblem[];
}

/** The folders of a datasets directory that hold a dataset.yml, sorted. */
export function datasetFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory() && existsSync(join(dir, f, 'dataset.yml')))
    .sort();
}

function compileFolder(dir: string, folder: string, problems: DatasetProblem[]): DatasetSpec | undefined {
  const label = `${basename(dir)}/${folder}`;
  const display = (name: string) => `${label}/${name}`;
  const read = (name: string): string | undefined => {
    const path = join(dir, folder, name);
    return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  };
  const source: YamlSource = parseYamlSource(display('dataset.yml'), read('dataset.yml') ?? '');
  if (source.syntaxProblems.length > 0) {
    problems.push(...source.syntaxProblems);
    return undefined;
  }
  const schemaIssues = schemaProblems(source);
  if (schemaIssues.length > 0) {
    problems.push(...schemaIssues);
    return undefined;
  }
  const decl = source.value as Declaration;
  const before = problems.length;

  const sqlFile = (field: 'staging' | 'transform' | 'schema', allowed: string[]): string => {
    const name = decl[field];
    if (name === undefined) return '';
    const text = read(name);
    if (text === undefined) {
      problems.push(source.problemAt([field], `file ${display(name)} does not exist`));
      return '';
    }
    problems.push(...placeholderProblems(display(name), field, text, allowed));
    return text;
  };
  const stagingSql = sqlFile('staging', ['staging']);
  const transformSql = sqlFile('transform', ['staging', 'batch_literal', 'dataset_literal']);
  const schemaSql = sqlFile('schema', []);

  let format: DatasetFormat;
  if (decl.format.type === 'json') {
    const { paths } = decl.format;
    if (paths === 'auto' || paths === 'auto ignorecase') format = { kind: 'json', paths };
    else format = { kind: 'json', paths: { key: `config/jsonpaths/${decl.name}.json`, document: jsonPaths(paths) } };
  } else if (decl.format.type === 'csv') {
    format = { kind: 'csv', delimiter: decl.format.delimiter, quote: decl.format.quote };
  } else if (decl.format.type === 'delimited') {
    format = { kind: 'delimited', delimiter: decl.format.delimiter };
  } else {
    format = { kind: 'parquet' };
  }

  function jsonPaths(name: string): unknown {
    const text = read(name);
    if (text === undefined) {
      problems.push(source.problemAt(['format', 'paths'], `file ${display(name)} does not exist`));
      return undefined;
    }
    try {
      const doc = JSON.parse(text) as { jsonpaths?: unknown };
      if (!Array.isArray(doc.jsonpaths) || !doc.jsonpaths.every((p) => typeof p === 'string' && p.startsWith('$'))) {
        problems.push(source.problemAt(['format', 'paths'], `${display(name)} needs {"jsonpaths": ["$...", ...]}`));
      }
      return doc;
    } catch (err) {
      problems.push(source.problemAt(['format', 'paths'], `${display(name)} is not JSON: ${(err as Error).message}`));
      return undefined;
    }
  }

  const copyOptions = (decl.copy_options ?? []).map((o) => o.trim().replace(/\s+/g, ' '));
  for (const [i, option] of copyOptions.entries()) {
    const problem = copyOptionProblem(option, format.kind);
    if (problem) problems.push(source.problemAt(['copy_options', i], problem));
  }

  const suffixes = decl.files.map((f) => ({ suffix: f.suffix, compression: f.compression }));
  for (const [i, f] of suffixes.entries()) {
    if (suffixes.findIndex((g) => g.suffix === f.suffix) !== i) {
      problems.push(source.problemAt(['files', i, 'suffix'], `suffix ${f.suffix} is declared twice`));
    }
    if (f.compression !== 'none' && !COMPRESSION_OPTIONS[f.compression]) {
      problems.push(source.problemAt(['files', i, 'compression'], `unknown compression ${f.compression}`));
    }
  }
  if (RESERVED_PREFIXES.some((r) => r.startsWith(decl.prefix) || decl.prefix.startsWith(r))) {
    problems.push(
      source.problemAt(['prefix'], `overlaps a prefix the service writes (${RESERVED_PREFIXES.join(', ')})`),
    );
  }

  const checks = renderChecks(decl.checks, source, (name) => ({ text: read(name), display: display(name) }));
  problems.push(...checks.problems);
  if (problems.length > before) return undefined;

  return {
    name: decl.name,
    folder,
    prefix: decl.prefix,
    suffixes,
    format,
    copyOptions,
    stagingSql,
    lockSql: fillTemplate(transformBeginSql, { targets: decl.targets.join(', ') }),
    transformSql,
    checksSql: checks.sql,
    checkNames: checks.names,
    schemaSql,
    caps: { maxFiles: decl.batch?.max_files, maxBytes: decl.batch?.max_bytes },
  };
}

/** Problems between datasets: names and prefixes must be unique, prefixes must not nest. */
function crossProblems(dir: string, specs: DatasetSpec[]): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  for (const [i, a] of specs.entries()) {
    const file = `${basename(dir)}/${a.folder}/dataset.yml`;
    for (const b of specs.slice(0, i)) {
      if (a.name === b.name) {
        problems.push({ file, field: 'name', message: `dataset name '${a.name}' is also used by ${b.folder}` });
      }
      if (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix)) {
        problems.push({
          file,
          field: 'prefix',
          message: `prefix ${a.prefix} overlaps ${b.prefix} of ${b.folder}: a key would belong to two datasets`,
        });
      }
    }
  }
  return problems;
}

export function compileDatasets(dir: string): CompileResult {
  const problems: DatasetProblem[] = [];
  const folders = datasetFolders(dir);
  if (folders.length === 0) {
    problems.push({ file: basename(dir), field: '(folder)', message: 'holds no dataset folder (<name>/dataset.yml)' });
  }
  const specs = folders.flatMap((f) => compileFolder(dir, f, problems) ?? []);
  problems.push(...crossProblems(dir, specs));
  return { specs, problems };
}

/** The catalog of a datasets directory; DatasetConfigError listing every problem. */
export function loadDatasets(dir: string): DatasetSpec[] {
  const { specs, problems } = compileDatasets(dir);
  if (problems.length > 0) throw new DatasetConfigError(problems);
  return specs;
}
