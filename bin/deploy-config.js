// Deploy-time names and parameter checks for serverless.yml (docs/deploy.md, "Parameters").
//
// `${file(./bin/deploy-config.js):names.<name>}` derives names that AWS limits in length, the
// same way for every stage and region; `${file(./bin/deploy-config.js):check}` refuses a bad
// parameter set while `serverless package` resolves variables, before anything is bundled, with
// a message naming the parameter. Plain CommonJS: serverless requires it as is.
const { createHash } = require('node:crypto');

const SERVICE = 'redshift-ingest';

/** IAM role names: at most 64 characters (IAM User Guide, "IAM object quotas"). */
const ROLE_NAME_MAX = 64;
/** S3 bucket names: 3 to 63 characters (S3 User Guide, "Bucket naming rules"). */
const BUCKET_NAME_MAX = 63;
/**
 * Lambda function names: at most 64 characters (Lambda API reference, CreateFunction
 * FunctionName). serverless names them `<service>-<stage>-<function>`; the longest is
 * `handleLoadFailure`, so the stage is capped to keep every function name legal.
 */
const FUNCTION_NAME_MAX = 64;
const LONGEST_FUNCTION = 'handleLoadFailure';
const STAGE_MAX = FUNCTION_NAME_MAX - SERVICE.length - LONGEST_FUNCTION.length - 2;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;
const CLUSTER_ID = /^[a-z][a-z0-9-]{0,62}$/;
const DB_NAME = /^[a-z_][a-z0-9_$]{0,126}$/;
const DB_USER = /^[a-z_][a-z0-9_.@$-]{0,126}$/i;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const WORKGROUP = /^[a-z0-9-]{3,64}$/;

/** An error whose message starts with the parameter it is about. */
class DeployParamError extends Error {
  constructor(param, message) {
    super(`Invalid deploy parameter "${param}": ${message} (docs/deploy.md, "Parameters")`);
    this.name = 'DeployParamError';
  }
}

const hash = (text, length) => createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * `text` if it fits in `max` characters, else its head and a hash of the whole: still unique
 * per input, still stable from one deploy to the next (the role names must be: they are database
 * user names, docs/deploy.md "Database set-up").
 */
function fitName(text, max) {
  if (text.length <= max) return text;
  const digest = hash(text, 8);
  return `${text.slice(0, max - digest.length - 1).replace(/[-.]+$/, '')}-${digest}`;
}

/** The stage and region being packaged, and every parameter, read through serverless. */
async function context({ resolveVariable }) {
  const names = [
    'redshiftWorkgroup',
    'redshiftWorkgroupId',
    'redshiftClusterId',
    'redshiftDbUser',
    'redshiftSecretArn',
    'redshiftDatabase',
    'redshiftRegion',
    'copyRoleArn',
    'bucketName',
    'bucketKmsKeyArn',
    'createBucket',
    'batchSize',
    'batchWindowSeconds',
    'pollMaxAttempts',
    'pollMaxWaitSeconds',
  ];
  const params = {};
  for (const name of names) {
    const value = await resolveVariable(`param:${name}`);
    params[name] = value === undefined || value === null ? '' : String(value).trim();
  }
  const stage = String(await resolveVariable('sls:stage'));
  const region = String(await resolveVariable('self:provider.region'));
  return { params, stage, region };
}

/** Every name that AWS limits, derived from the stage and the region. */
function deriveNames(stage, region) {
  // IAM is global to the account: the region is part of the name so that one stage can be
  // deployed in two regions (the ingestion stack lives in each bucket's region).
  const role = (suffix) => fitName(`${SERVICE}-${stage}-${region}-${suffix}`, ROLE_NAME_MAX);
  // `<prefix>-<12-digit account>-<region>`, lowercase (bucket names are).
  const bucketPrefix = fitName(`${SERVICE}-${stage}`.toLowerCase(), BUCKET_NAME_MAX - 12 - region.length - 2);
  return {
    warehouseRole: role('warehouse'),
    copyRole: role('copy'),
    setupRole: role('setup'),
    stateMachineRole: role('states'),
    bucket: { 'Fn::Sub': `${bucketPrefix}-\${AWS::AccountId}-${region}` },
    bucketPrefix,
  };
}

