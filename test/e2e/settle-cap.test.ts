import { startTestStack } from '../support/stack';

describe('the local stack settle wait', () => {
  it('is capped: it fails loudly, naming the queued messages and running executions', async () => {
    // A batch window far longer than the cap: the message is still waiting when time is up.
    const stack = await startTestStack({ batchWindowMs: 60_000 });
    try {
      stack.queue.send('{"Records":[]}');
      await expect(stack.settled(100)).rejects.toThrow(
        'local stack settle did not finish within 100 ms; still busy: queue ingest-events: 1 waiting, 0 in flight, 0 awaiting redelivery; no execution running',
      );
    } finally {
      await stack.cleanup();
    }
  });
});
