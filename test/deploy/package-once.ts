/**
 * Runs `serverless package` once per test file into a temp folder, offline: no AWS credentials,
 * no telemetry, no prompts. Returns the CloudFormation template and the folder with the zips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export interface Packaged {
  dir: string;
  template: Template;
}

export interface Template {
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, unknown>;
}

export interface Resource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  // CloudFormation properties are free-form JSON; tests narrow them where they look.
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON; tests narrow them where they look
  Properties: any;
}

/** The defaults are what CI packages with: they must work without any --param. */
export const PACKAGE_PARAMS: string[] = [];

/**
 * A copy of the repository's tracked files (node_modules linked), without the `datasets/` folders
 * named: packaging another set of datasets rewrites shared/datasets/catalog.generated.json, which
 * must not change under the tests running beside this one.
 */
export function repositoryCopyWithout(datasets: string[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'sls-repo-'));
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0');
  for (const file of files) {
    if (!file || datasets.some((d) => file.startsWith(`datasets/${d}/`)) || !existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(copy, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

export function packageService(extraArgs: string[] = [], cwd = repoRoot): Packaged {
  const dir = mkdtempSync(join(tmpdir(), 'sls-package-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    CI: '1',
  };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
    delete env[name];
  const params = PACKAGE_PARAMS.map((p) => `--param=${p}`);
  const bin = join(repoRoot, 'node_modules', '.bin', 'serverless');
  const run = spawnSync(bin, ['package', '--package', dir, ...params, ...extraArgs], {
    cwd,
    env,
    // stdin closed: a prompt (none is expected) fails fast instead of hanging the suite.
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (run.status !== 0) {
    throw new Error(`serverless package failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  }
  const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  return { dir, template };
}