/**
 * The database user the pipeline's SQL runs as, which the set-up grants to: on a workgroup the
 * Data API maps the warehouse role to `IAMR:<role name>` (Redshift Management Guide, "Using the
 * Amazon Redshift Data API", IAM authentication); on a cluster, redshiftDbUser. With a secret it
 * is the secret's user, which only the caller of the set-up knows ('').
 */
function pipelineDbUser(p, warehouseRole) {
  if (p.redshiftWorkgroup) return `IAMR:${warehouseRole}`;
  return p.redshiftDbUser || '';
}

const positiveInt = (params, name) => {
  const n = Number(params[name]);
  if (!Number.isInteger(n) || n <= 0)
    throw new DeployParamError(name, `must be a positive integer, got '${params[name]}'`);
  return n;
};

/** Throws DeployParamError for the first bad parameter; returns the checked warehouse region. */
function checkParams({ params: p, stage, region }) {
  if (stage.length > STAGE_MAX || !/^[a-zA-Z0-9-]+$/.test(stage)) {
    throw new DeployParamError(
      'stage',
      `'${stage}' must be 1-${STAGE_MAX} letters, digits or hyphens (Lambda function names are at most ${FUNCTION_NAME_MAX} characters)`,
    );
  }
  if (!REGION.test(region)) throw new DeployParamError('region', `'${region}' is not a region name`);
  if (p.redshiftWorkgroup && p.redshiftClusterId) {
    throw new DeployParamError('redshiftClusterId', 'set redshiftWorkgroup or redshiftClusterId, not both');
  }
  if (p.redshiftWorkgroup) {
    if (!WORKGROUP.test(p.redshiftWorkgroup))
      throw new DeployParamError('redshiftWorkgroup', `'${p.redshiftWorkgroup}' is not a workgroup name`);
    if (!p.redshiftWorkgroupId)
      throw new DeployParamError('redshiftWorkgroupId', 'is required with redshiftWorkgroup (the IAM ARN uses the ID)');
    if (!UUID.test(p.redshiftWorkgroupId))
      throw new DeployParamError('redshiftWorkgroupId', `'${p.redshiftWorkgroupId}' is not a workgroup ID (a UUID)`);
  } else if (p.redshiftWorkgroupId) {
    throw new DeployParamError('redshiftWorkgroupId', 'is set without redshiftWorkgroup');
  }
  if (p.redshiftClusterId) {
    if (!CLUSTER_ID.test(p.redshiftClusterId))
      throw new DeployParamError('redshiftClusterId', `'${p.redshiftClusterId}' is not a cluster identifier`);
    if (!p.redshiftDbUser && !p.redshiftSecretArn)
      throw new DeployParamError('redshiftDbUser', 'a cluster needs redshiftDbUser or redshiftSecretArn');
    if (p.redshiftDbUser && p.redshiftSecretArn)
      throw new DeployParamError('redshiftSecretArn', 'set redshiftDbUser or redshiftSecretArn, not both');
  } else {
    if (p.redshiftDbUser) throw new DeployParamError('redshiftDbUser', 'is only for a cluster (redshiftClusterId)');
    if (p.redshiftSecretArn)
      throw new DeployParamError('redshiftSecretArn', 'is only for a cluster (redshiftClusterId)');
  }
  if (p.redshiftDbUser && !DB_USER.test(p.redshiftDbUser))
    throw new DeployParamError('redshiftDbUser', `'${p.redshiftDbUser}' is not a database user name`);
  if (p.redshiftSecretArn && !SECRET_ARN.test(p.redshiftSecretArn))
    throw new DeployParamError('redshiftSecretArn', `'${p.redshiftSecretArn}' is not a Secrets Manager secret ARN`);
  if (!DB_NAME.test(p.redshiftDatabase))
    throw new DeployParamError('redshiftDatabase', `'${p.redshiftDatabase}' is not a database name`);
  if (p.redshiftRegion && !REGION.test(p.redshiftRegion))
    throw new DeployParamError('redshiftRegion', `'${p.redshiftRegion}' is not a region name`);
  if (p.copyRoleArn && !ROLE_ARN.test(p.copyRoleArn))
    throw new DeployParamError('copyRoleArn', `'${p.copyRoleArn}' is not an IAM role ARN ('' = the stack creates one)`);
  if (p.bucketName && !BUCKET.test(p.bucketName))
    throw new DeployParamError('bucketName', `'${p.bucketName}' is not a bucket name (3-63 of a-z 0-9 . -)`);
  if (p.bucketKmsKeyArn && !KMS_KEY_ARN.test(p.bucketKmsKeyArn))
    throw new DeployParamError('bucketKmsKeyArn', `'${p.bucketKmsKeyArn}' is not a KMS key ARN`);
  if (p.createBucket !== 'true' && p.createBucket !== 'false')
    throw new DeployParamError('createBucket', `must be 'true' or 'false', got '${p.createBucket}'`);
  if (p.createBucket === 'false' && !p.bucketName)
    throw new DeployParamError('bucketName', 'is required with createBucket=false (the existing bucket)');
  const batchSize = positiveInt(p, 'batchSize');
  if (batchSize > 10000) throw new DeployParamError('batchSize', `must be at most 10000, got ${batchSize}`);
  const window = Number(p.batchWindowSeconds);
  if (!Number.isInteger(window) || window < 0 || window > 300)
    throw new DeployParamError('batchWindowSeconds', `must be an integer from 0 to 300, got '${p.batchWindowSeconds}'`);
  // Lambda event source mappings: a batch size over 10 needs a batching window of at least 1 s.
  if (batchSize > 10 && window < 1)
    throw new DeployParamError('batchWindowSeconds', 'must be at least 1 when batchSize is over 10');
  // The transform's backoff reads the poll schedule (pollMaxAttempts + 1 entries) at index
  // attempt + 2 (statemachine/ingest.asl.yml, TransformBackoff) for up to MAX_CONFLICT_ATTEMPTS = 8
  // attempts (shared/pipeline/transform.ts).
  if (positiveInt(p, 'pollMaxAttempts') < 10)
    throw new DeployParamError('pollMaxAttempts', `must be at least 10, got ${p.pollMaxAttempts}`);
  positiveInt(p, 'pollMaxWaitSeconds');
  return p.redshiftRegion || region;
}

