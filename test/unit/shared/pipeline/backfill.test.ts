import { parseConfig } from '../../../../shared/config';
import { backfill } from '../../../../shared/pipeline/backfill';
import type { PipelineDeps } from '../../../../shared/pipeline/deps';
import { resetSchemaCache } from '../../../../shared/pipeline/schema';
import type {
  ExecutionInput,
  ListedObject,
  ObjectStorage,
  Orchestrator,
  Row,
  Warehouse,
} from '../../../../shared/ports';

/** In-memory ports: the backfill's listing, diff and batching, without any server. */
function ports(objects: ListedObject[], ledger: Row[]) {
  const written = new Map<string, string>();
  const started: ExecutionInput[] = [];
  const storage: ObjectStorage = {
    bucket: 'sparkify-ingest',
    putText: async (key, body) => void written.set(key, body),
    getText: async (key) => written.get(key) ?? null,
    head: async () => null,
    copy: async () => false,
    async *list(prefix) {
      // S3 pages of 1,000 keys, in key order.
      const matching = objects.filter((o) => o.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
      for (let i = 0; i < matching.length; i += 1000) yield* matching.slice(i, i + 1000);
    },
  };
  const warehouse: Warehouse = {
    submit: async () => 'id',
    submitBatch: async () => 'id',
    describe: async (id) => ({ id, status: 'FINISHED', hasResultSet: false, subStatements: [] }),
    query: async (sql) => (sql.includes('ingest.loaded_files') ? ledger : []),
    runBatch: async () => undefined,
  };
  const orchestrator: Orchestrator = {
    startBatch: async (input) => {
      started.push(input);
      return { outcome: 'started', executionName: input.batchId };
    },
  };
  return { storage, warehouse, orchestrator, written, started };
}

describe('backfill', () => {
  beforeEach(() => resetSchemaCache());

  it('copes with 100k keys: lists every page, skips what the ledger has, batches the rest by the caps', async () => {
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
    const ledger: Row[] = objects.slice(0, 10_000).map((o) => ({ key: o.key, etag: o.etag }));
    ledger.push({ key: objects[10_000].key, etag: 'older-version' });
    objects[10_001] = { ...objects[10_001], lastModified: new Date('2026-11-25T11:59:00Z') };

    const p = ports(objects, ledger);
    const cfg = parseConfig({
      INGEST_BUCKET: 'sparkify-ingest',
      REDSHIFT_WORKGROUP: 'wg',
      COPY_IAM_ROLE_ARN: 'arn:aws:iam::123456789012:role/copy',
      STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest',
      BACKFILL_MIN_AGE_SECONDS: '900',
    });
    const deps: PipelineDeps = { cfg, storage: p.storage, warehouse: p.warehouse, orchestrator: p.orchestrator };
    const summary = await backfill(deps, new Date('2026-11-25T12:00:00Z'));

    expect(summary).toMatchObject({ listed: 100_000, alreadySeen: 10_000, tooRecent: 1 });
    // 89,999 files to load, cut in key order into manifests of at most 5,000 (MANIFEST_MAX_FILES).
    expect(summary.batches.map((b) => b.files)).toEqual([...Array(17).fill(5000), 4999]);
    expect(summary.batches.reduce((n, b) => n + b.files, 0)).toBe(89_999);
    expect(p.started).toHaveLength(summary.batches.length);
    // Every started batch has its document; the changed file is among the files to load.
    const docs = [...p.written.values()].map((t) => JSON.parse(t) as { files: Array<{ key: string; etag: string }> });
    const keys = new Set(docs.flatMap((d) => d.files.map((f) => `${f.key}@${f.etag}`)));
    expect(keys.size).toBe(89_999);
    expect(keys.has(`${objects[10_000].key}@${objects[10_000].etag}`)).toBe(true);
    expect(keys.has(`${objects[10_001].key}@${objects[10_001].etag}`)).toBe(false);
  });
});
