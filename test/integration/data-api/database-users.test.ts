/**
 * Database users: a statement runs as the database user the Data API derives from its caller
 * (`IAMR:<role>` on a workgroup, `IAM:<user>`, or DbUser on a cluster), with that user's
 * privileges. Here new users are created without privileges, as on Redshift
 * (databaseUsers.newUsers = 'no-privileges'); the administrator is a superuser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { DataApiServer } from '../../../local/data-api';
import { clientAs, resolveTestCaller } from './identities';
import { startTestServer, waitFor } from './support';

const WORKGROUP = { WorkgroupName: 'local', Database: 'dev' };

let server: DataApiServer;
let admin: RedshiftDataClient;
let warehouseRole: RedshiftDataClient;
let alice: RedshiftDataClient;

beforeAll(async () => {
  server = await startTestServer({ resolveCaller: resolveTestCaller, databaseUsers: { newUsers: 'no-privileges' } });
  admin = clientAs(server.endpoint, 'AKIDANYTHING');
  warehouseRole = clientAs(server.endpoint, 'AKIDWAREHOUSE1');
  alice = clientAs(server.endpoint, 'AKIDALICE');
  await sql(admin, 'CREATE SCHEMA ingest');
  await sql(admin, 'CREATE TABLE ingest.ledger (k varchar(10))');
});
afterAll(async () => {
  for (const c of [admin, warehouseRole, alice]) c.destroy();
  await server.stop();
});

async function sql(client: RedshiftDataClient, text: string, connection: object = WORKGROUP) {
  const { Id } = await client.send(new ExecuteStatementCommand({ ...connection, Sql: text }));
  return waitFor(client, Id as string);
}

async function value(client: RedshiftDataClient, text: string, connection: object = WORKGROUP) {
  const done = await sql(client, text, connection);
  if (done.Status !== 'FINISHED') throw new Error(`${text}: ${done.Error}`);
  const page = await client.send(new GetStatementResultCommand({ Id: done.Id }));
  return Object.values(page.Records?.[0]?.[0] ?? {})[0];
}

describe('the database user of a statement', () => {
  // Folded to lower case, as Redshift folds identifiers (GRANT ... TO "IAMR:Role" names iamr:role).
  it('is IAMR:<role> for a role and IAM:<user> for a user on a workgroup, DbUser on a cluster', async () => {
    expect(await value(warehouseRole, 'SELECT current_user')).toBe('iamr:ingest-warehouse');
    expect(await value(alice, 'SELECT current_user')).toBe('iam:alice');
    expect(
      await value(admin, 'SELECT current_user', {
        ClusterIdentifier: 'local-cluster',
        Database: 'dev',
        DbUser: 'awsuser',
      }),
    ).toBe('awsuser');
  });

  it('a user without the grant cannot create a schema: "permission denied for database dev"', async () => {
    const done = await sql(warehouseRole, 'CREATE SCHEMA staging');
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toBe('ERROR: permission denied for database dev');
  });

  it('a user without privileges on a schema or table gets Redshift\'s "schema" / "relation" errors', async () => {
    const create = await sql(warehouseRole, 'CREATE TABLE ingest.mine (a int)');
    expect(create.Error).toBe('ERROR: permission denied for schema ingest');
    expect((await sql(admin, 'GRANT USAGE ON SCHEMA ingest TO "IAMR:ingest-warehouse"')).Error).toBeUndefined();
    const read = await sql(warehouseRole, 'SELECT count(*) FROM ingest.ledger');
    expect(read.Error).toBe('ERROR: permission denied for relation ledger');
  });

  it('what an administrator grants is what the user may do', async () => {
    await sql(admin, 'GRANT CREATE ON DATABASE postgres TO "IAMR:ingest-warehouse"');
    await sql(admin, 'GRANT SELECT, INSERT ON ingest.ledger TO "IAMR:ingest-warehouse"');
    expect((await sql(warehouseRole, "INSERT INTO ingest.ledger VALUES ('a')")).Status).toBe('FINISHED');
    expect(await value(warehouseRole, 'SELECT count(*) FROM ingest.ledger')).toBe(1);
    expect((await sql(warehouseRole, 'CREATE SCHEMA staging')).Status).toBe('FINISHED');
  });

  it('every user may create tables in public, as on Redshift', async () => {
    expect((await sql(alice, 'CREATE TABLE public.alice_t (a int)')).Status).toBe('FINISHED');
  });

  it('a user cannot switch itself back to the superuser', async () => {
    const done = await sql(alice, 'SET SESSION AUTHORIZATION postgres');
    expect(done.Error).toBe('ERROR: permission denied to set session authorization');
    expect(await value(alice, 'SELECT current_user')).toBe('iam:alice');
  });
});

describe('turning privilege enforcement on for an existing warehouse folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ri-db-users-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes superuser away from users the lenient mode made superusers', async () => {
    const lenient = await startTestServer({ dataDir: dir, resolveCaller: resolveTestCaller });
    const before = clientAs(lenient.endpoint, 'AKIDWAREHOUSE1');
    try {
      expect((await sql(before, 'CREATE SCHEMA made_while_lenient')).Status).toBe('FINISHED');
    } finally {
      before.destroy();
      await lenient.stop();
    }
    const enforced = await startTestServer({
      dataDir: dir,
      resolveCaller: resolveTestCaller,
      databaseUsers: { newUsers: 'no-privileges' },
    });
    const after = clientAs(enforced.endpoint, 'AKIDWAREHOUSE1');
    try {
      expect((await sql(after, 'CREATE SCHEMA made_while_enforced')).Error).toBe(
        'ERROR: permission denied for database dev',
      );
    } finally {
      after.destroy();
      await enforced.stop();
    }
  });
});