/**
 * COPY from Parquet or ORC needs the bucket in the warehouse's region and refuses REGION
 * (Redshift Database Developer Guide, "COPY from columnar data formats"): a warehouse in another
 * region cannot load a columnar dataset, so the deploy is refused naming it.
 */
function checkColumnarRegion(warehouseRegion, region, datasets) {
  if (warehouseRegion === region) return;
  const columnar = datasets.filter((d) => d.format.kind === 'parquet').map((d) => d.name);
  if (columnar.length > 0) {
    throw new DeployParamError(
      'redshiftRegion',
      `'${warehouseRegion}' is not the bucket's region '${region}', and COPY from Parquet needs both in one region (REGION is refused for columnar formats): dataset ${columnar.join(', ')} cannot load; deploy in ${warehouseRegion} or remove the dataset`,
    );
  }
}

module.exports = {
  /** `${file(./bin/deploy-config.js):check}`: 'ok', or a DeployParamError naming the parameter. */
  check: async (api) => {
    const ctx = await context(api);
    const warehouseRegion = checkParams(ctx);
    checkColumnarRegion(warehouseRegion, ctx.region, require('./datasets-config').compile());
    return 'ok';
  },
  /** `${file(./bin/deploy-config.js):names.<name>}` (warehouseRole, copyRole, bucket, warehouseRegion). */
  names: async (api) => {
    const ctx = await context(api);
    const derived = deriveNames(ctx.stage, ctx.region);
    return {
      ...derived,
      warehouseRegion: ctx.params.redshiftRegion || ctx.region,
      pipelineDbUser: pipelineDbUser(ctx.params, derived.warehouseRole),
    };
  },
  // For the tests (test/deploy/deploy-config.test.ts).
  deriveNames,
  checkParams,
  checkColumnarRegion,
  pipelineDbUser,
  fitName,
  STAGE_MAX,
};
