/**
 * Names the warehouse does not have: an unknown workgroup or cluster is refused when the
 * statement is submitted; an unknown database fails the statement (connecting to it fails)
 * and fails catalog operations at once.
 */
import { ExecuteStatementCommand, ListSchemasCommand, type RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { DataApiServer } from '../../../local/data-api';
import { clientAs } from './identities';
import { startTestServer, waitFor } from './support';

let server: DataApiServer;
let client: RedshiftDataClient;

beforeAll(async () => {
  server = await startTestServer({ warehouse: { workgroups: ['local'], clusters: ['local-cluster'] } });
  client = clientAs(server.endpoint, 'AKIDANYTHING');
});
afterAll(async () => {
  client.destroy();
  await server.stop();
});

describe('unknown workgroup, cluster and database', () => {
  it("an unknown database fails the statement with Redshift's connection error, and nothing reads dev", async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'local',
        Database: 'analytics',
        Sql: 'CREATE TABLE t_unknown_db (a int)',
      }),
    );
    const done = await waitFor(client, Id as string);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toBe('FATAL: database "analytics" does not exist');
    const check = await client.send(
      new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: 'SELECT * FROM t_unknown_db' }),
    );
    expect((await waitFor(client, check.Id as string)).Error).toBe('ERROR: relation "t_unknown_db" does not exist');
  });

  it('an unknown database fails ListSchemas with DatabaseConnectionException', async () => {
    await expect(
      client.send(new ListSchemasCommand({ WorkgroupName: 'local', Database: 'analytics' })),
    ).rejects.toMatchObject({
      name: 'DatabaseConnectionException',
      message: 'FATAL: database "analytics" does not exist',
    });
  });

  it('an unknown workgroup or cluster is refused at submission', async () => {
    for (const target of [{ WorkgroupName: 'nope' }, { ClusterIdentifier: 'nope', DbUser: 'awsuser' }]) {
      await expect(
        client.send(new ExecuteStatementCommand({ ...target, Database: 'dev', Sql: 'SELECT 1' })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: "Redshift endpoint doesn't exist in this region.",
      });
    }
  });
});
