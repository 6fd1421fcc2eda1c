/**
 * The warehouse runs in its own thread: while a long statement runs through the Data API, the
 * local S3 server of the same stack keeps answering (real SDK clients, event order only).
 */
import { DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_WORKGROUP } from '../../../local/lambda/environment';
import type { LocalStack } from '../../../local/stack';
import { startTestStack } from '../../support/stack';
import { waitFor, waitForStatus } from './support';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('warehouse thread', () => {
  let stack: LocalStack & { cleanup(): Promise<void> };
  let s3: S3Client;
  let dataApi: RedshiftDataClient;
  beforeAll(async () => {
    stack = await startTestStack();
    s3 = new S3Client({ region: 'us-east-1', endpoint: stack.endpoints.s3, forcePathStyle: true, credentials });
    dataApi = new RedshiftDataClient({ region: 'us-east-1', endpoint: stack.endpoints.dataApi, credentials });
  });
  afterAll(async () => {
    s3?.destroy();
    dataApi?.destroy();
    await stack?.cleanup();
  });

  it('serves an S3 GetObject while SELECT pg_sleep(3) runs through the Data API', async () => {
    await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: 'scratch/during.txt', Body: 'still here' }));
    const { Id } = await dataApi.send(
      new ExecuteStatementCommand({ WorkgroupName: LOCAL_WORKGROUP, Database: 'dev', Sql: 'SELECT pg_sleep(3)' }),
    );
    await waitForStatus(dataApi, Id as string, 'STARTED');

    // What the statement's status is at the moment GetObject has completed: on one thread the
    // GET would only be answered once pg_sleep returned, i.e. after the statement FINISHED.
    const got = await s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: 'scratch/during.txt' }));
    const body = await got.Body?.transformToString();
    const statusThen = (await dataApi.send(new DescribeStatementCommand({ Id }))).Status;
    const done = await waitFor(dataApi, Id as string);

    expect([`GetObject ${body}`, `statement ${statusThen}`, `statement ${done.Status}`]).toEqual([
      'GetObject still here',
      'statement STARTED',
      'statement FINISHED',
    ]);
  });
});
