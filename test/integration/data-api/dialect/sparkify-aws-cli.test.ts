/**
 * The Sparkify warehouse example (examples/redshift-sql/sparkify-warehouse) runs unchanged
 * through the AWS CLI against `redshift-ingest local up`: the sample is copied with
 * `aws s3 cp --recursive`, the script's statements go in one `aws redshift-data
 * batch-execute-statement`, and counts.sql must answer expected-counts.json. Skipped only where
 * no `aws` is on PATH (as test/integration/s3/aws-cli-compat.test.ts).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { joinTokens, splitStatements, tokenize } from '../../../../local/data-api/dialect/sql-tokenizer';
import { FIXTURE, tempDir } from '../../../support/stack';

const run = promisify(execFile);
const EXAMPLE = path.resolve(__dirname, '../../../../examples/redshift-sql/sparkify-warehouse');
const BIN = path.resolve(__dirname, '../../../../bin/redshift-ingest.js');

function hasAwsCli(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'aws')));
}

/** The statements of a script file, as a client would send them one by one. */
function statements(file: string): string[] {
  return splitStatements(tokenize(fs.readFileSync(path.join(EXAMPLE, file), 'utf8')))
    .map((s) => joinTokens(s).trim())
    .filter((s) => !/^(--[^\n]*\n?\s*)*$/.test(s));
}

(hasAwsCli() ? describe : describe.skip)('Sparkify warehouse script through the AWS CLI against local up', () => {
  let child: ChildProcess | undefined;
  let endpoints = { s3: '', dataApi: '' };
  const aws = async (endpoint: string, ...args: string[]) =>
    (
      await run('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], {
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_PAGER: '',
        },
      })
    ).stdout;
  const dataApi = async (...args: string[]) => JSON.parse(await aws(endpoints.dataApi, 'redshift-data', ...args));

  /** describe-statement until FINISHED / FAILED / ABORTED (at most 600 polls, 100 ms apart). */
  const settle = async (id: string) => {
    for (let poll = 0; poll < 600; poll++) {
      const d = await dataApi('describe-statement', '--id', id);
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status)) return d;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`statement ${id} did not finish after 600 polls`);
  };

  beforeAll(async () => {
    const work = tempDir('sparkify-cli');
    child = spawn(process.execPath, [BIN, 'local', 'up'], { cwd: work });
    endpoints = await new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      child?.stderr?.on('data', (chunk) => {
        err += chunk;
      });
      child?.stdout?.on('data', (chunk) => {
        out += chunk;
        const s3 = /S3 endpoint: (\S+)/.exec(out)?.[1];
        const api = /Redshift Data API endpoint: (\S+)/.exec(out)?.[1];
        if (s3 && api) resolve({ s3, dataApi: api });
      });
      child?.once('exit', (code) => reject(new Error(`local up exited with ${code}: ${err.trim()}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  });

  it('loads the sample with COPY and builds the star schema with the counts the example states', async () => {
    await aws(endpoints.s3, 's3', 'cp', '--quiet', '--recursive', FIXTURE, 's3://sparkify-ingest/examples/sparkify/');
    const connection = ['--workgroup-name', 'local', '--database', 'dev'];
    const script = statements('warehouse.sql');
    expect(script.length).toBeGreaterThan(20);
    const batch = await dataApi('batch-execute-statement', ...connection, '--sqls', ...script);
    const done = await settle(batch.Id);
    expect({ status: done.Status, error: done.Error }).toEqual({ status: 'FINISHED', error: undefined });
    expect(done.SubStatements.map((s: { Status: string }) => s.Status)).toEqual(script.map(() => 'FINISHED'));

    const [countsSql] = statements('counts.sql');
    const counts = await dataApi('execute-statement', ...connection, '--sql', countsSql);
    expect((await settle(counts.Id)).Status).toBe('FINISHED');
    const result = await dataApi('get-statement-result', '--id', counts.Id);
    const got = Object.fromEntries(
      result.Records.map((r: [{ stringValue: string }, { longValue: number }]) => [r[0].stringValue, r[1].longValue]),
    );
    expect(got).toEqual(JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'expected-counts.json'), 'utf8')));
    expect(result.ColumnMetadata.map((c: { typeName: string }) => c.typeName)).toEqual(['varchar', 'int8']);
  }, 300_000);
});
