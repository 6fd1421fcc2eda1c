import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCommand } from '../../bench/run';
import { generateSample } from '../generate';
import { EXAMPLE_DATASETS, generateExample, isExampleDataset } from '../generate/example-datasets';
import { datasetsDir, sparkifySampleDir } from '../paths';
import type { LocalStackOptions } from '../stack';
import { IAM_OFF_NOTICE } from '../stack-iam';
import { backfillCommand, loadCommand, replayCommand, sqlCommand } from './commands';
import { initCommand, validateCommand } from './datasets/commands';
import { resolveStateDir } from './run-local';
import { setupCommand } from './setup';
import { upCommand } from './up';

const USAGE = `redshift-ingest: S3 -> Redshift ingestion, with an embedded local stack

  redshift-ingest local up [--state DIR] [--s3-port N] [--data-api-port N] [--sfn-port N]
  redshift-ingest local load DIR [--state DIR] [--shuffle SEED] [--repeat N] [--json]
  redshift-ingest local replay (--prefix P | --key K ...) [--force] [--state DIR] [--json]
  redshift-ingest local backfill [--state DIR] [--json]
  redshift-ingest local sql "SELECT ..." [--state DIR] [--json]
  redshift-ingest generate DIR [--events N] [--songs N] [--seed S]
  redshift-ingest generate DIR --dataset subscriptions|listens [--rows N] [--seed S]   example datasets' files
  redshift-ingest setup --print [--stage S] [--region R] [--user NAME]   the database set-up SQL (docs/deploy.md)
  redshift-ingest datasets init NAME --prefix P --sample FILE   a dataset folder from a sample (.jsonl, .csv, .parquet)
  redshift-ingest datasets validate [--json]                     check every folder of datasets/
  redshift-ingest demo          load the Sparkify sample in samples/sparkify (npm start)
  redshift-ingest demo --dataset subscriptions|listens   generate and load an example dataset (npm start -- --dataset NAME)
  redshift-ingest bench [--json] (npm run bench)

Another datasets folder (default: the repository's datasets/): --datasets DIR
IAM: every run enforces the template's roles and policies; --strict-iam also refuses unknown access keys,
  --no-iam (or REDSHIFT_INGEST_IAM=off) turns enforcement off
Tuning for local runs: --batch-window MS, --batch-size N, --manifest-max-files N, --manifest-max-bytes N
Exit codes: 0 all files loaded or skipped; 2 some files quarantined (the rest loaded); 1 anything else.`;

class UsageError extends Error {
  override name = 'UsageError';
}

const int = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
};

const OPTIONS = {
  state: { type: 'string' },
  json: { type: 'boolean', default: false },
  shuffle: { type: 'string' },
  repeat: { type: 'string' },
  prefix: { type: 'string' },
  key: { type: 'string', multiple: true },
  force: { type: 'boolean', default: false },
  events: { type: 'string' },
  songs: { type: 'string' },
  seed: { type: 'string' },
  's3-port': { type: 'string' },
  'data-api-port': { type: 'string' },
  'sfn-port': { type: 'string' },
  'batch-window': { type: 'string' },
  'batch-size': { type: 'string' },
  'manifest-max-files': { type: 'string' },
  'manifest-max-bytes': { type: 'string' },
  datasets: { type: 'string' },
  dataset: { type: 'string' },
  rows: { type: 'string' },
  sample: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  // IAM enforcement follows local/stack-iam.ts (off by default for now); these turn it off / make it strict.
  'no-iam': { type: 'boolean', default: false },
  'strict-iam': { type: 'boolean', default: false },
} as const;

