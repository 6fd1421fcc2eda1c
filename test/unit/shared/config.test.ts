import { parseConfig } from '../../../shared/config';
import { ConfigError } from '../../../shared/errors';

const base = {
  INGEST_BUCKET: 'sparkify-ingest',
  REDSHIFT_WORKGROUP: 'analytics',
  COPY_IAM_ROLE_ARN: 'arn:aws:iam::123456789012:role/redshift-copy',
};

describe('parseConfig', () => {
  it('parses a workgroup configuration with defaults, frozen', () => {
    const cfg = parseConfig(base);
    expect(cfg.redshift).toEqual({ kind: 'workgroup', workgroupName: 'analytics', database: 'dev' });
    expect(cfg.manifestMaxFiles).toBe(5000);
    expect(cfg.endpoints).toEqual({ s3: undefined, redshiftData: undefined, sfn: undefined });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('parses a cluster with a database user', () => {
    const cfg = parseConfig({ ...base, REDSHIFT_WORKGROUP: '', REDSHIFT_CLUSTER_ID: 'c1', REDSHIFT_DB_USER: 'loader' });
    expect(cfg.redshift).toEqual({
      kind: 'cluster',
      clusterIdentifier: 'c1',
      database: 'dev',
      dbUser: 'loader',
      secretArn: undefined,
    });
  });

  it('targets the warehouse region with the Data API; COPY names the bucket region only when they differ', () => {
    const same = parseConfig({ ...base, AWS_REGION: 'eu-west-1' });
    expect([same.region, same.redshiftRegion, same.copyRegion]).toEqual(['eu-west-1', 'eu-west-1', undefined]);
    const apart = parseConfig({ ...base, AWS_REGION: 'eu-west-1', REDSHIFT_REGION: 'us-east-1' });
    expect([apart.region, apart.redshiftRegion, apart.copyRegion]).toEqual(['eu-west-1', 'us-east-1', 'eu-west-1']);
  });

  it('caps in-Lambda waits at WAREHOUSE_WAIT_SECONDS (default 45, under the 60 s Lambda timeout)', () => {
    expect(parseConfig(base).warehouseWaitSeconds).toBe(45);
    expect(parseConfig({ ...base, WAREHOUSE_WAIT_SECONDS: '270' }).warehouseWaitSeconds).toBe(270);
  });

  it.each([
    [{ INGEST_BUCKET: '' }, 'INGEST_BUCKET is required'],
    [{ INGEST_BUCKET: 'Bad_Bucket' }, 'INGEST_BUCKET'],
    [{ COPY_IAM_ROLE_ARN: 'AKIAIOSFODNN7EXAMPLE' }, 'COPY_IAM_ROLE_ARN'],
    [{ REDSHIFT_WORKGROUP: '' }, 'REDSHIFT_WORKGROUP or REDSHIFT_CLUSTER_ID'],
    [{ REDSHIFT_CLUSTER_ID: 'c1' }, 'not both'],
    [{ REDSHIFT_WORKGROUP: '', REDSHIFT_CLUSTER_ID: 'c1' }, 'REDSHIFT_DB_USER or REDSHIFT_SECRET_ARN'],
    [{ MANIFEST_MAX_FILES: '0' }, 'MANIFEST_MAX_FILES'],
    [{ POLL_MAX_ATTEMPTS: 'ten' }, 'POLL_MAX_ATTEMPTS'],
    [{ REDSHIFT_REGION: 'mars' }, 'REDSHIFT_REGION'],
    [{ WAREHOUSE_WAIT_SECONDS: '0' }, 'WAREHOUSE_WAIT_SECONDS'],
    [{ SETUP_SECRET_ARN: 'admin' }, 'SETUP_SECRET_ARN'],
  ])('names the bad setting: %j', (override, message) => {
    expect(() => parseConfig({ ...base, ...override })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, ...override })).toThrow(message);
  });
});
