import { createHash } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Counters } from '../../../../local/counters';
import { Faults } from '../../../../local/faults';
import { LocalQueue, type LocalQueueOptions, QueueStoppedError } from '../../../../local/queue/local-queue';

type Handler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

/** A queue whose handler records every batch it receives (bodies and records). */
function recordingQueue(options: Partial<LocalQueueOptions> & { handler?: Handler } = {}) {
  const batches: SQSRecord[][] = [];
  const inner: Handler = options.handler ?? (async () => undefined);
  const queue = new LocalQueue({
    batchSize: 10,
    batchWindowMs: 0,
    visibilityTimeoutMs: 5,
    maxReceiveCount: 3,
    ...options,
    handler: async (event) => {
      batches.push(event.Records);
      return inner(event);
    },
  });
  const bodies = () => batches.map((b) => b.map((r) => r.body));
  return { queue, batches, bodies };
}

const queues: LocalQueue[] = [];
function track<T extends { queue: LocalQueue }>(q: T): T {
  queues.push(q.queue);
  return q;
}

/**
 * Batch windows, visibility timeouts and slow handlers run on jest's fake clock (Date.now and
 * setTimeout): the tests drive time instead of sleeping through it.
 */
beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  jest.useRealTimers();
});

/** Runs the fake clock until the queue is idle (every window, redelivery and handler timer fired). */
async function drain(queue: LocalQueue): Promise<void> {
  const drained = queue.drained();
  await jest.runAllTimersAsync();
  await drained;
}

