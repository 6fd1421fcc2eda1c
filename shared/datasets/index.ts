import { ConfigError } from '../errors';
import generated from './catalog.generated.json';
import type { DatasetCatalog, DatasetSpec } from './types';

/**
 * The datasets the pipeline loads. They are declared as data in `datasets/<folder>/` and
 * compiled into catalog.generated.json (bin/datasets-config.js: by `serverless package`, by the
 * CLI build and by the tests' check that it is current), which the Lambdas bundle. Everything
 * else (routing, COPY, staging, transforms, checks, batch ids) asks this module.
 */
export type { Compression, DatasetFormat, DatasetName, DatasetSpec } from './types';

let catalog: ReadonlyMap<string, DatasetSpec> = index((generated as unknown as DatasetCatalog).datasets);

function index(specs: ReadonlyArray<DatasetSpec>): ReadonlyMap<string, DatasetSpec> {
  return new Map(specs.map((s) => [s.name, Object.freeze(s)]));
}

/**
 * Replaces the bundled catalog for this process: the local stack and tests load another
 * datasets folder at run time (the Lambdas always use the bundled one).
 */
export function useDatasetCatalog(specs: ReadonlyArray<DatasetSpec>): void {
  catalog = index(specs);
}

/** Back to the bundled catalog. */
export function useBundledDatasets(): void {
  catalog = index((generated as unknown as DatasetCatalog).datasets);
}

/** Every dataset name, in catalog order. */
export function datasetNames(): string[] {
  return [...catalog.keys()];
}

/** Every dataset. */
export function datasetSpecs(): DatasetSpec[] {
  return [...catalog.values()];
}

export function isDatasetName(name: unknown): name is string {
  return typeof name === 'string' && catalog.has(name);
}

/** The dataset of that name; ConfigError when the catalog has none (e.g. a batch of a removed dataset). */
export function datasetSpec(name: string): DatasetSpec {
  const spec = catalog.get(name);
  if (!spec) throw new ConfigError(`no dataset named '${name}' (datasets: ${datasetNames().join(', ')})`);
  return spec;
}
