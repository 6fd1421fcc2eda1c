import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../datasets/dataset.schema.json';
import type { DatasetProblem } from './problems';
import type { YamlSource } from './yaml-source';

/**
 * dataset.yml against datasets/dataset.schema.json, the schema editors complete from (each
 * dataset.yml names it in its yaml-language-server modeline). One problem per field.
 */
const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false });
const validate = ajv.compile(schema);

function pathOf(error: ErrorObject): Array<string | number> {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function describe(error: ErrorObject): { path: Array<string | number>; message: string; key: boolean } {
  const path = pathOf(error);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: 'unknown field', key: true };
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'is required', key: false };
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        key: false,
      };
    case 'discriminator':
      return { path: [...path, 'type'], message: 'must be one of json, csv, delimited, parquet', key: false };
    default:
      return { path, message: error.message ?? error.keyword, key: false };
  }
}

export function schemaProblems(source: YamlSource): DatasetProblem[] {
  if (validate(source.value)) return [];
  const seen = new Set<string>();
  const problems: DatasetProblem[] = [];
  for (const error of validate.errors ?? []) {
    const { path, message, key } = describe(error);
    const id = `${path.join('/')}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(source.problemAt(path, message, key));
  }
  return problems;
}
