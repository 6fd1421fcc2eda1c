/**
 * bin/deploy-config.js, the names and parameter checks `serverless package` resolves: every
 * derived name fits its AWS limit for every stage and region, and each bad parameter set is
 * refused with a message naming the parameter. (configurations.test.ts runs the same checks
 * through `serverless package` itself.)
 */
import { join } from 'node:path';
import { repoRoot } from './package-once';

interface DeployConfig {
  deriveNames(
    stage: string,
    region: string,
  ): { warehouseRole: string; copyRole: string; setupRole: string; stateMachineRole: string; bucketPrefix: string };
  checkParams(ctx: { params: Record<string, string>; stage: string; region: string }): string;
  pipelineDbUser(params: Record<string, string>, warehouseRole: string): string;
  checkColumnarRegion(
    warehouseRegion: string,
    region: string,
    datasets: Array<{ name: string; format: { kind: string } }>,
  ): void;
  STAGE_MAX: number;
}
const deployConfig = require(join(repoRoot, 'bin', 'deploy-config.js')) as DeployConfig;

/** Every commercial, China and GovCloud region name at the time of writing, longest included. */
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

const defaults: Record<string, string> = {
  redshiftWorkgroup: '',
  redshiftWorkgroupId: '',
  redshiftClusterId: '',
  redshiftDbUser: '',
  redshiftSecretArn: '',
  redshiftDatabase: 'dev',
  redshiftRegion: '',
  copyRoleArn: '',
  bucketName: '',
  bucketKmsKeyArn: '',
  createBucket: 'true',
  batchSize: '10000',
  batchWindowSeconds: '60',
  pollMaxAttempts: '60',
  pollMaxWaitSeconds: '30',
};
const check = (params: Record<string, string>, stage = 'dev', region = 'us-east-1') =>
  deployConfig.checkParams({ params: { ...defaults, ...params }, stage, region });

describe('derived names fit for every stage and region', () => {
  const longest = 'x'.repeat(deployConfig.STAGE_MAX);
  test.each(REGIONS)('%s: role names <= 64, bucket name <= 63 with a 12-digit account', (region) => {
    for (const stage of ['dev', 'prod', 'Feature-Branch-42', longest]) {
      const n = deployConfig.deriveNames(stage, region);
      for (const role of [n.warehouseRole, n.copyRole, n.setupRole, n.stateMachineRole]) {
        expect(role.length).toBeLessThanOrEqual(64);
        expect(role).toMatch(/^[\w+=,.@-]+$/);
      }
      const bucket = `${n.bucketPrefix}-123456789012-${region}`;
      expect(bucket.length).toBeLessThanOrEqual(63);
      expect(bucket).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    }
  });

  test('short names are readable and unchanged; shortened ones stay distinct and stable', () => {
    expect(deployConfig.deriveNames('prod', 'eu-west-1').warehouseRole).toBe(
      'redshift-ingest-prod-eu-west-1-warehouse',
    );
    const a = deployConfig.deriveNames(`${longest.slice(1)}a`, 'ap-southeast-4');
    const b = deployConfig.deriveNames(`${longest.slice(1)}b`, 'ap-southeast-4');
    expect(a.warehouseRole).not.toBe(b.warehouseRole);
    expect(a.bucketPrefix).not.toBe(b.bucketPrefix);
    expect(deployConfig.deriveNames(`${longest.slice(1)}a`, 'ap-southeast-4')).toEqual(a);
  });

  test('a stage too long for Lambda function names is refused, naming it', () => {
    expect(() =>
      check({ redshiftWorkgroup: 'wg', redshiftWorkgroupId: '0a1b2c3d-0000-4000-8000-000000000000' }, `${longest}x`),
    ).toThrow(/"stage".*Lambda function names/);
  });
});

describe('parameter checks name the bad parameter', () => {
  const wg = { redshiftWorkgroup: 'ingest', redshiftWorkgroupId: '0a1b2c3d-1111-4222-8333-444455556666' };
  test.each([
    ['workgroup without its ID', { redshiftWorkgroup: 'ingest' }, 'redshiftWorkgroupId'],
    ['a malformed workgroup ID', { redshiftWorkgroup: 'ingest', redshiftWorkgroupId: 'ingest' }, 'redshiftWorkgroupId'],
    ['workgroup and cluster', { ...wg, redshiftClusterId: 'c1', redshiftDbUser: 'u' }, 'redshiftClusterId'],
    ['cluster without user or secret', { redshiftClusterId: 'c1' }, 'redshiftDbUser'],
    [
      'cluster with user and secret',
      {
        redshiftClusterId: 'c1',
        redshiftDbUser: 'u',
        redshiftSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf',
      },
      'redshiftSecretArn',
    ],
    ['a DB user without a cluster', { ...wg, redshiftDbUser: 'u' }, 'redshiftDbUser'],
    ['a malformed COPY role', { ...wg, copyRoleArn: 'redshift-copy' }, 'copyRoleArn'],
    ['a malformed warehouse region', { ...wg, redshiftRegion: 'mars' }, 'redshiftRegion'],
    ['a 64-character bucket name', { ...wg, bucketName: 'b'.repeat(64) }, 'bucketName'],
    ['an existing bucket without its name', { ...wg, createBucket: 'false' }, 'bucketName'],
    ['a malformed KMS key', { ...wg, bucketKmsKeyArn: 'alias/aws/s3' }, 'bucketKmsKeyArn'],
    ['too few poll attempts for the transform backoff', { ...wg, pollMaxAttempts: '9' }, 'pollMaxAttempts'],
    ['a batch over 10 without a window', { ...wg, batchWindowSeconds: '0' }, 'batchWindowSeconds'],
  ])('%s', (_case, params, param) => {
    expect(() => check(params)).toThrow(`Invalid deploy parameter "${param}"`);
  });

  test('the defaults pass (CI packages with them; CloudFormation refuses the missing warehouse)', () => {
    expect(check({})).toBe('us-east-1');
  });

  test('a warehouse in another region is returned as the Data API region', () => {
    expect(check({ ...wg, redshiftRegion: 'eu-west-1' })).toBe('eu-west-1');
  });

  test('the pipeline database user: IAMR:<warehouse role> on a workgroup, the DB user on a cluster', () => {
    expect(deployConfig.pipelineDbUser({ ...defaults, ...wg }, 'r')).toBe('IAMR:r');
    expect(deployConfig.pipelineDbUser({ ...defaults, redshiftClusterId: 'c', redshiftDbUser: 'ingest' }, 'r')).toBe(
      'ingest',
    );
    expect(deployConfig.pipelineDbUser({ ...defaults, redshiftClusterId: 'c', redshiftSecretArn: 's' }, 'r')).toBe('');
  });
});

describe('a warehouse in another region cannot load columnar datasets (COPY from Parquet refuses REGION)', () => {
  const datasets = [
    { name: 'log_data', format: { kind: 'json' } },
    { name: 'listens', format: { kind: 'parquet' } },
  ];
  test('refused naming redshiftRegion and the Parquet dataset', () => {
    expect(() => deployConfig.checkColumnarRegion('us-west-2', 'us-east-1', datasets)).toThrow(
      /^Invalid deploy parameter "redshiftRegion": 'us-west-2' is not the bucket's region 'us-east-1'.*dataset listens cannot load/,
    );
  });
  test('allowed in one region, or with no columnar dataset', () => {
    expect(() => deployConfig.checkColumnarRegion('us-east-1', 'us-east-1', datasets)).not.toThrow();
    expect(() => deployConfig.checkColumnarRegion('us-west-2', 'us-east-1', datasets.slice(0, 1))).not.toThrow();
  });
});
