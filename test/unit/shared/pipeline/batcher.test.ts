import { batchPaths } from '../../../../shared/batch-id';
import type { BatchDocument } from '../../../../shared/pipeline/batch-document';
import { batchSqsEvent } from '../../../../shared/pipeline/batcher';
import { s3Message, s3Record, sqsRecord } from '../../../support/events';
import { fakeDeps } from '../../../support/fakes';

const LOG = (n: number) => `log_data/2018/11/2018-11-${String(n).padStart(2, '0')}-events.json`;
const SONG = (n: number) => `song_data/A/B/C/TR${String(n).padStart(16, '0')}.json`;

const failedIds = (response: { batchItemFailures: Array<{ itemIdentifier: string }> }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier).sort();

describe('batchSqsEvent', () => {
  it('writes one batch document per dataset and starts an execution named by each', async () => {
    // Prepare
    const { deps, storage, orchestrator } = fakeDeps();
    const event = { Records: [s3Message(s3Record(LOG(1)), s3Record(SONG(1))), s3Message(s3Record(LOG(2)))] };

    // Act
    const response = await batchSqsEvent(event, deps);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(orchestrator.started.map((s) => s.dataset)).toEqual(['log_data', 'song_data']);
    for (const input of orchestrator.started) {
      expect(input.batchKey).toBe(batchPaths(input.batchId).batch);
      const doc = storage.json<BatchDocument>(input.batchKey);
      expect(doc).toMatchObject({ batchId: input.batchId, dataset: input.dataset, compression: 'none' });
    }
    const logDoc = storage.json<BatchDocument>(orchestrator.started[0].batchKey);
    expect(logDoc.files.map((f) => f.key)).toEqual([LOG(1), LOG(2)]);
  });

  it('fails a malformed message alone; the other messages still start their batches', async () => {
    const { deps, orchestrator, logs } = fakeDeps();
    const bad = sqsRecord('this is not JSON');
    const noRecords = sqsRecord(JSON.stringify({ hello: 'world' }));
    const good = s3Message(s3Record(LOG(1)));

    const response = await batchSqsEvent({ Records: [bad, good, noRecords] }, deps);

    expect(failedIds(response)).toEqual([bad.messageId, noRecords.messageId].sort());
    expect(orchestrator.started).toHaveLength(1);
    expect(logs.filter((l) => l.message === 'malformed message')).toHaveLength(2);
  });

  it('fails only the messages that contributed files to a batch that could not be started', async () => {
    const { deps, orchestrator } = fakeDeps();
    orchestrator.failWhen((input) => input.dataset === 'song_data');
    const logOnly = s3Message(s3Record(LOG(1)));
    const songOnly = s3Message(s3Record(SONG(1)));
    const both = s3Message(s3Record(LOG(2)), s3Record(SONG(2)));

    const response = await batchSqsEvent({ Records: [logOnly, songOnly, both] }, deps);

    expect(failedIds(response)).toEqual([songOnly.messageId, both.messageId].sort());
    expect(orchestrator.started.map((s) => s.dataset)).toEqual(['log_data']);
  });

  it('loads a key delivered twice once, at its newest version', async () => {
    const { deps, storage, orchestrator } = fakeDeps();
    const first = s3Message(s3Record(LOG(1), { eTag: 'old', sequencer: '0055AED6DCD90281E5' }));
    const again = s3Message(s3Record(LOG(1), { eTag: 'new', sequencer: '0055AED6DCD90281F0' }));
    const duplicate = sqsRecord(first.body);

    const response = await batchSqsEvent({ Records: [again, first, duplicate] }, deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(orchestrator.started).toHaveLength(1);
    const doc = storage.json<BatchDocument>(orchestrator.started[0].batchKey);
    expect(doc.files).toEqual([{ key: LOG(1), etag: 'new', size: 100 }]);
  });

  it('fails every message that carried a key of a batch that could not be started', async () => {
    const { deps, orchestrator } = fakeDeps();
    orchestrator.failWhen(() => true);
    const first = s3Message(s3Record(LOG(1)));
    const duplicate = sqsRecord(first.body);

    const response = await batchSqsEvent({ Records: [first, duplicate] }, deps);

    expect(failedIds(response)).toEqual([first.messageId, duplicate.messageId].sort());
  });

  it('drops keys that are not data files, and S3 test events, without failing them', async () => {
    const { deps, storage, orchestrator, logs } = fakeDeps();
    const event = {
      Records: [
        s3Message(s3Record('log_data/'), s3Record('manifests/log_data/x/batch.json'), s3Record('log_data/a.csv')),
        sqsRecord(JSON.stringify({ Event: 's3:TestEvent' })),
      ],
    };

    const response = await batchSqsEvent(event, deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(orchestrator.started).toEqual([]);
    expect(storage.keys()).toEqual([]);
    expect(logs.find((l) => l.message === 'ignored keys that are not data files')?.fields).toMatchObject({ count: 3 });
  });

  it('cuts batches by MANIFEST_MAX_FILES', async () => {
    const { deps, orchestrator } = fakeDeps({ env: { MANIFEST_MAX_FILES: '2' } });
    const event = { Records: [1, 2, 3, 4, 5].map((n) => s3Message(s3Record(LOG(n)))) };

    await batchSqsEvent(event, deps);

    expect(orchestrator.started).toHaveLength(3);
  });
});
