/**
 * The AWS CLI (`--endpoint-url`, path style) against the local server: cp (multipart above
 * 8 MiB), ls, mv (UploadPartCopy), rm --recursive (DeleteObjects). Skipped where no `aws` is installed.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { BUCKET, tempDir, useLocalS3 } from './s3-test-kit';

const run = promisify(execFile);

function hasAwsCli(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'aws')));
}

(hasAwsCli() ? describe : describe.skip)('local S3 server: AWS CLI compatibility', () => {
  const s3 = useLocalS3();
  const upload = tempDir();
  // Async exec: a synchronous child would block the server running in this process.
  const aws = async (...args: string[]) =>
    (
      await run('aws', ['--endpoint-url', s3.server.endpoint, ...args], {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_PAGER: '',
        },
      })
    ).stdout;

  beforeAll(async () => {
    fs.mkdirSync(path.join(upload, 'log_data', '2018', '11'), { recursive: true });
    fs.writeFileSync(path.join(upload, 'log_data', '2018', '11', 'my file+1 été.json'), '{"a":1}\n');
    const big = Buffer.alloc(9 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    fs.writeFileSync(path.join(upload, 'big.bin'), big);
  });
  afterAll(async () => {
    fs.rmSync(upload, { recursive: true, force: true });
  });

  it('uploads a folder, lists it, moves and deletes objects', async () => {
    await aws('s3', 'cp', '--quiet', '--recursive', upload, `s3://${BUCKET}/`);
    const listing = await aws('s3', 'ls', '--recursive', `s3://${BUCKET}/`);
    expect(listing).toMatch(/ 9437184 big\.bin\n/);
    expect(listing).toMatch(/ 8 log_data\/2018\/11\/my file\+1 été\.json\n/);
    expect((await s3.server.store.read(BUCKET, 'big.bin')).equals(fs.readFileSync(path.join(upload, 'big.bin')))).toBe(
      true,
    );
    expect(s3.records.map((r) => [r.eventName, r.s3.object.key]).sort()).toEqual([
      ['ObjectCreated:CompleteMultipartUpload', 'big.bin'],
      ['ObjectCreated:Put', 'log_data/2018/11/my+file%2B1+%C3%A9t%C3%A9.json'],
    ]);
    await aws('s3', 'mv', '--quiet', `s3://${BUCKET}/big.bin`, `s3://${BUCKET}/moved/big.bin`);
    expect(s3.server.store.head(BUCKET, 'moved/big.bin')?.size).toBe(9 * 1024 * 1024);
    expect(s3.server.store.head(BUCKET, 'big.bin')).toBeUndefined();
    await aws('s3', 'rm', '--quiet', '--recursive', `s3://${BUCKET}/`);
    expect(s3.server.store.count(BUCKET)).toBe(0);
  });
});