/** Runs the CLI; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'setup') return setupCommand(argv.slice(1));
  const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (v.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return v.help ? 0 : 1;
  }
  const stack: LocalStackOptions = {
    stateDir: resolveStateDir(v.state),
    s3Port: int(v['s3-port'], 's3-port'),
    dataApiPort: int(v['data-api-port'], 'data-api-port'),
    sfnPort: int(v['sfn-port'], 'sfn-port'),
    batchWindowMs: int(v['batch-window'], 'batch-window'),
    batchSize: int(v['batch-size'], 'batch-size'),
    manifestMaxFiles: int(v['manifest-max-files'], 'manifest-max-files'),
    manifestMaxBytes: int(v['manifest-max-bytes'], 'manifest-max-bytes'),
    datasetsDir: v.datasets === undefined ? undefined : resolve(v.datasets),
    iam: v['no-iam'] ? 'off' : v['strict-iam'] ? 'enforce' : undefined,
    strictIam: v['strict-iam'],
  };
  if (v['no-iam'] && v['strict-iam']) throw new UsageError('--no-iam and --strict-iam exclude each other');
  // Said where the run's output goes (stderr under --json, whose stdout stays JSON).
  if (v['no-iam']) (v.json ? process.stderr : process.stdout).write(`${IAM_OFF_NOTICE}\n`);
  const common = { stack, json: v.json };
  const [group, command, ...rest] = positionals;

  if (group === 'generate') {
    const dir = command;
    if (!dir) throw new UsageError('generate needs a DIR');
    if (v.dataset !== undefined) {
      if (!isExampleDataset(v.dataset)) {
        throw new UsageError(`--dataset must be one of ${EXAMPLE_DATASETS.join(', ')}, got '${v.dataset}'`);
      }
      const made = await generateExample(v.dataset, {
        dir: resolve(dir),
        rows: int(v.rows, 'rows'),
        seed: int(v.seed, 'seed'),
      });
      process.stdout.write(
        v.json
          ? `${JSON.stringify(made, null, 2)}\n`
          : `generated ${made.files.length} ${made.dataset} files (${made.rows} rows) in ${dir}\n`,
      );
      return 0;
    }
    const summary = await generateSample({
      dir: resolve(dir),
      events: int(v.events, 'events'),
      songs: int(v.songs, 'songs'),
      seed: int(v.seed, 'seed'),
    });
    process.stdout.write(
      v.json
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `generated ${summary.logFiles} log files (${summary.events} events) and ${summary.songFiles} song files in ${dir}\n`,
    );
    return 0;
  }
  if (group === 'datasets') {
    const dir = stack.datasetsDir ?? datasetsDir();
    if (command === 'validate') return validateCommand(dir, v.json);
    if (command === 'init') {
      const name = rest[0];
      if (!name || v.prefix === undefined || v.sample === undefined) {
        throw new UsageError('datasets init needs NAME, --prefix P and --sample FILE');
      }
      if (!existsSync(v.sample)) throw new UsageError(`no such file: ${v.sample}`);
      return initCommand({ datasetsDir: dir, name, prefix: v.prefix, sample: resolve(v.sample) }, v.json);
    }
    throw new UsageError(`unknown command 'datasets ${command ?? ''}'`);
  }
  if (group === 'demo') {
    if (v.dataset === undefined) return demo(common);
    if (!isExampleDataset(v.dataset)) {
      throw new UsageError(`demo --dataset must be one of ${EXAMPLE_DATASETS.join(', ')}, got '${v.dataset}'`);
    }
    // The example's files are generated into the state folder, then loaded like any folder.
    const dir = join(stack.stateDir, 'samples', v.dataset);
    await generateExample(v.dataset, { dir, rows: int(v.rows, 'rows'), seed: int(v.seed, 'seed') });
    return loadCommand(dir, { ...common, repeat: 1 });
  }
  if (group === 'bench') {
    return benchCommand({ json: v.json });
  }
  if (group !== 'local') throw new UsageError(`unknown command '${group}'`);

  switch (command) {
    case 'up':
      return upCommand(stack);
    case 'load': {
      const dir = rest[0];
      if (!dir) throw new UsageError('local load needs a DIR');
      if (!existsSync(dir)) throw new UsageError(`no such folder: ${dir}`);
      return loadCommand(resolve(dir), {
        ...common,
        shuffleSeed: int(v.shuffle, 'shuffle'),
        repeat: int(v.repeat, 'repeat') ?? 1,
      });
    }
    case 'replay': {
      if ((v.prefix === undefined) === (v.key === undefined))
        throw new UsageError('local replay needs --prefix P or --key K (not both)');
      return replayCommand({ prefix: v.prefix, keys: v.key, force: v.force }, common);
    }
    case 'backfill':
      return backfillCommand(common);
    case 'sql': {
      const sql = rest[0];
      if (!sql) throw new UsageError('local sql needs a SQL statement');
      return sqlCommand(sql, common);
    }
    default:
      throw new UsageError(`unknown command 'local ${command ?? ''}'`);
  }
}

/** `npm start`: the real Sparkify sample the repository ships, loaded end to end on the embedded default. */
function demo(common: { stack: LocalStackOptions; json: boolean }): Promise<number> {
  return loadCommand(sparkifySampleDir(), { ...common, repeat: 1 });
}
