import { backfill } from '../../../../shared/pipeline/backfill';
import type { BatchDocument } from '../../../../shared/pipeline/batch-document';
import type { ListedObject } from '../../../../shared/ports';
import ledgerAllSql from '../../../../shared/sql/ledger_all.sql';
import { fakeDeps, ListingStorage, MemoryStorage, NOW } from '../../../support/fakes';

describe('backfill', () => {
  it('copes with 100k keys: lists every page, skips what the ledger has, batches the rest by the caps', async () => {
    // Prepare
    const old = new Date('2026-01-01T00:00:00Z');
    const objects: ListedObject[] = [];
    for (let i = 0; i < 100_000; i++) {
      objects.push({
        key: `song_data/A/B/C/TR${String(i).padStart(16, '0')}.json`,
        etag: `e${i}`,
        size: 300,
        lastModified: old,
      });
    }
    objects.push({ key: 'song_data/', etag: 'folder', size: 0, lastModified: old });
    // 10,000 already loaded (same ETag), 1 loaded with another ETag (changed since), 1 too recent.
    const ledger = objects.slice(0, 10_000).map((o) => ({ key: o.key, etag: o.etag }));
    ledger.push({ key: objects[10_000].key, etag: 'older-version' });
    objects[10_001] = { ...objects[10_001], lastModified: new Date(NOW.getTime() - 60_000) };
    const storage = new ListingStorage(objects);
    const { deps, warehouse, orchestrator } = fakeDeps({ storage, env: { BACKFILL_MIN_AGE_SECONDS: '900' } });
    warehouse.onQuery(ledgerAllSql, ledger);

    // Act
    const summary = await backfill(deps, NOW);

    // Assess
    expect(summary).toMatchObject({ listed: 100_000, alreadySeen: 10_000, tooRecent: 1, droppedStaging: [] });
    // 89,999 files to load, cut in key order into manifests of at most 5,000 (MANIFEST_MAX_FILES).
    expect(summary.batches.map((b) => b.files)).toEqual([...Array(17).fill(5000), 4999]);
    expect(orchestrator.started).toHaveLength(summary.batches.length);
    // Every started batch has its document; the changed file is among the files to load.
    const docs = orchestrator.started.map((s) => storage.json<BatchDocument>(s.batchKey));
    const keys = new Set(docs.flatMap((d) => d.files.map((f) => `${f.key}@${f.etag}`)));
    expect(keys.size).toBe(89_999);
    expect(keys.has(`${objects[10_000].key}@${objects[10_000].etag}`)).toBe(true);
    expect(keys.has(`${objects[10_001].key}@${objects[10_001].etag}`)).toBe(false);
  });

  it('runs no DDL (the set-up created the tables) and lists only the data prefixes', async () => {
    const storage = new MemoryStorage();
    storage.put('log_data/2018/11/a.json', '{}', { lastModified: new Date(0) });
    storage.put('quarantine/log_data/2018/11/b.json', '{}', { lastModified: new Date(0) });
    const { deps, warehouse, orchestrator } = fakeDeps({ storage });

    const summary = await backfill(deps, NOW);

    expect(warehouse.runBatches).toEqual([]);
    expect(summary).toMatchObject({ listed: 1, alreadySeen: 0, tooRecent: 0 });
    expect(orchestrator.started.map((s) => s.dataset)).toEqual(['log_data']);
  });
});
