/** The CLI's IAM flags: --no-iam says so in its output; --no-iam with --strict-iam is a usage error. */
import { main } from '../../../local/cli/main';
import { tempDir } from '../../support/stack';

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

it('local sql --no-iam runs and prints that enforcement is off', async () => {
  const r = await runCli(['local', 'sql', 'SELECT 41 + 1 AS answer', '--no-iam', '--state', tempDir('cli-no-iam')]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('IAM enforcement is off (--no-iam): every call is allowed');
  expect(r.out).toContain('42');
});

it('refuses --no-iam with --strict-iam', async () => {
  const r = await runCli(['local', 'sql', 'SELECT 1', '--no-iam', '--strict-iam', '--state', tempDir('cli-both')]);
  expect(r.code).toBe(1);
  expect(r.err).toContain('--no-iam and --strict-iam exclude each other');
});
