/**
 * `DataApiEngine.execute`: Redshift SQL run in-process (CLI `local sql`, benchmarks), through
 * the same translation, transaction and COPY path as a Data API statement, but returning the
 * rows directly and throwing on SQL errors.
 */
import type { DataApiEngine } from './engine';
import { messageOf } from './errors';
import { type PendingLoadErrors, persistLoadErrors } from './load-errors';
import type { StoredResult } from './results';
import { executeSql } from './sql-executor';

/** SQL failure of `engine.execute`; `message` is Redshift-style ('ERROR: ...'). */
export class SqlExecutionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqlExecutionError';
  }
}

/** Result of `engine.execute`. */
export interface ExecuteResult {
  rows: Record<string, unknown>[];
  fields: { name: string; typeName: string }[];
}

/** Run `sql` on the engine queue in one transaction; see {@link DataApiEngine.execute}. */
export async function executeOnEngine(engine: DataApiEngine, sql: string): Promise<ExecuteResult> {
  return engine.run(async (pg) => {
    const loadErrors: PendingLoadErrors[] = [];
    const queryId = await engine.nextQueryId();
    await pg.query('BEGIN');
    let outcome;
    try {
      outcome = await executeSql(
        { engine, queryId, startTime: new Date(), loadErrors, checkCancelled: () => undefined },
        sql,
      );
      await pg.query('COMMIT');
    } catch (error) {
      await pg.query('ROLLBACK').catch(() => undefined);
      await persistLoadErrors(engine, loadErrors, 'dev').catch(() => undefined);
      const message = messageOf(error);
      throw new SqlExecutionError(message.startsWith('ERROR:') ? message : `ERROR: ${message}`, { cause: error });
    }
    await persistLoadErrors(engine, loadErrors, 'dev');
    if (outcome.createsTemp) await pg.query('DISCARD TEMP');
    return outcome.result ? typedRows(outcome.result) : { rows: [], fields: [] };
  });
}

/** Text values -> display values: numbers and booleans typed, everything else kept as text. */
function typedRows(result: StoredResult): ExecuteResult {
  const fields = result.columns.map((c) => ({ name: c.name, typeName: c.typeName }));
  const rows = result.rows.map((row) => {
    const out: Record<string, unknown> = {};
    result.columns.forEach((c, k) => {
      out[c.name] = typedValue(row[k], c.typeName);
    });
    return out;
  });
  return { rows, fields };
}

function typedValue(value: string | null, typeName: string): unknown {
  if (value === null) return null;
  switch (typeName) {
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
      return Number(value);
    case 'int8': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case 'bool':
      return value === 't';
    default:
      return value;
  }
}
