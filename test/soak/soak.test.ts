/**
 * Soak test (issue 12): a started stack (the one `local up` runs) takes 200 concurrent clients
 * sending mixed requests, malformed ones included, for SOAK_SECONDS (default 10; `SOAK_SECONDS=60`
 * for the recorded figures), while the Sparkify sample loads alongside through the event path.
 * Loopback only. Pass: the process stays up and every endpoint still answers, no request gets a
 * 5xx or a dropped connection, peak RSS stays under SOAK_MAX_RSS_MIB (default 2048), and the load
 * ends with the tables of a clean run. Figures (requests/s, answers by code, peak RSS) are printed.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { runLoad } from '../../local/cli/commands';
import { LOCAL_WORKGROUP } from '../../local/lambda/environment';
import { FIXTURE, startTestStack } from '../support/stack';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 10);
const CLIENTS = 200;
const MAX_RSS_MIB = Number(process.env.SOAK_MAX_RSS_MIB ?? 2048);
/** Tables of a clean run of samples/sparkify (docs/architecture.md). */
const CLEAN_RUN = { songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 };

interface Req {
  kind: string;
  endpoint: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

type Endpoints = { s3: string; dataApi: string; sfn: string };

const md5 = (body: string) => createHash('md5').update(body).digest('base64');
const dataApi = (op: string, body: string): Omit<Req, 'kind' | 'endpoint'> => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RedshiftData.${op}` },
  body,
});
const sfnCall = (op: string, body: string): Omit<Req, 'kind' | 'endpoint'> => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${op}` },
  body,
});

/** The request mix: S3 reads/writes outside the data prefixes (no load events), Data API, SFN. */
function nextRequest(n: number, bucket: string, e: Endpoints, stateMachineArn: string): Req {
  // PUT, GET and DeleteObjects of one round of the mix share a key, so GETs find objects.
  const key = `soak/${Math.floor(n / 16) % 500}.txt`;
  const deleteBody = `<Delete><Object><Key>${key}</Key></Object></Delete>`;
  const connection = { WorkgroupName: LOCAL_WORKGROUP, Database: 'dev' };
  const mix: Array<() => Req> = [
    () => ({ kind: 's3.put', endpoint: e.s3, method: 'PUT', path: `/${bucket}/${key}`, body: `body ${n}` }),
    () => ({ kind: 's3.get', endpoint: e.s3, method: 'GET', path: `/${bucket}/${key}` }),
    () => ({ kind: 's3.list', endpoint: e.s3, method: 'GET', path: `/${bucket}?list-type=2&prefix=soak/&max-keys=50` }),
    () => ({
      kind: 's3.deleteObjects',
      endpoint: e.s3,
      method: 'POST',
      path: `/${bucket}?delete`,
      headers: { 'content-md5': md5(deleteBody), 'content-type': 'application/xml' },
      body: deleteBody,
    }),
    () => ({ kind: 's3.bad.deleteNoMd5', endpoint: e.s3, method: 'POST', path: `/${bucket}?delete`, body: deleteBody }),
    () => ({
      kind: 's3.bad.deleteNotXml',
      endpoint: e.s3,
      method: 'POST',
      path: `/${bucket}?delete`,
      headers: { 'content-md5': md5('not xml <<<') },
      body: 'not xml <<<',
    }),
    () => ({
      kind: 's3.bad.chunked',
      endpoint: e.s3,
      method: 'PUT',
      path: `/${bucket}/soak/chunked-${n % 50}`,
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '5',
      },
      body: 'ZZ\r\nhello\r\n0\r\n\r\n',
    }),
    () => ({
      kind: 's3.bad.keyTooLong',
      endpoint: e.s3,
      method: 'PUT',
      path: `/${bucket}/${'k'.repeat(1100)}`,
      body: 'x',
    }),
    () => ({
      kind: 'dataApi.execute',
      endpoint: e.dataApi,
      ...dataApi('ExecuteStatement', JSON.stringify({ ...connection, Sql: 'SELECT 1' })),
    }),
    () => ({ kind: 'dataApi.listStatements', endpoint: e.dataApi, ...dataApi('ListStatements', '{"MaxResults":5}') }),
    () => ({ kind: 'dataApi.bad.json', endpoint: e.dataApi, ...dataApi('ExecuteStatement', '{"Sql": ') }),
    () => ({ kind: 'dataApi.bad.shape', endpoint: e.dataApi, ...dataApi('ExecuteStatement', '{"Sql": 42}') }),
    () => ({ kind: 'dataApi.bad.op', endpoint: e.dataApi, ...dataApi('DropEverything', '{}') }),
    () => ({
      kind: 'sfn.list',
      endpoint: e.sfn,
      ...sfnCall('ListExecutions', JSON.stringify({ stateMachineArn, maxResults: 10 })),
    }),
    () => ({ kind: 'sfn.bad.json', endpoint: e.sfn, ...sfnCall('ListExecutions', '{{') }),
    () => ({ kind: 'sfn.bad.arn', endpoint: e.sfn, ...sfnCall('DescribeExecution', '{"executionArn":"nope"}') }),
  ];
  return mix[n % mix.length]();
}

