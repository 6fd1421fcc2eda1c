/**
 * Issue 12, findings 3 and 4 on the two awsJson endpoints (the Data API and Step Functions):
 * an over-limit body is a 400 in the service's error shape (was: the body was buffered whole,
 * then a 500), and a foreign Host or a browser Origin is refused with 403 before the service
 * sees the request (was: served). Each server still answers the real SDK client afterwards.
 */
import { ListDatabasesCommand } from '@aws-sdk/client-redshift-data';
import { ListExecutionsCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import type { DataApiServer } from '../../../local/data-api';
import { DEFAULT_BODY_LIMIT } from '../../../local/http-body';
import { type SfnServer, startSfnServer } from '../../../local/stepfunctions/server';
import { CONNECTION, dataApiClient, startTestServer } from '../data-api/support';
import { type RawResponse, raw } from '../s3/raw-http';
import { fixtureMachines, sfnClient } from '../stepfunctions/sfn-test-kit';

interface Endpoint {
  name: string;
  target: string;
  contentType: string;
  tooLargeCode: string;
  /** A body the operation accepts. */
  validBody: string;
  endpoint(): string;
  /** A call through the real SDK client that must still succeed. */
  stillServes(): Promise<unknown>;
}

let dataApi: DataApiServer;
let dataApiWithOrigin: DataApiServer;
let sfn: SfnServer;
let sfnWithOrigin: SfnServer;

const ALLOWED = 'http://localhost:5173';

beforeAll(async () => {
  dataApi = await startTestServer();
  dataApiWithOrigin = await startTestServer({ guard: { allowedOrigins: [ALLOWED] } });
  const common = {
    machines: fixtureMachines(),
    invokeLambda: async () => ({}),
    dataApi: { endpoint: 'http://127.0.0.1:9' },
    waitScale: 0.001,
  };
  sfn = await startSfnServer(common);
  sfnWithOrigin = await startSfnServer({ ...common, guard: { allowedOrigins: [ALLOWED] } });
});

afterAll(async () => {
  await Promise.all([dataApi.stop(), dataApiWithOrigin.stop(), sfn.stop(), sfnWithOrigin.stop()]);
});

const endpoints: Endpoint[] = [
  {
    name: 'Data API',
    target: 'RedshiftData.ListDatabases',
    contentType: 'application/x-amz-json-1.1',
    tooLargeCode: 'SerializationException',
    validBody: JSON.stringify(CONNECTION),
    endpoint: () => dataApi.endpoint,
    async stillServes() {
      const client = dataApiClient(dataApi.endpoint);
      try {
        return (await client.send(new ListDatabasesCommand(CONNECTION))).Databases;
      } finally {
        client.destroy();
      }
    },
  },
  {
    name: 'Step Functions',
    target: 'AWSStepFunctions.ListStateMachines',
    contentType: 'application/x-amz-json-1.0',
    tooLargeCode: 'ValidationException',
    validBody: '{}',
    endpoint: () => sfn.endpoint,
    async stillServes() {
      const client = sfnClient(sfn.endpoint);
      try {
        return (await client.send(new ListStateMachinesCommand({}))).stateMachines?.length;
      } finally {
        client.destroy();
      }
    },
  },
];

function post(endpoint: string, target: string, contentType: string, extra: Record<string, string | number> = {}) {
  return (body: string | Buffer | ((req: import('node:http').ClientRequest) => void)): Promise<RawResponse> =>
    raw(endpoint, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': contentType, 'x-amz-target': target, ...extra },
      body,
    });
}

describe.each(endpoints)('$name endpoint', (ep) => {
  it('answers a body over the limit with 400 and its own error code, then keeps serving', async () => {
    const big = Buffer.alloc(DEFAULT_BODY_LIMIT + 1024, 0x20);
    const res = await post(ep.endpoint(), ep.target, ep.contentType)(big);
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe(ep.tooLargeCode);
    expect(JSON.parse(res.body)).toEqual({
      __type: ep.tooLargeCode,
      message: `Request body of ${big.length} bytes exceeds the limit of ${DEFAULT_BODY_LIMIT} bytes`,
    });
    expect(await ep.stillServes()).toBeTruthy();
  });

  it('refuses a streamed body without Content-Length once it passes the limit', async () => {
    const res = await post(ep.endpoint(), ep.target, ep.contentType, { 'transfer-encoding': 'chunked' })((req) => {
      const piece = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 12) {
          sent += 1;
          if (!req.write(piece)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      req.on('error', () => undefined);
      pump();
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      __type: ep.tooLargeCode,
      message: `Request body exceeds the limit of ${DEFAULT_BODY_LIMIT} bytes`,
    });
  });

  it('refuses a Host that is not loopback (DNS rebinding) with 403 AccessDeniedException', async () => {
    const res = await post(ep.endpoint(), ep.target, ep.contentType, { host: 'evil.example:80' })('{}');
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(res.body)).toEqual({
      __type: 'AccessDeniedException',
      message: 'Host "evil.example:80" is not a loopback name',
    });
  });

  it('refuses a browser Origin unless configured', async () => {
    const res = await post(ep.endpoint(), ep.target, ep.contentType, { origin: 'http://evil.example' })('{}');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({
      __type: 'AccessDeniedException',
      message: 'Browser requests from origin "http://evil.example" are not allowed',
    });
  });

  it('accepts loopback names in Host (localhost, 127.0.0.1, [::1])', async () => {
    for (const host of ['localhost', '127.0.0.1:1234', '[::1]:80']) {
      const res = await post(ep.endpoint(), ep.target, ep.contentType, { host })(ep.validBody);
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
    }
  });
});

describe('a configured browser origin', () => {
  it('reaches the Data API and Step Functions; other origins still do not', async () => {
    const dataOk = await post(dataApiWithOrigin.endpoint, 'RedshiftData.ListDatabases', 'application/x-amz-json-1.1', {
      origin: ALLOWED,
    })(JSON.stringify(CONNECTION));
    expect(dataOk.status).toBe(200);
    expect(JSON.parse(dataOk.body).Databases).toContain('dev');
    const sfnOk = await post(sfnWithOrigin.endpoint, 'AWSStepFunctions.ListExecutions', 'application/x-amz-json-1.0', {
      origin: ALLOWED,
    })(JSON.stringify({ stateMachineArn: sfnWithOrigin.stateMachineArn(fixtureMachines().lambdaTasks.name) }));
    expect(sfnOk.status).toBe(200);
    expect(JSON.parse(sfnOk.body)).toEqual({ executions: [] });
    const other = await post(sfnWithOrigin.endpoint, 'AWSStepFunctions.ListExecutions', 'application/x-amz-json-1.0', {
      origin: 'http://localhost:9999',
    })('{}');
    expect(other.status).toBe(403);
    const client = sfnClient(sfnWithOrigin.endpoint);
    try {
      const listed = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: sfnWithOrigin.stateMachineArn(fixtureMachines().lambdaTasks.name),
        }),
      );
      expect(listed.executions).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
