import { InvalidEventError } from '../../../../shared/errors';
import type { BatchDocument } from '../../../../shared/pipeline/batch-document';
import { parseReplayRequest, replay } from '../../../../shared/pipeline/replay';
import { fakeDeps } from '../../../support/fakes';

describe('parseReplayRequest', () => {
  it('takes a data prefix or a list of keys, force off by default', () => {
    expect(parseReplayRequest({ prefix: 'log_data/2018/11/' })).toEqual({
      prefix: 'log_data/2018/11/',
      keys: undefined,
      force: false,
      requestId: undefined,
    });
    expect(parseReplayRequest({ keys: ['song_data/A/A/A/x.json'], force: true })).toEqual({
      prefix: undefined,
      keys: ['song_data/A/A/A/x.json'],
      force: true,
      requestId: undefined,
    });
  });

  it.each([
    [{}, 'exactly one of'],
    [{ prefix: 'log_data/', keys: ['a'] }, 'exactly one of'],
    [{ keys: [] }, 'non-empty array'],
    [{ keys: [1] }, 'non-empty array'],
    [{ prefix: 'manifests/' }, 'must start with listens/ or log_data/ or song_data/ or subscriptions/'],
    [{ prefix: 'log_data/', force: 'yes' }, '"force" must be a boolean'],
    [{ prefix: 'log_data/', force: true, requestId: 'a b' }, '"requestId" must be'],
  ])('rejects %j with a clear message', (input, message) => {
    expect(() => parseReplayRequest(input)).toThrow(InvalidEventError);
    expect(() => parseReplayRequest(input)).toThrow(message);
  });
});

describe('replay', () => {
  it('loads the keys asked for, once each; reports missing keys and keys that are not data', async () => {
    // Prepare
    const { deps, storage, orchestrator } = fakeDeps();
    storage.put('log_data/2018/11/a.json', '{"a":1}');
    storage.put('song_data/A/B/C/TR1.json', '{"s":1}');
    const keys = [
      'log_data/2018/11/a.json',
      'song_data/A/B/C/TR1.json',
      'log_data/2018/11/a.json',
      'log_data/gone.json',
      'manifests/x',
    ];

    // Act
    const summary = await replay({ keys }, deps);

    // Assess
    expect(summary).toMatchObject({ files: 2, missing: ['log_data/gone.json'], ignored: ['manifests/x'] });
    expect(orchestrator.started.map((s) => s.dataset)).toEqual(['log_data', 'song_data']);
    expect(orchestrator.started.every((s) => s.force === undefined)).toBe(true);
    const doc = storage.json<BatchDocument>(orchestrator.started[0].batchKey);
    expect(doc.files).toEqual([
      { key: 'log_data/2018/11/a.json', etag: storage.objects.get('log_data/2018/11/a.json')?.etag, size: 7 },
    ]);
  });

  it('loads a prefix, ignoring what is not a data file', async () => {
    const { deps, storage, orchestrator } = fakeDeps();
    storage.put('log_data/2018/11/a.json', '{}');
    storage.put('log_data/2018/11/b.json.gz', 'gz');
    storage.put('log_data/2018/11/notes.txt', 'x');

    const summary = await replay({ prefix: 'log_data/2018/' }, deps);

    expect(summary).toMatchObject({ files: 2, ignored: ['log_data/2018/11/notes.txt'] });
    expect(orchestrator.started).toHaveLength(2); // plain and gzip are separate COPYs
  });

  it('with force, salts the batch ids (new executions) and carries force into them', async () => {
    const { deps, storage, orchestrator } = fakeDeps();
    storage.put('log_data/2018/11/a.json', '{}');

    await replay({ keys: ['log_data/2018/11/a.json'] }, deps);
    await replay({ keys: ['log_data/2018/11/a.json'], force: true }, deps);
    await replay({ keys: ['log_data/2018/11/a.json'], force: true }, deps);

    const [plain, forced1, forced2] = orchestrator.started;
    expect(new Set([plain.batchId, forced1.batchId, forced2.batchId]).size).toBe(3);
    expect([forced1.force, forced2.force]).toEqual([true, true]);
  });

  it('with force and a requestId, the same request re-sent names the same executions (started once)', async () => {
    const { deps, storage, orchestrator } = fakeDeps();
    storage.put('log_data/2018/11/a.json', '{}');
    const request = { keys: ['log_data/2018/11/a.json'], force: true, requestId: 'fix-2026-12-03-1' };

    const first = await replay(request, deps);
    const resent = await replay(request, deps);
    const other = await replay({ ...request, requestId: 'fix-2026-12-03-2' }, deps);

    expect(resent.batches.map((b) => b.batchId)).toEqual(first.batches.map((b) => b.batchId));
    expect(other.batches[0].batchId).not.toBe(first.batches[0].batchId);
    expect(orchestrator.started.map((s) => s.batchId)).toEqual([
      first.batches[0].batchId,
      first.batches[0].batchId,
      other.batches[0].batchId,
    ]);
  });
});
