// The dataset declarations (datasets/<folder>/dataset.yml) for the build and for `serverless package`.
//
// - compile(): validates every folder (shared/datasets/compile.ts, bundled here with esbuild so
//   plain node and serverless can run it) and writes shared/datasets/catalog.generated.json, the
//   module the Lambdas bundle. Invalid declarations throw, naming file, line and field, so
//   `serverless package` refuses them before anything is bundled.
// - the other exports are serverless variables: `${file(./bin/datasets-config.js):notifications}`
//   etc. derive the S3 notification filters, the IAM object prefixes and the JSONPaths files
//   from the same declarations.
const fs = require('node:fs');
const path = require('node:path');
const { bundleForNode } = require('./bundle');

const root = path.resolve(__dirname, '..');
// REDSHIFT_INGEST_DATASETS packages another datasets folder (its catalog is what the Lambdas bundle).
const datasetsDir = process.env.REDSHIFT_INGEST_DATASETS
  ? path.resolve(process.env.REDSHIFT_INGEST_DATASETS)
  : path.join(root, 'datasets');
const generated = path.join(root, 'shared', 'datasets', 'catalog.generated.json');
const compilerOut = path.join(root, 'dist', 'datasets-compiler.cjs');

let compilerModule;
function compiler() {
  if (!compilerModule) {
    bundleForNode(path.join(root, 'shared', 'datasets', 'compile.ts'), compilerOut);
    delete require.cache[compilerOut];
    compilerModule = require(compilerOut);
  }
  return compilerModule;
}

/**
 * The folder a variable reads: serverless's `options.datasets` (the local stack passes the folder
 * it loads, so the roles it derives grant that folder's prefixes), else the packaged one.
 */
const folderOf = (options) => (options?.datasets ? path.resolve(options.datasets) : datasetsDir);

let compiled;
/**
 * The compiled catalog of a datasets folder (throws DatasetConfigError listing every problem).
 * Only the packaged folder's is kept and written to shared/datasets/catalog.generated.json;
 * another folder (a test's, edited between loads) is read each time.
 */
function compile(dir = datasetsDir) {
  if (dir === datasetsDir && compiled) return compiled;
  let specs;
  try {
    specs = compiler().loadDatasets(dir);
  } catch (err) {
    // Serverless prints only the first line of a variable's error: every problem goes on it.
    if (err.name !== 'DatasetConfigError') throw err;
    throw new Error(
      err.message
        .split('\n')
        .map((line) => line.trim())
        .join(' | '),
    );
  }
  if (dir === datasetsDir) {
    const text = `${JSON.stringify({ datasets: specs }, null, 2)}\n`;
    if (!fs.existsSync(generated) || fs.readFileSync(generated, 'utf8') !== text) {
      const tmp = `${generated}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, generated);
    }
    compiled = specs;
  }
  return specs;
}

module.exports = {
  compile,
  /** Queue configurations of a created bucket: one per dataset prefix. */
  notifications: ({ options } = {}) =>
    compile(folderOf(options)).map((d) => ({
      Event: 's3:ObjectCreated:*',
      Queue: { 'Fn::GetAtt': ['IngestQueue', 'Arn'] },
      Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: d.prefix }] } },
    })),
  /** The same, for the custom resource that merges them into an existing bucket's configuration. */
  existingBucketNotifications: async ({ resolveVariable, options }) => {
    const service = await resolveVariable('self:service');
    const stage = await resolveVariable('sls:stage');
    return compile(folderOf(options)).map((d) => ({
      Id: `${service}-${stage}-${d.name}`,
      QueueArn: { 'Fn::GetAtt': ['IngestQueue', 'Arn'] },
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: d.prefix }] } },
    }));
  },
  /** Object ARNs of every dataset prefix (the roles that read data files). */
  dataArns: async ({ resolveVariable, options }) => {
    const bucket = await resolveVariable('self:custom.bucket.name');
    return compile(folderOf(options)).map((d) => ({
      'Fn::Sub': [`arn:\${AWS::Partition}:s3:::\${Bucket}/${d.prefix}*`, { Bucket: bucket }],
    }));
  },
  /** `s3:prefix` values of the ListBucket condition (backfill lists the data prefixes only). */
  listPrefixes: ({ options } = {}) => compile(folderOf(options)).map((d) => `${d.prefix}*`),
  /** The JSONPaths files COPY reads: {Key, Body} for the DatasetJsonPaths custom resource. */
  jsonPathsObjects: ({ options } = {}) =>
    compile(folderOf(options))
      .filter((d) => d.format.kind === 'json' && typeof d.format.paths === 'object')
      .map((d) => ({ Key: d.format.paths.key, Body: d.format.paths.document })),
};
