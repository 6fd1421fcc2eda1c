/**
 * Property-based test of the Data API's request handling over real HTTP: random operations
 * (known and unknown) with random JSON bodies, bodies shaped like the API's (known members with
 * values of any JSON type), and bodies that are not JSON at all, against a started server.
 * Every request gets a well-formed awsJson answer: 200, or a 4xx whose body is
 * `{"__type","message"}` and whose `x-amzn-ErrorType` names the same code. Never a 500, except
 * DatabaseConnectionException, which the service models as a server fault (catalog operations
 * on a database the warehouse does not have). Afterwards the server still serves the SDK.
 */
import * as http from 'node:http';
import { ListDatabasesCommand } from '@aws-sdk/client-redshift-data';
import fc from 'fast-check';
import type { DataApiServer } from '../../local/data-api';
import { CONNECTION, dataApiClient, startTestServer } from '../integration/data-api/support';
import { fuzzParams, fuzzTimeout } from './fuzz-config';

const RUNS = 200;

const OPERATIONS = [
  'ExecuteStatement',
  'BatchExecuteStatement',
  'DescribeStatement',
  'GetStatementResult',
  'GetStatementResultV2',
  'CancelStatement',
  'ListStatements',
  'ListSessions',
  'ListDatabases',
  'ListSchemas',
  'ListTables',
  'DescribeTable',
];

const MEMBERS = [
  'Sql',
  'Sqls',
  'Database',
  'ClusterIdentifier',
  'WorkgroupName',
  'DbUser',
  'SecretArn',
  'Parameters',
  'Id',
  'StatementName',
  'WithEvent',
  'SessionId',
  'SessionKeepAliveSeconds',
  'NextToken',
  'MaxResults',
  'Status',
  'RoleLevel',
  'ResultFormat',
  'Schema',
  'Table',
  'SchemaPattern',
  'TablePattern',
  'ConnectedDatabase',
  'ClientToken',
];

/** Values that reach deeper than the shape checks: plausible strings, SQL, ids, parameters. */
const plausible = fc.oneof(
  fc.constantFrom(
    'SELECT 1',
    'SELECT :x',
    "SELECT 'unterminated",
    'CREATE TEMP TABLE t (x INT)',
    'BEGIN',
    'dev',
    'local-cluster',
    'awsuser',
    'public',
    '%',
    'ALL',
    'FINISHED',
    'CSV',
    'JSON',
    '00000000-0000-4000-8000-000000000000',
    '00000000-0000-4000-8000-000000000000:1',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:x',
  ),
  fc.array(fc.record({ name: fc.string({ maxLength: 6 }), value: fc.string({ maxLength: 6 }) }), { maxLength: 3 }),
  fc.array(fc.constantFrom('SELECT 1', 'SELECT :x', 'nonsense'), { maxLength: 3 }),
  fc.integer({ min: -5, max: 100_000 }),
);

const shapedBody = fc
  .dictionary(fc.constantFrom(...MEMBERS), fc.oneof(plausible, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 })
  .chain((members) =>
    fc.boolean().map((withConnection) => JSON.stringify(withConnection ? { ...CONNECTION, ...members } : members)),
  );

const body = fc.oneof(
  shapedBody,
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  shapedBody.chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n))),
);

const target = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...OPERATIONS).map((op) => `RedshiftData.${op}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

let server: DataApiServer;
let agent: http.Agent;

beforeAll(async () => {
  server = await startTestServer();
  agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
});

afterAll(async () => {
  agent.destroy();
  await server.stop();
});

interface Answer {
  status: number;
  errorType?: string;
  body: string;
}

function post(xAmzTarget: string, text: string): Promise<Answer> {
  const url = new URL(server.endpoint);
  const payload = Buffer.from(text, 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'content-length': String(payload.length),
          // Node refuses control characters in header values; a target with them is a client-side error.
          'x-amz-target': xAmzTarget.replace(/[^\x20-\x7e]/g, '?'),
        },
        agent,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            errorType: res.headers['x-amzn-errortype'] as string | undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${xAmzTarget}`)));
    req.on('error', reject);
    req.end(payload);
  });
}

describe('Data API requests (property-based, over HTTP)', () => {
  it(
    'answers every request with 200 or a well-formed 4xx error, never a 500',
    async () => {
      await fc.assert(
        fc.asyncProperty(target, body, async (xAmzTarget, text) => {
          const answer = await post(xAmzTarget, text);
          const parsed = JSON.parse(answer.body) as { __type?: unknown; message?: unknown };
          if (answer.status === 200) return;
          expect(typeof parsed.__type).toBe('string');
          expect(typeof parsed.message).toBe('string');
          expect(answer.errorType).toBe(parsed.__type);
          const serverFault = answer.status === 500 && parsed.__type === 'DatabaseConnectionException';
          expect({
            status: answer.status,
            type: parsed.__type,
            ok: serverFault || (answer.status >= 400 && answer.status < 500),
          }).toEqual({
            status: answer.status,
            type: parsed.__type,
            ok: true,
          });
        }),
        fuzzParams(RUNS),
      );
      // Still serving the real SDK after everything above.
      const client = dataApiClient(server.endpoint);
      try {
        const listed = await client.send(new ListDatabasesCommand(CONNECTION));
        expect(listed.Databases).toContain('dev');
      } finally {
        client.destroy();
      }
    },
    fuzzTimeout(RUNS, 200),
  );
});
