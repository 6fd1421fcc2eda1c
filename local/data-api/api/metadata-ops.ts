/**
 * Catalog operations (ListDatabases, ListSchemas, ListTables, DescribeTable), answered
 * synchronously from the PostgreSQL catalog through the engine queue.
 */
import { DATABASE_NAME } from '../engine/engine';
import { redshiftTypeName } from '../engine/text-result';
import type { DataApiEngine } from '../warehouse/data-api-engine';
import { checkTarget, unknownDatabaseError, type WarehouseNames } from './connection-target';
import { DatabaseConnectionException } from './errors';
import type { OperationHandler } from './http';
import { columnMetadata, decodePageToken, encodePageToken } from './results';
import { validateConnection, validateMaxResults } from './validation';

type Input = Record<string, unknown>;

function page<T>(items: T[], input: Input, op: string, key: string): Record<string, unknown> {
  const max = validateMaxResults(input, 1000, 1000);
  const offset = decodePageToken(input.NextToken as string | undefined, op);
  const more = offset + max < items.length;
  return {
    [key]: items.slice(offset, offset + max),
    NextToken: more ? encodePageToken({ id: op, offset: offset + max }) : undefined,
  };
}

const pattern = (input: Input, key: string) => (typeof input[key] === 'string' ? (input[key] as string) : '%');

/** Add the catalog operations to the statement operations. */
export function addMetadataOperations(
  handlers: Record<string, OperationHandler>,
  engine: DataApiEngine,
  warehouse: WarehouseNames,
): Record<string, OperationHandler> {
  /** Catalog operations connect at once: a wrong target or database fails the call itself. */
  const connect = (input: Input) => {
    const connection = validateConnection(input);
    checkTarget(connection, warehouse);
    const error = unknownDatabaseError(connection.Database ?? DATABASE_NAME, warehouse);
    if (error !== undefined) throw new DatabaseConnectionException(error);
  };
  return {
    ...handlers,
    async ListDatabases(input) {
      connect(input);
      return page([...(warehouse.databases ?? [DATABASE_NAME])], input, 'ListDatabases', 'Databases');
    },
    async ListSchemas(input) {
      connect(input);
      const rows = await engine.run((pg) =>
        pg.query<{ name: string }>(
          `SELECT nspname AS name FROM pg_namespace
           WHERE nspname LIKE $1 AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
           ORDER BY 1`,
          [pattern(input, 'SchemaPattern')],
        ),
      );
      return page(
        rows.rows.map((r) => r.name),
        input,
        'ListSchemas',
        'Schemas',
      );
    },
    async ListTables(input) {
      connect(input);
      const rows = await engine.run((pg) =>
        pg.query<{ name: string; schema: string; type: string }>(
          `SELECT table_name AS name, table_schema AS schema,
                  CASE table_type WHEN 'BASE TABLE' THEN 'TABLE' ELSE table_type END AS type
           FROM information_schema.tables
           WHERE table_schema LIKE $1 AND table_name LIKE $2 AND table_schema NOT IN ('pg_catalog', 'information_schema')
           ORDER BY 2, 1`,
          [pattern(input, 'SchemaPattern'), pattern(input, 'TablePattern')],
        ),
      );
      return page(rows.rows, input, 'ListTables', 'Tables');
    },
    async DescribeTable(input) {
      connect(input);
      const schema = typeof input.Schema === 'string' ? input.Schema : 'public';
      const table = typeof input.Table === 'string' ? input.Table : '%';
      const rows = await engine.run((pg) =>
        pg.query<{ name: string; type: string; nullable: string; def: string | null; tbl: string; len: number | null }>(
          `SELECT column_name AS name, udt_name AS type, is_nullable AS nullable, column_default AS def,
                  table_name AS tbl, character_maximum_length AS len
           FROM information_schema.columns WHERE table_schema = $1 AND table_name LIKE $2
           ORDER BY table_name, ordinal_position`,
          [schema, table],
        ),
      );
      const columns = rows.rows.map((r) => ({
        ...columnMetadata({ name: r.name, oid: 0, typeName: redshiftTypeName(r.type) }),
        nullable: r.nullable === 'YES' ? 1 : 0,
        columnDefault: r.def ?? undefined,
        length: r.len ?? 0,
        schemaName: schema,
        tableName: r.tbl,
      }));
      return { ...page(columns, input, 'DescribeTable', 'ColumnList'), TableName: table === '%' ? undefined : table };
    },
  };
}
