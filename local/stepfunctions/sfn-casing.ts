/**
 * Step Functions' casing rules for AWS SDK integrations: parameters are written in PascalCase
 * at every level, responses come back PascalCase at every level. SDK v3 input members are
 * PascalCase at the top level but camelCase inside nested structures for Redshift Data
 * (`SqlParameter.name`/`value`), and its responses are camelCase below the top
 * (`Records[0][0].longValue`, `ColumnMetadata[0].name`).
 */

import { isPlainObject, mapKeysDeep, upperFirst } from '../../shared/aws/sfn-task-shape';

// The result side is the cross-region poll Lambda's too: it lives in shared/.
export { toSfnOutput } from '../../shared/aws/sfn-task-shape';

const lowerFirst = (s: string): string => (s ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/**
 * Task parameters (PascalCase throughout) -> SDK v3 command input for a service whose nested
 * members are camelCase: top-level keys PascalCase, nested keys camelCase.
 */
export function toSdkInput(parameters: unknown): Record<string, unknown> {
  if (!isPlainObject(parameters)) return {};
  return Object.fromEntries(Object.entries(parameters).map(([k, v]) => [upperFirst(k), mapKeysDeep(v, lowerFirst)]));
}
