import { type LocalStackOptions, startLocalStack } from '../stack';
import { acquireLock } from './state-lock';

/**
 * `local up`: the whole service, live, until Ctrl-C. Anything that puts into its bucket (this
 * CLI, the AWS CLI with --endpoint-url, any S3 client) flows through the event path; any Data API
 * client can query the warehouse.
 */
export async function upCommand(opts: LocalStackOptions): Promise<number> {
  // Take the folder before opening anything; publish the endpoints once they are known.
  const lock = acquireLock(opts.stateDir);
  const stack = await startLocalStack(opts).catch((err) => {
    lock.release();
    throw err;
  });
  const { endpoints, bucket, stateMachineArn, batchWindowMs } = stack;
  lock.publish({ endpoints, bucket, stateMachineArn, batchWindowMs });
  const { s3, dataApi, sfn } = stack.endpoints;
  process.stdout.write(
    [
      `S3 endpoint: ${s3}`,
      `Redshift Data API endpoint: ${dataApi}`,
      `Step Functions endpoint: ${sfn}`,
      `Bucket: s3://${stack.bucket}  (state folder: ${opts.stateDir})`,
      '',
      opts.strictIam
        ? 'Strict IAM (--strict-iam): unknown access keys are refused as AWS refuses them.'
        : 'Point the AWS CLI at them (any credentials act as the administrator; nothing leaves this machine):',
      '  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1',
      `  aws --endpoint-url ${s3} s3 cp ./2018-11-01-events.json s3://${stack.bucket}/log_data/2018/11/`,
      `  aws --endpoint-url ${dataApi} redshift-data execute-statement --workgroup-name local --database dev --sql "SELECT COUNT(*) FROM songplays"`,
      '',
      `Other redshift-ingest commands with --state ${opts.stateDir} go through these endpoints.`,
      'Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('stopping…\n');
  await stack.stop();
  lock.release();
  return 0;
}
