/**
 * What a statement's connection members name on this warehouse: the workgroup or cluster
 * (unknown ones are refused at submission, as the Data API refuses them), the database
 * (an unknown one fails the statement, as connecting to it fails on Redshift) and the
 * database user the statement runs as, following the Data API's mapping of IAM identities.
 */
import type { DatabaseUser } from '../engine/database-users';
import { DATABASE_NAME } from '../engine/engine';
import type { Caller } from './caller';
import { ValidationException } from './errors';
import type { ConnectionInfo } from './statement-store';

/** The names this warehouse answers to. Undefined lists accept any name. */
export interface WarehouseNames {
  workgroups?: readonly string[];
  clusters?: readonly string[];
  /** Default: `dev` only. */
  databases?: readonly string[];
}

/** How database users are created. */
export interface DatabaseUserOptions {
  /** Users that are superusers (the administrator). Default: `awsuser`, `admin`, `IAM:local-admin`. */
  superusers?: readonly string[];
  /**
   * Users created on first use: `no-privileges` as on Redshift (only what PUBLIC and explicit
   * GRANTs give), or `superuser` (the default until the deploy's setup grants exist: the
   * switch that turns database privilege enforcement on is `newUsers: 'no-privileges'`).
   */
  newUsers?: 'superuser' | 'no-privileges';
  /** The user stored in a Secrets Manager secret (no Secrets Manager locally). Default: `awsuser`. */
  secretUser?: (secretArn: string) => string;
}

const DEFAULT_SUPERUSERS = ['awsuser', 'admin', 'IAM:local-admin'];

/** Text of the Data API's refusal of a workgroup or cluster it cannot find. */
export const UNKNOWN_ENDPOINT = "Redshift endpoint doesn't exist in this region.";

/** @throws ValidationException for a workgroup or cluster this warehouse is not. */
export function checkTarget(connection: ConnectionInfo, names: WarehouseNames): void {
  const { WorkgroupName: workgroup, ClusterIdentifier: cluster } = connection;
  if (workgroup !== undefined && names.workgroups && !names.workgroups.includes(workgroup)) {
    throw new ValidationException(UNKNOWN_ENDPOINT);
  }
  if (cluster !== undefined && names.clusters && !names.clusters.includes(cluster)) {
    throw new ValidationException(UNKNOWN_ENDPOINT);
  }
}

/** Redshift's error for a database that does not exist (a connection failure: FATAL). */
export function unknownDatabaseError(database: string, names: WarehouseNames): string | undefined {
  const databases = names.databases ?? [DATABASE_NAME];
  return databases.includes(database) ? undefined : `FATAL: database "${database}" does not exist`;
}

/**
 * The database user of a request: the secret's user with SecretArn; DbUser on a cluster
 * (GetClusterCredentials); otherwise the caller's IAM identity, `IAMR:<role>` for a role and
 * `IAM:<user>` for a user (GetCredentials / GetClusterCredentialsWithIAM).
 */
export function databaseUserOf(connection: ConnectionInfo, caller: Caller, opts: DatabaseUserOptions): DatabaseUser {
  let name: string;
  if (connection.SecretArn) name = (opts.secretUser ?? (() => 'awsuser'))(connection.SecretArn);
  else if (connection.ClusterIdentifier && connection.DbUser) name = connection.DbUser;
  else name = `${caller.kind === 'role' ? 'IAMR' : 'IAM'}:${caller.name}`;
  // Redshift folds identifiers, quoted ones too (enable_case_sensitive_identifier is off by
  // default), and so does the dialect: `GRANT ... TO "IAMR:Role"` names the user iamr:role.
  name = name.toLowerCase();
  const superusers = (opts.superusers ?? DEFAULT_SUPERUSERS).map((u) => u.toLowerCase());
  return { name, superuser: superusers.includes(name) || (opts.newUsers ?? 'superuser') === 'superuser' };
}
