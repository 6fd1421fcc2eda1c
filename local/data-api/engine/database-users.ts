/**
 * Database users: the PostgreSQL role a Data API statement runs as. PGlite is one connection
 * whose login user is the superuser `postgres` (the engine's bootstrap, in-process SQL); a
 * statement of a Data API caller runs under `SET SESSION AUTHORIZATION <its database user>`,
 * so PostgreSQL's own privilege checks apply to it as Redshift's apply to that user.
 */
import type { PGlite } from '@electric-sql/pglite';

/** PGlite's login user: the superuser that bootstraps the database. */
export const BOOTSTRAP_USER = 'postgres';

/** A database user a statement runs as. */
export interface DatabaseUser {
  /** Redshift user name, e.g. `IAMR:ingest-role`, `IAM:alice`, `awsuser`. */
  name: string;
  /** Created as a superuser (the administrator) or with no privileges beyond PUBLIC's. */
  superuser: boolean;
}

/** SQL that changes the session's user: refused to non-superusers (see assertMayRun). */
const SESSION_AUTHORIZATION = /session[\s_]+authorization/i;

/** A statement a non-superuser may not run, with PostgreSQL's (and Redshift's) text. */
export class SessionAuthorizationDeniedError extends Error {
  constructor() {
    super('permission denied to set session authorization');
    this.name = 'SessionAuthorizationDeniedError';
  }
}

/**
 * PGlite's login user is a superuser, and PostgreSQL lets a session whose *login* user is a
 * superuser switch back with SET SESSION AUTHORIZATION whoever it runs as now. A real
 * connection of a Redshift user cannot: refuse that SQL from non-superusers before it runs.
 */
export function assertMayRun(user: DatabaseUser | undefined, sql: string): void {
  if (user && !user.superuser && SESSION_AUTHORIZATION.test(sql)) throw new SessionAuthorizationDeniedError();
}

/** Double-quoted identifier (user names hold ':' and upper case). */
export function quoteUser(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Roles this engine has created or checked, so a statement pays for the catalog lookup once
 * per user and process.
 */
export class DatabaseUsers {
  private readonly known = new Map<string, boolean>();

  /**
   * Create the user on first use (Redshift creates `IAM:`/`IAMR:` users on first connection
   * through GetCredentials / GetClusterCredentials with AutoCreate). An existing role is
   * brought to the superuser status asked for: a warehouse folder whose users were made
   * superusers while privileges were not enforced loses that once they are.
   */
  async ensure(pg: PGlite, user: DatabaseUser): Promise<void> {
    if (this.known.get(user.name) === user.superuser) return;
    const role = quoteUser(user.name);
    const attribute = user.superuser ? 'SUPERUSER' : 'NOSUPERUSER';
    const found = await pg.query<{ super: boolean }>('SELECT rolsuper AS super FROM pg_roles WHERE rolname = $1', [
      user.name,
    ]);
    if (found.rows.length === 0) await pg.exec(`CREATE ROLE ${role} LOGIN ${attribute}`);
    else if (found.rows[0].super !== user.superuser) await pg.exec(`ALTER ROLE ${role} ${attribute}`);
    // COPY's rows reach the table through PostgreSQL's COPY FROM '/dev/blob' (PGlite's in-memory
    // blob), which PostgreSQL allows only superusers and pg_read_server_files; Redshift's COPY
    // needs only INSERT on the table, which PostgreSQL still checks. User SQL never reaches
    // PostgreSQL's own COPY: the dialect reads every COPY as Redshift's (S3 sources only).
    if (!user.superuser) await pg.exec(`GRANT pg_read_server_files TO ${role}`);
    this.known.set(user.name, user.superuser);
  }

  /** Run as `user` until {@link leave}. Call outside a transaction. */
  async enter(pg: PGlite, user: DatabaseUser): Promise<void> {
    await this.ensure(pg, user);
    await pg.exec(`SET SESSION AUTHORIZATION ${quoteUser(user.name)}`);
  }
}

/** Back to the bootstrap superuser (PGlite's RESET SESSION AUTHORIZATION does not go back). */
export const LEAVE_USER_SQL = `SET SESSION AUTHORIZATION ${BOOTSTRAP_USER}`;

/**
 * PostgreSQL's privilege errors in Redshift's words: Redshift says "relation" where
 * PostgreSQL 15+ says "table"/"view", and names the database the statement connected to.
 */
export function redshiftPermissionMessage(message: string, database: string): string | undefined {
  const relation = /^permission denied for (?:table|view|materialized view) (.+)$/.exec(message);
  if (relation) return `permission denied for relation ${relation[1]}`;
  if (/^permission denied for database /.test(message)) return `permission denied for database ${database}`;
  return undefined;
}
