import { datasetSpecs } from '../datasets';
import type { Warehouse } from '../ports';
import schemaSql from '../sql/schema.sql';
import { splitStatements } from '../sql-render';

let ensured: Promise<void> | undefined;

/**
 * Creates schemas and tables if they are missing, once per process (Lambda container): cheap
 * insurance that a fresh warehouse works without a manual migration step. A failure is not
 * cached, so the next call tries again.
 */
export function ensureSchema(warehouse: Warehouse): Promise<void> {
  // The service's schemas, the ledger and the star schema, then each dataset's own targets.
  const statements = [schemaSql, ...datasetSpecs().map((s) => s.schemaSql)].flatMap((sql) => splitStatements(sql));
  ensured ??= warehouse.runBatch(statements).catch((err) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

/** For tests that use a fresh warehouse in the same process. */
export function resetSchemaCache(): void {
  ensured = undefined;
}
