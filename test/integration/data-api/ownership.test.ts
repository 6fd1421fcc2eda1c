/**
 * Statement visibility: DescribeStatement, GetStatementResult, CancelStatement and
 * ListStatements see only the statements of the caller's IAM identity (any IAM session of the
 * same role), as the Data API scopes them. Here the pipeline's case: the Lambdas' role submits,
 * the state machine's role polls.
 */
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { DataApiServer } from '../../../local/data-api';
import { clientAs, resolveTestCaller } from './identities';
import { startTestServer, waitFor } from './support';

const WORKGROUP = { WorkgroupName: 'local', Database: 'dev' };

let server: DataApiServer;
let lambdas: RedshiftDataClient;
let lambdasOtherSession: RedshiftDataClient;
let stateMachine: RedshiftDataClient;

beforeAll(async () => {
  server = await startTestServer({ resolveCaller: resolveTestCaller });
  lambdas = clientAs(server.endpoint, 'AKIDWAREHOUSE1');
  lambdasOtherSession = clientAs(server.endpoint, 'AKIDWAREHOUSE2');
  stateMachine = clientAs(server.endpoint, 'AKIDSTATEMACHINE');
});
afterAll(async () => {
  for (const c of [lambdas, lambdasOtherSession, stateMachine]) c.destroy();
  await server.stop();
});

async function submitAsLambdas(sql = 'SELECT 1 AS one'): Promise<string> {
  const { Id } = await lambdas.send(new ExecuteStatementCommand({ ...WORKGROUP, Sql: sql }));
  await waitFor(lambdas, Id as string);
  return Id as string;
}

describe('a statement is visible only to the identity that submitted it', () => {
  it('DescribeStatement from another role fails with ResourceNotFoundException "Query does not exist."', async () => {
    const id = await submitAsLambdas();
    await expect(stateMachine.send(new DescribeStatementCommand({ Id: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Query does not exist.',
      ResourceId: id,
    });
    // The submitter still sees it, from another IAM session of its role too.
    const own = await lambdasOtherSession.send(new DescribeStatementCommand({ Id: id }));
    expect(own.Status).toBe('FINISHED');
  });

  it('GetStatementResult from another role is refused the same way', async () => {
    const id = await submitAsLambdas();
    await expect(stateMachine.send(new GetStatementResultCommand({ Id: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Query does not exist.',
    });
    const rows = await lambdas.send(new GetStatementResultCommand({ Id: id }));
    expect(rows.Records).toEqual([[{ longValue: 1 }]]);
  });

  it('CancelStatement of another identity fails and the statement keeps running to its end', async () => {
    const { Id } = await lambdas.send(
      new ExecuteStatementCommand({ ...WORKGROUP, Sql: 'SELECT pg_sleep(0.2), 2 AS two' }),
    );
    await expect(stateMachine.send(new CancelStatementCommand({ Id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Query does not exist.',
    });
    expect((await waitFor(lambdas, Id as string)).Status).toBe('FINISHED');
  });

  it("ListStatements lists the role's statements (RoleLevel true, the default) or only its session's (false)", async () => {
    const mine = await submitAsLambdas('SELECT 3 AS listed_mine');
    const { Id: other } = await lambdasOtherSession.send(
      new ExecuteStatementCommand({ ...WORKGROUP, Sql: 'SELECT 4 AS listed_other_session' }),
    );
    await waitFor(lambdasOtherSession, other as string);
    const ids = async (client: RedshiftDataClient, roleLevel?: boolean) =>
      ((await client.send(new ListStatementsCommand({ Status: 'ALL', RoleLevel: roleLevel }))).Statements ?? []).map(
        (s) => s.Id,
      );
    const roleWide = await ids(lambdas);
    expect(roleWide).toEqual(expect.arrayContaining([mine, other]));
    const sessionOnly = await ids(lambdas, false);
    expect(sessionOnly).toContain(mine);
    expect(sessionOnly).not.toContain(other);
    expect(await ids(stateMachine)).toEqual([]);
  });
});
