/**
 * Database session state on PGlite's one connection. Redshift gives every Data API call its
 * own session, and a call with SessionId the session it names; PGlite has one connection for
 * everybody. So a call's session state is reset when it ends, and a kept session's state
 * (its settings and temporary tables) is saved when its call ends and restored when its next
 * call starts:
 *
 * - settings: every GUC whose source is the session (SET, set_config) plus the Redshift
 *   placeholders the COPY shims keep (pg_last_copy_id/count), replayed with set_config;
 * - temporary tables: copied into pg_redshift_sessions (LIKE ... INCLUDING ALL, then the rows)
 *   and dropped, so no other session sees them; re-created as temporary tables on resume.
 *
 * What is not carried over: temporary views and sequences, prepared statements, cursors.
 */
import type { SqlConnection } from './connection';
import { quoteUser } from './database-users';

/** Schema holding the parked temporary tables of idle sessions (created by database-users.sql). */
const PARK_SCHEMA = 'pg_redshift_sessions';

/** Custom settings of the Redshift shims; pg_settings does not list placeholder GUCs. */
const PLACEHOLDERS = ['redshift.last_copy_id', 'redshift.last_copy_count'];

/** Settings never saved: who the session runs as is decided by each call. */
const NOT_SAVED = new Set(['role', 'session_authorization', 'is_superuser']);

/** What a kept session leaves behind between its calls. */
export interface SessionSnapshot {
  settings: Array<{ name: string; value: string }>;
  /** Temporary table name -> parked table name in pg_redshift_sessions. */
  tempTables: Array<{ name: string; parked: string }>;
}

const ident = quoteUser;

/**
 * SQL that returns the connection to a fresh session: the engine's base settings and no
 * temporary tables. `baseSettings` is the engine's own SET list (engine.ts).
 */
export function resetSessionSql(baseSettings: string, leaveUserSql: string): string {
  // RESET ALL leaves the session user alone (and the session user's SET ROLE), so leave first.
  return `${leaveUserSql}; RESET ALL; ${baseSettings} DISCARD TEMP;`;
}

/**
 * Save the session's settings and park its temporary tables (run as the bootstrap superuser,
 * outside a transaction, before the reset). `key` names the parked tables (the session id).
 */
export async function saveSession(pg: SqlConnection, key: string): Promise<SessionSnapshot> {
  const guc = await pg.query<{ name: string; value: string }>(
    `SELECT name, setting AS value FROM pg_settings WHERE source = 'session'
     UNION ALL
     SELECT p.name, current_setting(p.name, true) FROM unnest($1::text[]) AS p(name)
     WHERE coalesce(current_setting(p.name, true), '') <> ''`,
    [PLACEHOLDERS],
  );
  const settings = guc.rows.filter((r) => !NOT_SAVED.has(r.name));
  const temps = await pg.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind IN ('r', 'p') ORDER BY oid`,
  );
  const tempTables = temps.rows.map((t, k) => ({ name: t.name, parked: parkedName(key, k) }));
  if (tempTables.length > 0) {
    await pg.exec(
      tempTables
        .map(
          (t) =>
            `CREATE TABLE ${PARK_SCHEMA}.${ident(t.parked)} (LIKE pg_temp.${ident(t.name)} INCLUDING ALL);
             INSERT INTO ${PARK_SCHEMA}.${ident(t.parked)} SELECT * FROM pg_temp.${ident(t.name)};`,
        )
        .join('\n'),
    );
  }
  return { settings, tempTables };
}

/**
 * Restore a saved session into the fresh connection (as the bootstrap superuser, outside a
 * transaction): its temporary tables, owned by `owner`, and its settings. The parked copies
 * are dropped: the next save parks the tables again.
 */
export async function restoreSession(pg: SqlConnection, snapshot: SessionSnapshot, owner: string): Promise<void> {
  if (snapshot.tempTables.length > 0) {
    await pg.exec(
      snapshot.tempTables
        .map(
          (t) =>
            `CREATE TEMP TABLE ${ident(t.name)} (LIKE ${PARK_SCHEMA}.${ident(t.parked)} INCLUDING ALL);
             INSERT INTO pg_temp.${ident(t.name)} SELECT * FROM ${PARK_SCHEMA}.${ident(t.parked)};
             ALTER TABLE pg_temp.${ident(t.name)} OWNER TO ${quoteUser(owner)};
             DROP TABLE ${PARK_SCHEMA}.${ident(t.parked)};`,
        )
        .join('\n'),
    );
  }
  for (const s of snapshot.settings) {
    await pg.query('SELECT set_config($1, $2, false)', [s.name, s.value]);
  }
}

/** Drop what an ended session parked (expired, or closed by its keep-alive). */
export async function dropSession(pg: SqlConnection, snapshot: SessionSnapshot): Promise<void> {
  if (snapshot.tempTables.length === 0) return;
  await pg.exec(snapshot.tempTables.map((t) => `DROP TABLE IF EXISTS ${PARK_SCHEMA}.${ident(t.parked)};`).join('\n'));
}

function parkedName(key: string, k: number): string {
  return `${key}_${k}`;
}
