/**
 * `redshift-ingest setup --print`: the one-time SQL an administrator runs before the first load
 * (docs/deploy.md, "Database set-up"): the pipeline's database user, the schemas and tables,
 * and the grants, for the user a deployment's stage and region imply (or `--user`).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setupStatements } from '../../shared/pipeline/setup';
import { repoRoot } from '../paths';

export const SETUP_USAGE = `redshift-ingest setup --print [--stage dev] [--region us-east-1] [--user NAME] [--no-create-user]

  Prints the SQL an administrator runs once per warehouse. The user is the pipeline's database
  user: IAMR:<warehouse role of that stage and region> on a workgroup (default), or --user (a
  cluster's redshiftDbUser, or the user of redshiftSecretArn).`;

interface DeployNames {
  warehouseRole: string;
}
type DeployConfig = { deriveNames: (stage: string, region: string) => DeployNames };

/** The warehouse role name serverless.yml gives a stage and region (bin/deploy-config.js). */
export function warehouseRoleName(stage: string, region: string): string {
  // The same module serverless resolves the RoleName with: one derivation, not two.
  const deployConfig = require(join(repoRoot(), 'bin', 'deploy-config.js')) as DeployConfig;
  return deployConfig.deriveNames(stage, region).warehouseRole;
}

/** `IAMR:<warehouse role>`: the database user of the pipeline on a workgroup. */
export const pipelineUserFor = (stage: string, region: string): string => `IAMR:${warehouseRoleName(stage, region)}`;

/** The set-up as one SQL script, statements separated by `;` and a blank line. */
export function setupScript(user: string, createUser: boolean): string {
  const header = [
    `-- redshift-ingest database set-up for ${user}: run once as an administrator (docs/deploy.md).`,
    ...(createUser ? ['-- The first statement fails if the user exists already: then run the rest.'] : []),
  ];
  return `${[...header, ...setupStatements(user, { createUser }).map((s) => `${s};`)].join('\n\n')}\n`;
}

/** Runs `setup`; resolves with the exit code. */
export async function setupCommand(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      print: { type: 'boolean', default: false },
      stage: { type: 'string', default: 'dev' },
      region: { type: 'string', default: 'us-east-1' },
      user: { type: 'string' },
      'no-create-user': { type: 'boolean', default: false },
    },
  });
  if (!v.print) {
    process.stderr.write(`${SETUP_USAGE}\n`);
    return 1;
  }
  out(setupScript(v.user ?? pipelineUserFor(v.stage, v.region), !v['no-create-user']));
  return 0;
}
