/**
 * Both sources of identities agree: what local/iam reads from serverless.yml without packaging
 * is what CloudFormation would get from the packaged template (`serverless package`, offline,
 * once for this file), except the deployment bucket policy serverless adds at package time.
 */
import { join } from 'node:path';
import { identitiesFromPackagedTemplate, identitiesFromServerless } from '../../../../local/iam/deployment';
import type { DeployedIdentities } from '../../../../local/iam/identities';
import { serverlessYmlPath } from '../../../../local/paths';
import { packageService } from '../../../deploy/package-once';

const comparable = (ids: DeployedIdentities) => ({
  roles: [...ids.roles.values()].sort((a, b) => a.arn.localeCompare(b.arn)),
  functions: [...ids.functions].sort(([a], [b]) => a.localeCompare(b)),
  stateMachines: [...ids.stateMachines],
  resourcePolicies: ids.resourcePolicies.filter((p) => p.policy.source !== 'ServerlessDeploymentBucketPolicy'),
});

let packaged: DeployedIdentities;
beforeAll(() => {
  const { dir } = packageService();
  packaged = identitiesFromPackagedTemplate(join(dir, 'cloudformation-template-update-stack.json'), {
    stackName: 'redshift-ingest-dev',
  });
}, 300_000);

test('serverless.yml and the packaged template give the same roles, policies, functions and resource policies', async () => {
  const fromYml = await identitiesFromServerless(serverlessYmlPath());
  expect(comparable(fromYml)).toEqual(comparable(packaged));
  expect(packaged.roles.size).toBeGreaterThanOrEqual(5);
  const roleOf = (fn: string) => packaged.functions.get(`redshift-ingest-dev-${fn}`)?.roleArn;
  expect(roleOf('qualityChecks')).toBe(roleOf('transform'));
  expect(packaged.roles.has(roleOf('transform') ?? '')).toBe(true);
});

test('the only extra policy in the package is the deployment bucket policy serverless generates', () => {
  const extra = packaged.resourcePolicies.filter((p) => p.policy.source === 'ServerlessDeploymentBucketPolicy');
  expect(extra.map((p) => p.target)).toEqual(['redshift-ingest-dev-serverlessdeploymentbucket']);
});