describe('LocalQueue (Lambda SQS event source mapping semantics)', () => {
  it('hands out SQSRecords shaped as Lambda gives them', async () => {
    const { queue, batches } = track(recordingQueue({ name: 'ingest-events', region: 'eu-west-1' }));
    const before = Date.now();
    const id = queue.send('{"Records":[]}');
    await drain(queue);
    const [record] = batches[0];
    expect(record).toEqual({
      messageId: id,
      receiptHandle: expect.any(String),
      body: '{"Records":[]}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update('{"Records":[]}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:ingest-events',
      awsRegion: 'eu-west-1',
    });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(record.attributes.SentTimestamp)).toBeGreaterThanOrEqual(before);
  });

  it('cuts batches at batchSize', async () => {
    const { queue, bodies } = track(recordingQueue({ batchSize: 4, batchWindowMs: 20 }));
    for (let i = 0; i < 10; i++) queue.send(`m${i}`);
    await drain(queue);
    expect(bodies()).toEqual([
      ['m0', 'm1', 'm2', 'm3'],
      ['m4', 'm5', 'm6', 'm7'],
      ['m8', 'm9'],
    ]);
  });

  it('waits for the batch window (from the oldest message) to gather messages sent over time', async () => {
    const { queue, bodies } = track(recordingQueue({ batchSize: 10, batchWindowMs: 1000 }));
    queue.send('a');
    await jest.advanceTimersByTimeAsync(20);
    queue.send('b');
    await jest.advanceTimersByTimeAsync(20);
    queue.send('c');
    await jest.advanceTimersByTimeAsync(959);
    expect(bodies()).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(bodies()).toEqual([['a', 'b', 'c']]);
    await drain(queue);
    expect(bodies()).toEqual([['a', 'b', 'c']]);
  });

  it('delivers at once with batchWindowMs 0 (later messages wait for the batch in flight)', async () => {
    const { queue, bodies } = track(recordingQueue({ batchSize: 10, batchWindowMs: 0 }));
    queue.send('first');
    queue.send('second');
    queue.send('third');
    await drain(queue);
    expect(bodies()).toEqual([['first'], ['second', 'third']]);
  });

  it('redelivers only the records named in batchItemFailures, after the visibility timeout', async () => {
    const seen = new Map<string, number>();
    const { queue, batches, bodies } = track(
      recordingQueue({
        visibilityTimeoutMs: 30_000,
        handler: async (event) => {
          const failures = event.Records.filter((r) => {
            seen.set(r.body, (seen.get(r.body) ?? 0) + 1);
            return r.body === 'bad' && seen.get(r.body) === 1;
          });
          return { batchItemFailures: failures.map((r) => ({ itemIdentifier: r.messageId })) };
        },
      }),
    );
    queue.send('ok1');
    queue.send('ok2');
    queue.send('bad');
    await jest.advanceTimersByTimeAsync(0);
    expect(bodies()).toEqual([['ok1'], ['ok2', 'bad']]);
    // Invisible for the visibility timeout, counted from its receipt.
    await jest.advanceTimersByTimeAsync(29_999);
    expect(bodies()).toEqual([['ok1'], ['ok2', 'bad']]);
    expect(queue.stats()).toMatchObject({ delayed: 1, waiting: 0 });
    await jest.advanceTimersByTimeAsync(1);
    expect(bodies()).toEqual([['ok1'], ['ok2', 'bad'], ['bad']]);
    await drain(queue);
    expect(bodies()).toEqual([['ok1'], ['ok2', 'bad'], ['bad']]);
    expect(batches[2][0].attributes.ApproximateReceiveCount).toBe('2');
    expect(batches[2][0].messageId).toBe(batches[1][1].messageId);
    expect(queue.stats()).toMatchObject({ sent: 3, deleted: 3, failedDeliveries: 1, deadLettered: 0 });
  });

  it('redelivers the whole batch when the handler throws', async () => {
    let calls = 0;
    const { queue, batches, bodies } = track(
      recordingQueue({
        batchWindowMs: 50,
        handler: async () => {
          calls += 1;
          if (calls === 1) throw new Error('batcher crashed');
        },
      }),
    );
    queue.send('x');
    queue.send('y');
    await drain(queue);
    expect(bodies()).toEqual([
      ['x', 'y'],
      ['x', 'y'],
    ]);
    expect(batches[1].map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['2', '2']);
    expect(batches[1][0].receiptHandle).not.toBe(batches[0][0].receiptHandle);
  });

  it('treats an unknown itemIdentifier as a failure of the whole batch', async () => {
    let calls = 0;
    const { queue, bodies } = track(
      recordingQueue({
        batchWindowMs: 50,
        handler: async () => {
          calls += 1;
          return calls === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] } : undefined;
        },
      }),
    );
    queue.send('p');
    queue.send('q');
    await drain(queue);
    expect(bodies()).toEqual([
      ['p', 'q'],
      ['p', 'q'],
    ]);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    const { queue, bodies } = track(
      recordingQueue({
        maxReceiveCount: 3,
        batchWindowMs: 50,
        handler: async (event) => ({
          batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        }),
      }),
    );
    const poisonId = queue.send('poison');
    queue.send('fine');
    await drain(queue);
    expect(bodies()).toEqual([['poison', 'fine'], ['poison'], ['poison']]);
    expect(queue.deadLetters).toEqual([
      { messageId: poisonId, body: 'poison', receiveCount: 3, lastError: 'reported in batchItemFailures' },
    ]);
  });

  it('records the thrown error text on dead letters', async () => {
    const { queue } = track(
      recordingQueue({
        maxReceiveCount: 2,
        handler: async () => {
          throw new TypeError('cannot read manifest');
        },
      }),
    );
    queue.send('always-fails');
    await drain(queue);
    expect(queue.deadLetters).toEqual([
      expect.objectContaining({ body: 'always-fails', receiveCount: 2, lastError: 'TypeError: cannot read manifest' }),
    ]);
  });

  it('delivers a message again under the duplicateDelivery fault (same id, higher receive count)', async () => {
    const faults = new Faults({ rates: { duplicateDelivery: 1 } });
    const { queue, batches } = track(recordingQueue({ faults, batchWindowMs: 30 }));
    const id = queue.send('dup');
    await drain(queue);
    const deliveries = batches.flat();
    expect(deliveries.map((r) => [r.messageId, r.body, r.attributes.ApproximateReceiveCount])).toEqual([
      [id, 'dup', '1'],
      [id, 'dup', '2'],
    ]);
    expect(faults.injected.duplicateDelivery).toBe(1);
    expect(queue.stats()).toMatchObject({ duplicates: 1, deleted: 1, deliveries: 2 });
  });

  it('runs up to maxConcurrency batches at once', async () => {
    let active = 0;
    let peak = 0;
    const { queue, bodies } = track(
      recordingQueue({
        batchSize: 1,
        maxConcurrency: 2,
        handler: async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 20)); // fake clock: drain() fires it
          active -= 1;
        },
      }),
    );
    for (let i = 0; i < 6; i++) queue.send(String(i));
    await drain(queue);
    expect(peak).toBe(2);
    expect(bodies().flat().sort()).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('counts messages and receives, resolves drained() when idle, refuses sends after stop()', async () => {
    const counters = new Counters();
    const { queue } = track(recordingQueue({ counters, batchSize: 2 }));
    await queue.drained(); // idle: resolves without any timer
    queue.send('1');
    queue.send('2');
    queue.send('3');
    await drain(queue);
    expect(counters.get('sqs.messages')).toBe(3);
    expect(counters.get('sqs.receives')).toBe(queue.stats().batches);
    expect(queue.stats()).toMatchObject({ waiting: 0, inFlight: 0, delayed: 0, deleted: 3 });
    await queue.stop();
    expect(() => queue.send('late')).toThrow(QueueStoppedError);
  });

  it('rejects a pending drained() when stopped with messages left', async () => {
    const { queue } = track(recordingQueue({ batchWindowMs: 60_000, batchSize: 100 }));
    queue.send('stuck in the window');
    const drained = queue.drained();
    await queue.stop();
    await expect(drained).rejects.toThrow(QueueStoppedError);
  });
});
