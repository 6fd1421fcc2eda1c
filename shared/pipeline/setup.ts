import type { Config, RedshiftTarget } from '../config';
import { datasetSpecs } from '../datasets';
import { ConfigError, InvalidEventError } from '../errors';
import type { Warehouse } from '../ports';
import schemaSql from '../sql/schema.sql';
import setupSql from '../sql/setup.sql';
import createUserSql from '../sql/setup_create_user.sql';
import userExistsSql from '../sql/setup_user_exists.sql';
import { splitStatements } from '../sql-render';

/**
 * Database set-up as its own step (docs/deploy.md, "Database set-up"): the schemas and tables,
 * the pipeline's database user and its grants, run once by an administrator. Loads then run
 * as that user with no DDL privilege beyond the staging schema it owns.
 */

/**
 * A database user name as Redshift derives it from an IAM identity (`IAMR:<role>`, `IAM:<user>`)
 * or as configured for a cluster: letters, digits and the characters IAM allows in names.
 */
const USER_NAME = /^(?:IAMR:|IAM:)?[A-Za-z0-9_+=,.@-]{1,64}$/;

/** The user quoted as an identifier; the name is checked, so no quote can be inside. */
export function quoteUser(user: string): string {
  if (!USER_NAME.test(user)) throw new ConfigError(`'${user}' is not a database user name this set-up accepts`);
  return `"${user}"`;
}

/** `IAMR:<role name>`: the user the Data API maps a role to on a workgroup (and a cluster via IAM). */
export const iamRoleUser = (roleName: string): string => `IAMR:${roleName}`;

/** The set-up's CREATE TABLE statements: the service's own, then each dataset's targets. */
function tableStatements(): string[] {
  return [schemaSql, ...datasetSpecs().map((s) => s.schemaSql)].flatMap((sql) => splitStatements(sql));
}

/** Schema-qualified names of the tables the set-up creates, in order. */
export function setupTables(): string[] {
  const tables = tableStatements()
    .map((s) => /^CREATE TABLE IF NOT EXISTS\s+([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)/i.exec(s)?.[1])
    .filter((t): t is string => t !== undefined);
  return [...new Set(tables)];
}

/** A set-up template with its `[[name]]` tokens filled in (values built and checked here). */
function fill(template: string, values: Readonly<Record<string, string>>): string[] {
  const sql = template.replace(/\[\[([a-z]+)\]\]/g, (_m: string, name: string) => {
    const value = values[name];
    if (value === undefined) throw new ConfigError(`set-up SQL: no value for [[${name}]]`);
    return value;
  });
  return splitStatements(sql);
}

/** The grants of setup.sql for `user`. */
export function grantStatements(user: string): string[] {
  const tables = setupTables();
  const schemas = [...new Set(tables.map((t) => t.split('.')[0]))].filter((s) => s !== 'staging');
  return fill(setupSql, { user: quoteUser(user), schemas: schemas.join(', '), tables: tables.join(', ') });
}

/** CREATE USER for a user that IAM authentication has not created yet (no password: IAM only). */
export const createUserStatements = (user: string): string[] => fill(createUserSql, { user: quoteUser(user) });

/** Every statement of the set-up, for an administrator to read and run (`setup --print`). */
export function setupStatements(user: string, opts: { createUser: boolean }): string[] {
  return [...(opts.createUser ? createUserStatements(user) : []), ...tableStatements(), ...grantStatements(user)];
}

export interface SetupSummary {
  user: string;
  createdUser: boolean;
  statements: number;
  tables: string[];
}

/**
 * Runs the set-up as the administrator `admin` is connected as: creates the user if it does not
 * exist yet, then the tables and grants in one transaction. Idempotent: run it again after a new
 * dataset adds tables.
 */
export async function runSetup(admin: Warehouse, user: string): Promise<SetupSummary> {
  const quoted = quoteUser(user);
  const existing = await admin.query(userExistsSql, { user });
  const createUser = existing.length === 0;
  if (createUser) await admin.runBatch(createUserStatements(user));
  const statements = [...tableStatements(), ...grantStatements(user)];
  await admin.runBatch(statements);
  return { user: quoted.slice(1, -1), createdUser: createUser, statements: statements.length, tables: setupTables() };
}

/**
 * The warehouse target of the set-up: the pipeline's workgroup or cluster, connected with the
 * administrator's secret instead of the pipeline's identity. ConfigError without the secret:
 * the pipeline's own user may not grant itself anything.
 */
export function adminTarget(cfg: Config): RedshiftTarget {
  if (!cfg.setupSecretArn) {
    throw new ConfigError(
      'SETUP_SECRET_ARN is not set (the setupSecretArn param): run the SQL of `redshift-ingest setup --print` as an administrator instead',
    );
  }
  const t = cfg.redshift;
  return t.kind === 'workgroup'
    ? { kind: 'workgroup', workgroupName: t.workgroupName, database: t.database, secretArn: cfg.setupSecretArn }
    : { kind: 'cluster', clusterIdentifier: t.clusterIdentifier, database: t.database, secretArn: cfg.setupSecretArn };
}

/** The request of `serverless invoke -f setup`: the pipeline's database user, unless configured. */
export function setupUser(cfg: Config, event: unknown): string {
  const requested = (event as { user?: unknown } | null)?.user;
  if (requested !== undefined) {
    if (typeof requested !== 'string') throw new InvalidEventError('setup "user" must be a string');
    return requested;
  }
  if (cfg.pipelineDbUser) return cfg.pipelineDbUser;
  throw new InvalidEventError(
    'setup needs {"user": "<the database user of the pipeline>"} (the secret\'s user on a cluster)',
  );
}
