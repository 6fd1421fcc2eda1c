import { batchPaths, stagingTablesOf } from '../../../../shared/batch-id';
import { ConfigError, InvalidEventError } from '../../../../shared/errors';
import { copyStatements } from '../../../../shared/pipeline/copy-statements';
import {
  adminTarget,
  grantStatements,
  runSetup,
  setupStatements,
  setupTables,
  setupUser,
} from '../../../../shared/pipeline/setup';
import { ScriptedWarehouse, testConfig } from '../../../support/fakes';

const USER = 'IAMR:redshift-ingest-dev-us-east-1-warehouse';

describe('database set-up', () => {
  it('creates the ledger, the quality results and every dataset target table', () => {
    expect(setupTables()).toEqual(
      expect.arrayContaining([
        'ingest.loaded_files',
        'ingest.quality_results',
        'public.songplays',
        'public.users',
        'public.songs',
        'public.artists',
        'public.time',
      ]),
    );
  });

  it('hands the staging schema to the pipeline user and grants it DML, never DDL, on the rest', () => {
    const grants = grantStatements(USER);
    expect(grants[0]).toBe(`ALTER SCHEMA staging OWNER TO "${USER}"`);
    expect(grants[1]).toMatch(new RegExp(`^GRANT USAGE ON SCHEMA ingest, public TO "${USER}"$`));
    expect(grants[2]).toMatch(/^GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ingest\.loaded_files, /);
    for (const t of setupTables()) expect(grants[2]).toContain(t);
    expect(grants.join('\n')).not.toMatch(/\bCREATE\b|ALL PRIVILEGES|SUPERUSER/);
  });

  it('prints CREATE USER ... PASSWORD DISABLE first when asked, then the tables, then the grants', () => {
    const sql = setupStatements(USER, { createUser: true });
    expect(sql[0]).toBe(`CREATE USER "${USER}" PASSWORD DISABLE`);
    expect(sql[1]).toBe('CREATE SCHEMA IF NOT EXISTS ingest');
    expect(sql.slice(-3)).toEqual(grantStatements(USER));
    expect(setupStatements(USER, { createUser: false })[0]).toBe('CREATE SCHEMA IF NOT EXISTS ingest');
  });

  it('refuses a user name that could break out of its quotes', () => {
    expect(() => grantStatements('IAMR:x" WITH SUPERUSER --')).toThrow(ConfigError);
  });

  it('creates the user only when pg_user has no such user, then runs tables and grants as one transaction', async () => {
    const fresh = new ScriptedWarehouse();
    const created = await runSetup(fresh, USER);
    expect(fresh.queries.map((q) => q.params)).toEqual([{ user: USER }]);
    expect(fresh.runBatches[0]).toEqual([`CREATE USER "${USER}" PASSWORD DISABLE`]);
    expect(fresh.runBatches[1]).toEqual(setupStatements(USER, { createUser: false }));
    expect(created).toMatchObject({ user: USER, createdUser: true });

    const existing = new ScriptedWarehouse().onQuery('pg_user', [{ usename: USER.toLowerCase() }]);
    const again = await runSetup(existing, USER);
    expect(existing.runBatches).toEqual([setupStatements(USER, { createUser: false })]);
    expect(again.createdUser).toBe(false);
  });
});

describe('setup function inputs', () => {
  it('connects as the administrator secret, refusing without one and naming the param', () => {
    expect(() => adminTarget(testConfig())).toThrow(/SETUP_SECRET_ARN.*setupSecretArn/);
    const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf';
    expect(adminTarget(testConfig({ SETUP_SECRET_ARN: secret }))).toEqual({
      kind: 'workgroup',
      workgroupName: 'analytics',
      database: 'dev',
      secretArn: secret,
    });
  });

  it('grants to PIPELINE_DB_USER unless the request names a user', () => {
    expect(setupUser(testConfig({ PIPELINE_DB_USER: USER }), {})).toBe(USER);
    expect(setupUser(testConfig(), { user: 'loader' })).toBe('loader');
    expect(() => setupUser(testConfig(), {})).toThrow(InvalidEventError);
  });
});

describe('REGION: the warehouse in another region than the bucket', () => {
  const id = 'log_data-0123456789abcdef01234567';
  const plan = {
    dataset: 'log_data',
    compression: 'none' as const,
    ...stagingTablesOf(id),
    manifestKey: batchPaths(id).manifest(1),
    filesKey: batchPaths(id).files(1),
  };

  it("both COPY statements name the bucket's region when the warehouse is elsewhere, none otherwise", () => {
    const apart = copyStatements(testConfig({ AWS_REGION: 'eu-west-1', REDSHIFT_REGION: 'us-east-1' }), plan);
    expect(apart.filter((s) => s.startsWith('COPY')).map((s) => /REGION '([a-z0-9-]+)'/.exec(s)?.[1])).toEqual([
      'eu-west-1',
      'eu-west-1',
    ]);
    const same = copyStatements(testConfig({ AWS_REGION: 'eu-west-1' }), plan);
    expect(same.join('\n')).not.toMatch(/REGION/);
  });
});