function send(agent: http.Agent, r: Req): Promise<number> {
  const url = new URL(r.endpoint);
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers: { ...r.headers, 'content-length': String(body.length) },
        agent,
        timeout: 60_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${r.kind} in 60 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

describe('soak', () => {
  it(
    `${CLIENTS} concurrent clients with malformed requests for ${SECONDS} s while Sparkify loads`,
    async () => {
      const stack = await startTestStack();
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 200);
      const byKind = new Map<string, Map<string, number>>();
      const count = (kind: string, outcome: string) => {
        const m = byKind.get(kind) ?? new Map<string, number>();
        m.set(outcome, (m.get(outcome) ?? 0) + 1);
        byKind.set(kind, m);
      };
      try {
        const load = runLoad(stack, FIXTURE);
        const started = Date.now();
        const until = started + SECONDS * 1000;
        let n = 0;
        const client = async () => {
          while (Date.now() < until) {
            const r = nextRequest(n++, stack.bucket, stack.endpoints, stack.stateMachineArn);
            try {
              count(r.kind, String(await send(agent, r)));
            } catch (error) {
              count(r.kind, `socket: ${(error as Error).message.slice(0, 60)}`);
            }
          }
        };
        await Promise.all(Array.from({ length: CLIENTS }, client));
        const elapsed = (Date.now() - started) / 1000;
        const report = await load;
        clearInterval(sampler);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);

        const total = [...byKind.values()].reduce((s, m) => s + [...m.values()].reduce((a, b) => a + b, 0), 0);
        const codes = new Map<string, number>();
        for (const m of byKind.values()) for (const [code, k] of m) codes.set(code, (codes.get(code) ?? 0) + k);
        const figures = {
          seconds: Math.round(elapsed),
          clients: CLIENTS,
          requests: total,
          requestsPerSecond: Math.round(total / elapsed),
          answersByCode: Object.fromEntries([...codes].sort()),
          byKind: Object.fromEntries([...byKind].sort().map(([k, m]) => [k, Object.fromEntries(m)])),
          peakRssMiB: Math.round(peakRss / 2 ** 20),
          tables: report.tables,
        };
        process.stdout.write(`SOAK FIGURES ${JSON.stringify(figures)}\n`);

        // Every answer is an HTTP status below 500; no dropped connection.
        expect([...codes.keys()].filter((c) => !/^[1-4]\d\d$/.test(c))).toEqual([]);
        // Malformed requests got their 4xx, valid ones 2xx.
        expect(byKind.get('s3.bad.chunked')?.get('400')).toBeGreaterThan(0);
        expect(byKind.get('dataApi.bad.json')?.get('400')).toBeGreaterThan(0);
        expect(byKind.get('sfn.list')?.get('200')).toBeGreaterThan(0);
        expect(peakRss / 2 ** 20).toBeLessThan(MAX_RSS_MIB);
        // The load alongside ends as a clean run does.
        expect(report.tables).toEqual(CLEAN_RUN);
        // Still up: each endpoint answers.
        const again = (n: number) => send(agent, nextRequest(n, stack.bucket, stack.endpoints, stack.stateMachineArn));
        expect([await again(0), await again(1), await again(8), await again(13)]).toEqual([200, 200, 200, 200]);
      } finally {
        clearInterval(sampler);
        agent.destroy();
        await stack.cleanup();
      }
    },
    30 * 60_000,
  );
});
